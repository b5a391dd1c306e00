import { parseAmountMinor } from '../money';
import { classifyRow, cleanCell, headerIndex } from './cn-ledger';
import { isBlankRow, tokenizeCsv, type CsvRow } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { ImportError } from './errors';
import { finishResult } from './finish';
import type { Draft, ParseResult, SkippedRow } from './types';

/**
 * Alipay 支付宝 交易明细 CSV, both layouts:
 * - 2022+: preamble, dashed line, header 交易时间,交易分类,...; tabs after order ids; closing dashed line.
 * - legacy: 交易号,商家订单号,交易创建时间,... with space-padded cells and summary lines after the table.
 * Text arrives already decoded (GB18030) by detect.ts.
 */
const NEW_COLUMNS = { time: '交易时间', category: '交易分类', counterparty: '交易对方', description: '商品说明', direction: '收/支', amount: '金额', method: '收/付款方式', status: '交易状态', tradeNo: '交易订单号', orderNo: '商家订单号' } as const;
const LEGACY_COLUMNS = { tradeNo: '交易号', orderNo: '商家订单号', created: '交易创建时间', paid: '付款时间', type: '类型', counterparty: '交易对方', description: '商品名称', amount: '金额(元)', direction: '收/支', status: '交易状态', refunded: '成功退款(元)' } as const;

type Columns<T> = { [K in keyof T]: number };

function resolveColumns<T extends Record<string, string>>(names: T, header: CsvRow, required: (keyof T)[], fileName: string): Columns<T> {
  const index = headerIndex(header.cells);
  const out = {} as Columns<T>;
  for (const key of Object.keys(names) as (keyof T)[]) {
    const i = index.get(names[key]);
    if (i === undefined && required.includes(key)) {
      throw new ImportError(`${fileName} line ${header.line}: the header has no column '${names[key]}'`, { line: header.line, code: 'no-header' });
    }
    out[key] = i ?? -1;
  }
  return out;
}

function findHeader(rows: CsvRow[], first: string, second: string): number {
  const limit = Math.min(rows.length, 200);
  for (let r = 0; r < limit; r++) {
    const cells = rows[r].cells;
    if (cells.length > 2 && cells[0].trim() === first && cells[1].trim() === second) return r;
  }
  return -1;
}

function isTableEnd(cells: string[]): boolean {
  const first = cells[0].trimStart();
  return first.startsWith('---') || (cells.length <= 2 && /^共\d+笔记录/.test(first));
}

function cell(cells: string[], i: number): string {
  return i < 0 ? '' : cleanCell(cells[i]);
}

export function parseAlipay(text: string, fileName: string): ParseResult {
  const rows = tokenizeCsv(text);
  const h = findHeader(rows, '交易时间', '交易分类');
  if (h < 0) throw new ImportError(`${fileName}: no Alipay header row (交易时间,交易分类,…) was found`, { code: 'no-header' });
  const col = resolveColumns(NEW_COLUMNS, rows[h], ['time', 'direction', 'amount', 'status'], fileName);
  const width = Math.max(col.time, col.direction, col.amount, col.status) + 1;
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  for (let r = h + 1; r < rows.length; r++) {
    const { cells, line, unterminated } = rows[r];
    if (isTableEnd(cells)) break;
    if (isBlankRow(cells)) continue;
    if (unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed' }); break; }
    if (cells.length < width) { skipped.push({ line, reason: `the row has ${cells.length} cells, expected at least ${width}` }); continue; }
    const timeText = cells[col.time].trim();
    const occurredAt = normalizeDateTime(timeText);
    if (occurredAt === null) { skipped.push({ line, reason: `time '${timeText}' is not a date` }); continue; }
    const amountText = cells[col.amount].trim();
    const amount = parseAmountMinor(amountText, { currency: 'CNY' });
    if (amount === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number` }); continue; }
    const category = cell(cells, col.category);
    const description = cell(cells, col.description);
    const statusText = cell(cells, col.status);
    const c = classifyRow(cell(cells, col.direction), statusText, category, description);
    const draft: Draft = {
      occurredAt,
      amountMinor: c.sign * Math.abs(amount),
      currency: 'CNY',
      counterparty: cell(cells, col.counterparty),
      description,
      kind: c.kind,
      status: c.status,
      source: 'alipay',
    };
    if (category) draft.category = category;
    const method = cell(cells, col.method);
    if (method) draft.paymentMethod = method;
    const tradeNo = cell(cells, col.tradeNo);
    if (tradeNo) draft.externalId = tradeNo;
    const orderNo = cell(cells, col.orderNo);
    if (orderNo) draft.merchantOrderId = orderNo;
    drafts.push(draft);
  }
  return finishResult('alipay', drafts, skipped);
}

export function parseAlipayLegacy(text: string, fileName: string): ParseResult {
  const rows = tokenizeCsv(text);
  const h = findHeader(rows, '交易号', '商家订单号');
  if (h < 0) throw new ImportError(`${fileName}: no Alipay header row (交易号,商家订单号,…) was found`, { code: 'no-header' });
  const col = resolveColumns(LEGACY_COLUMNS, rows[h], ['created', 'amount', 'direction', 'status'], fileName);
  const width = Math.max(col.created, col.amount, col.direction, col.status) + 1;
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  for (let r = h + 1; r < rows.length; r++) {
    const { cells, line, unterminated } = rows[r];
    if (isTableEnd(cells)) break;
    if (isBlankRow(cells)) continue;
    if (unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed' }); break; }
    if (cells.length < width) { skipped.push({ line, reason: `the row has ${cells.length} cells, expected at least ${width}` }); continue; }
    // 交易创建时间 is what the 2022+ layout calls 交易时间; 付款时间 is the fallback for damaged rows.
    const timeText = cells[col.created].trim() || cell(cells, col.paid);
    const occurredAt = normalizeDateTime(timeText);
    if (occurredAt === null) { skipped.push({ line, reason: `time '${timeText}' is not a date` }); continue; }
    const amountText = cells[col.amount].trim();
    const amount = parseAmountMinor(amountText, { currency: 'CNY' });
    if (amount === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number` }); continue; }
    const type = cell(cells, col.type);
    const description = cell(cells, col.description);
    const statusText = cell(cells, col.status);
    const c = classifyRow(cell(cells, col.direction), statusText, type, description);
    let status = c.status;
    if (c.kind === 'expense' && status === 'completed' && col.refunded >= 0) {
      const refunded = parseAmountMinor(cells[col.refunded]?.trim() ?? '', { currency: 'CNY' });
      // 成功退款 equal to the amount means the whole payment came back.
      if (refunded !== null && refunded !== 0 && refunded === Math.abs(amount)) status = 'refunded';
    }
    const draft: Draft = {
      occurredAt,
      amountMinor: c.sign * Math.abs(amount),
      currency: 'CNY',
      counterparty: cell(cells, col.counterparty),
      description,
      kind: c.kind,
      status,
      source: 'alipay',
    };
    const tradeNo = cell(cells, col.tradeNo);
    if (tradeNo) draft.externalId = tradeNo;
    const orderNo = cell(cells, col.orderNo);
    if (orderNo) draft.merchantOrderId = orderNo;
    drafts.push(draft);
  }
  return finishResult('alipay-legacy', drafts, skipped);
}
