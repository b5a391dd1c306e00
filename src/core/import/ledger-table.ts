import { parseAmountMinor } from '../money';
import { classifyRow, cleanCell, headerIndex, type Classified } from './cn-ledger';
import { isBlankRow, type CsvRow, type RowSource } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { ImportError } from './errors';
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
  isTableEnd(cells: string[]): boolean;
  /** A second column to read the time from when the first is empty (damaged legacy rows). */
  timeFallback?: Extra;
  /** Layout-specific status corrections, e.g. the legacy 成功退款 column. */
  adjustStatus?(classified: Classified, amountMinor: number, cells: string[], col: Record<string, number>): Classified['status'];
}

const REQUIRED: LedgerColumn[] = ['time', 'direction', 'amount', 'status'];

/** Reads rows up to and including the header (within the first 200); undefined when there is none. */
function findHeader(rows: RowSource, [first, second]: [string, string]): CsvRow | undefined {
  for (let r = 0; r < 200; r++) {
    const row = rows.next();
    if (!row) return undefined;
    const cells = row.cells;
    if (cells.length > 2 && cells[0].trim() === first && cells[1].trim() === second) return row;
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
      throw new ImportError(`${fileName} line ${header.line}: the header has no column '${candidates[0]}'`, { line: header.line, code: 'no-header' });
    }
    col[key] = found ?? -1;
  }
  return col;
}

export async function parseLedgerTable<Extra extends string>(rows: RowSource, fileName: string, layout: LedgerLayout<Extra>, pause?: ParseOptions['pause']): Promise<ParseResult> {
  const generic = layout as unknown as LedgerLayout<string>;
  const header = findHeader(rows, layout.headerStart);
  if (!header) {
    throw new ImportError(`${fileName}: no ${layout.label} header row (${layout.headerStart.join(',')},…) was found`, { code: 'no-header' });
  }
  const col = resolveColumns(generic, header, fileName);
  const cell = (cells: string[], key: string) => (col[key] === undefined || col[key] < 0 ? '' : cleanCell(cells[col[key]]));
  const width = Math.max(col.time, col.direction, col.amount, col.status) + 1;
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  let read = 0;
  for (let row = rows.next(); row; row = rows.next()) {
    if (pause && ++read % PAUSE_EVERY === 0) await pause(drafts.length);
    const { cells, line, unterminated } = row;
    if (layout.isTableEnd(cells)) break;
    if (isBlankRow(cells)) continue;
    if (unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed' }); break; }
    if (cells.length < width) { skipped.push({ line, reason: `the row has ${cells.length} cells, expected at least ${width}` }); continue; }
    const timeText = cells[col.time].trim() || (layout.timeFallback ? cell(cells, layout.timeFallback) : '');
    const occurredAt = normalizeDateTime(timeText);
    if (occurredAt === null) { skipped.push({ line, reason: `time '${timeText}' is not a date` }); continue; }
    const amountText = cells[col.amount].trim();
    const amount = parseAmountMinor(amountText, { currency: 'CNY' });
    if (amount === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number` }); continue; }
    const category = cell(cells, 'category');
    const description = cell(cells, 'description');
    const classified = classifyRow(cell(cells, 'direction'), cell(cells, 'status'), category || cell(cells, 'type'), description);
    const draft: Draft = {
      occurredAt,
      amountMinor: classified.sign * Math.abs(amount),
      currency: 'CNY',
      counterparty: cell(cells, 'counterparty'),
      description,
      kind: classified.kind,
      status: generic.adjustStatus ? generic.adjustStatus(classified, amount, cells, col) : classified.status,
      source: layout.source,
    };
    if (category) draft.category = category;
    const method = cell(cells, 'method');
    if (method) draft.paymentMethod = method;
    const tradeNo = cell(cells, 'tradeNo');
    if (tradeNo) draft.externalId = tradeNo;
    const orderNo = cell(cells, 'orderNo');
    if (orderNo) draft.merchantOrderId = orderNo;
    drafts.push(draft);
  }
  return finishResult(layout.format, drafts, skipped);
}
