import { parseAmountMinor } from '../money';
import { classifyRow, cleanCell, headerIndex, type Classified } from './cn-ledger';
import { cellsOf, isBlankRecord, type CsvRow, type RowCursor } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { fileError, lineError } from './errors';
import { finishResult } from './finish';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult, type SkippedRow } from './types';

/**
 * The table walk that Alipay (both layouts) and WeChat Pay share: find the header under the preamble, map
 * column names to indexes, then read rows until the table ends, skipping damaged rows with their line and
 * reason. Each layout only describes its columns and its quirks.
 */
/** `category` is the source's own category (kept on the row); `type` only helps classify (legacy 类型). */
export type LedgerColumn = 'time' | 'direction' | 'amount' | 'status' | 'counterparty' | 'description' | 'category'
  | 'type' | 'method' | 'tradeNo' | 'orderNo';

export interface LedgerLayout<Extra extends string = never> {
  format: string;
  source: string;
  /** Named in the error when no header row is found, e.g. 'Alipay'. */
  label: string;
  /** The first two header cells, which tell the header row apart from the preamble. */
  headerStart: [string, string];
  /** Header names per column; the first name found wins. Missing optional columns read as ''. */
  columns: Partial<Record<LedgerColumn | Extra, string | string[]>>;
  isTableEnd(row: RowCursor): boolean;
  /** A second column to read the time from when the first is empty (damaged legacy rows). */
  timeFallback?: Extra;
  /** Layout-specific status corrections, e.g. the legacy 成功退款 column. */
  adjustStatus?(classified: Classified, amountMinor: number, row: RowCursor, col: Record<string, number>): Classified['status'];
  /** A row the layout implies besides the payment: the legacy layout's partial refund, which has no row of its own. */
  impliedRefund?(payment: Draft, row: RowCursor, col: Record<string, number>): Draft | undefined;
}

const REQUIRED: LedgerColumn[] = ['time', 'direction', 'amount', 'status'];

/** Reads rows up to and including the header (within the first 200); undefined when there is none. */
function findHeader(rows: RowCursor, [first, second]: [string, string]): CsvRow | undefined {
  for (let r = 0; r < 200; r++) {
    if (!rows.advance()) return undefined;
    if (rows.count > 2 && rows.cell(0).trim() === first && rows.cell(1).trim() === second) {
      return { cells: cellsOf(rows), line: rows.line, unterminated: rows.unterminated };
    }
  }
  return undefined;
}

function resolveColumns(layout: LedgerLayout<string>, header: CsvRow, fileName: string): Record<string, number> {
  const index = headerIndex(header.cells);
  const col: Record<string, number> = {};
  for (const [key, names] of Object.entries(layout.columns)) {
    const candidates = typeof names === 'string' ? [names] : (names ?? []);
    const found = candidates.map((n) => index.get(n)).find((i) => i !== undefined);
    if (found === undefined && (REQUIRED as string[]).includes(key)) {
      throw lineError(fileName, header.line, `the header has no column '${candidates[0]}'`, 'no-header', { column: candidates[0] ?? key });
    }
    col[key] = found ?? -1;
  }
  return col;
}

export async function parseLedgerTable<Extra extends string>(rows: RowCursor, fileName: string, layout: LedgerLayout<Extra>, pause?: ParseOptions['pause']): Promise<ParseResult> {
  const generic = layout as unknown as LedgerLayout<string>;
  const header = findHeader(rows, layout.headerStart);
  if (!header) {
    const columns = layout.headerStart.join(',');
    throw fileError(fileName, `no ${layout.label} header row (${columns},…) was found`, { code: 'no-header', params: { format: layout.format, columns } });
  }
  const col = resolveColumns(generic, header, fileName);
  // Column indexes as plain numbers (-1 = absent): this loop runs once per row of 100k-row files.
  const at = (key: string): number => col[key] ?? -1;
  const timeAt = at('time'), amountAt = at('amount'), directionAt = at('direction'), statusAt = at('status');
  const categoryAt = at('category'), typeAt = at('type'), descriptionAt = at('description'), counterpartyAt = at('counterparty');
  const methodAt = at('method'), tradeNoAt = at('tradeNo'), orderNoAt = at('orderNo');
  const fallbackAt = layout.timeFallback ? at(layout.timeFallback) : -1;
  const cell = (i: number): string => (i < 0 ? '' : cleanCell(rows.cell(i)));
  const width = Math.max(timeAt, directionAt, amountAt, statusAt) + 1;
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  let read = 0;
  while (rows.advance()) {
    if (pause && ++read % PAUSE_EVERY === 0) await pause(drafts.length);
    const line = rows.line;
    if (layout.isTableEnd(rows)) break;
    if (isBlankRecord(rows)) continue;
    if (rows.unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed', code: 'unclosed-quote' }); break; }
    if (rows.count < width) { skipped.push({ line, reason: `the row has ${rows.count} cells, expected at least ${width}`, code: 'few-cells', params: { count: rows.count, expected: width } }); continue; }
    const timeText = rows.cell(timeAt).trim() || cell(fallbackAt);
    const occurredAt = normalizeDateTime(timeText);
    if (occurredAt === null) { skipped.push({ line, reason: `time '${timeText}' is not a date`, code: 'bad-date', params: { value: timeText } }); continue; }
    const amountText = rows.cell(amountAt).trim();
    const amount = parseAmountMinor(amountText, { currency: 'CNY' });
    if (amount === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number`, code: 'bad-amount', params: { value: amountText } }); continue; }
    const category = cell(categoryAt);
    const description = cell(descriptionAt);
    const classified = classifyRow(cell(directionAt), cell(statusAt), category || cell(typeAt), description);
    const draft: Draft = {
      occurredAt,
      amountMinor: classified.sign * Math.abs(amount),
      currency: 'CNY',
      counterparty: cell(counterpartyAt),
      description,
      kind: classified.kind,
      status: generic.adjustStatus ? generic.adjustStatus(classified, amount, rows, col) : classified.status,
      source: layout.source,
    };
    if (category) draft.category = category;
    const method = cell(methodAt);
    if (method) draft.paymentMethod = method;
    const tradeNo = cell(tradeNoAt);
    if (tradeNo) draft.externalId = tradeNo;
    const orderNo = cell(orderNoAt);
    if (orderNo) draft.merchantOrderId = orderNo;
    drafts.push(draft);
    const refund = generic.impliedRefund?.(draft, rows, col);
    if (refund) drafts.push(refund);
  }
  return finishResult(layout.format, drafts, skipped);
}
