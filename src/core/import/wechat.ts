import { parseAmountMinor } from '../money';
import { classifyRow, cleanCell, headerIndex } from './cn-ledger';
import { isBlankRow, tokenizeCsv, type CsvRow } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { ImportError } from './errors';
import { finishResult } from './finish';
import type { Draft, ParseResult, SkippedRow } from './types';

/**
 * WeChat Pay 微信支付账单: the CSV (UTF-8 with BOM, preamble, `¥1,020.50` amounts) and the .xlsx (same columns,
 * see wechat-xlsx.ts). Both hand rows of cells to `wechatRowsToResult`.
 */
const COLUMNS = { time: '交易时间', type: '交易类型', counterparty: '交易对方', description: '商品', direction: '收/支', amount: '金额(元)', method: '支付方式', status: '当前状态', tradeNo: '交易单号', orderNo: '商户单号' } as const;
const REQUIRED = ['time', 'direction', 'amount', 'status'] as const;

/** A row from either source. `time` may already be ISO (xlsx serial dates are converted before). */
export function wechatRowsToResult(rows: CsvRow[], fileName: string, format: string): ParseResult {
  let h = -1;
  for (let r = 0; r < Math.min(rows.length, 200); r++) {
    const cells = rows[r].cells;
    if (cells.length > 2 && cells[0].trim() === '交易时间' && cells[1].trim() === '交易类型') { h = r; break; }
  }
  if (h < 0) throw new ImportError(`${fileName}: no WeChat Pay header row (交易时间,交易类型,…) was found`, { code: 'no-header' });
  const index = headerIndex(rows[h].cells);
  const col = {} as Record<keyof typeof COLUMNS, number>;
  for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const i = index.get(COLUMNS[key]) ?? index.get(COLUMNS[key].replace('(元)', ''));
    if (i === undefined && (REQUIRED as readonly string[]).includes(key)) {
      throw new ImportError(`${fileName} line ${rows[h].line}: the header has no column '${COLUMNS[key]}'`, { line: rows[h].line, code: 'no-header' });
    }
    col[key] = i ?? -1;
  }
  const width = Math.max(col.time, col.direction, col.amount, col.status) + 1;
  const at = (cells: string[], i: number) => (i < 0 ? '' : cleanCell(cells[i]));
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  for (let r = h + 1; r < rows.length; r++) {
    const { cells, line, unterminated } = rows[r];
    if (cells[0] !== undefined && cells[0].trimStart().startsWith('---')) break;
    if (isBlankRow(cells)) continue;
    if (unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed' }); break; }
    if (cells.length < width) { skipped.push({ line, reason: `the row has ${cells.length} cells, expected at least ${width}` }); continue; }
    const timeText = cells[col.time].trim();
    const occurredAt = normalizeDateTime(timeText);
    if (occurredAt === null) { skipped.push({ line, reason: `time '${timeText}' is not a date` }); continue; }
    const amountText = cells[col.amount].trim();
    const amount = parseAmountMinor(amountText, { currency: 'CNY' });
    if (amount === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number` }); continue; }
    const type = at(cells, col.type);
    const description = at(cells, col.description);
    const c = classifyRow(cells[col.direction].trim(), at(cells, col.status), type, description);
    const draft: Draft = {
      occurredAt,
      amountMinor: c.sign * Math.abs(amount),
      currency: 'CNY',
      counterparty: at(cells, col.counterparty),
      description,
      kind: c.kind,
      status: c.status,
      source: 'wechat',
    };
    if (type) draft.category = type;
    const method = at(cells, col.method);
    if (method) draft.paymentMethod = method;
    const tradeNo = at(cells, col.tradeNo);
    if (tradeNo) draft.externalId = tradeNo;
    const orderNo = at(cells, col.orderNo);
    if (orderNo) draft.merchantOrderId = orderNo;
    drafts.push(draft);
  }
  return finishResult(format, drafts, skipped);
}

export function parseWechatCsv(text: string, fileName: string): ParseResult {
  return wechatRowsToResult(tokenizeCsv(text), fileName, 'wechat-csv');
}
