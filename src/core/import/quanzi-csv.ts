import { minorToDecimalString, parseAmountMinor } from '../money';
import { assignFingerprints, TRANSACTION_KINDS, TRANSACTION_STATUSES, type Transaction, type TransactionKind, type TransactionStatus } from '../transaction';
import type { RowCursor } from './csv-tokenizer';
import { isBlankRecord } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { ImportError } from './errors';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult, type SkippedRow } from './types';

/**
 * Quanzi's own CSV: the stored transactions written out for a spreadsheet, and read back exactly. The header is
 * fixed (English, whatever the UI language) so a file written on one device is recognised on another; every row
 * keeps its fingerprint, so importing the file where its rows already are adds nothing.
 */
export const QUANZI_CSV_COLUMNS = [
  'Date', 'Amount', 'Currency', 'Payee', 'Description', 'Category', 'Kind', 'Status', 'Payment method', 'Transaction id',
  'Merchant order id', 'Refund of', 'Source', 'Fingerprint',
] as const;

export const QUANZI_CSV_HEADER = QUANZI_CSV_COLUMNS.join(',');

/** Date to Status must be there; the columns after them may be cut off (an edit in a spreadsheet), read as empty. */
const REQUIRED_CELLS = QUANZI_CSV_COLUMNS.indexOf('Status') + 1;

const CURRENCY = /^[A-Z]{3}$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula: a payee named `=HYPERLINK(…)` on
 * a statement must stay text. Such cells get a leading apostrophe, which the reader removes; so does a cell that
 * starts with an apostrophe itself, so that one reads back as it was.
 */
const NEEDS_GUARD = /^['=+\-@\t\r]/;
const GUARDED = /^'['=+\-@\t\r]/;

function textCell(text: string | undefined): string {
  if (!text) return '';
  const safe = NEEDS_GUARD.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function fromTextCell(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/** The rows as a UTF-8 CSV with a BOM (so spreadsheet apps read the Chinese text right) and CRLF line ends. */
export function transactionsToCsv(rows: Iterable<Transaction>): string {
  const lines = ['\uFEFF' + QUANZI_CSV_HEADER];
  for (const r of rows) {
    lines.push([
      r.occurredAt, minorToDecimalString(r.amountMinor, r.currency), r.currency, textCell(r.counterparty), textCell(r.description),
      textCell(r.category), r.kind, r.status, textCell(r.paymentMethod), textCell(r.externalId), textCell(r.merchantOrderId),
      r.refundOf ?? '', textCell(r.source), r.fingerprint,
    ].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Whether a decoded head is Quanzi's own CSV (its first line is exactly the header). */
export function isQuanziCsv(head: string): boolean {
  return head.replace(/^\uFEFF/, '').startsWith(QUANZI_CSV_HEADER);
}

type Kept = Draft & { fingerprint?: string };

export async function parseQuanziCsv(rows: RowCursor, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  if (!rows.advance()) throw new ImportError(`${fileName} is empty`, { code: 'empty' });
  const skipped: SkippedRow[] = [];
  const drafts: Kept[] = [];
  const seen = new Set<string>();
  const cell = (i: number) => fromTextCell(rows.cell(i).trim());
  let read = 0;
  while (rows.advance()) {
    if (pause && ++read % PAUSE_EVERY === 0) await pause(drafts.length);
    const line = rows.line;
    if (isBlankRecord(rows)) continue;
    if (rows.unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed' }); break; }
    if (rows.count < REQUIRED_CELLS) { skipped.push({ line, reason: `the row has ${rows.count} cells, expected at least ${REQUIRED_CELLS} (Date to Status)` }); continue; }
    const [date, amountText, currency, kind, status] = [cell(0), cell(1), cell(2), cell(6), cell(7)];
    // Year first in any of the usual shapes: a spreadsheet that saved the file again may have written 2024/5/30 8:15.
    const occurredAt = normalizeDateTime(date);
    if (occurredAt === null) { skipped.push({ line, reason: `date '${date}' is not a date (year first, as 2024-05-30 or 2024-05-30T08:15:00)` }); continue; }
    if (!CURRENCY.test(currency)) { skipped.push({ line, reason: `currency '${currency}' is not a three-letter code` }); continue; }
    const amountMinor = parseAmountMinor(amountText, { currency });
    if (amountMinor === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number` }); continue; }
    if (!(TRANSACTION_KINDS as readonly string[]).includes(kind)) { skipped.push({ line, reason: `kind '${kind}' is not one of ${TRANSACTION_KINDS.join(', ')}` }); continue; }
    if (!(TRANSACTION_STATUSES as readonly string[]).includes(status)) { skipped.push({ line, reason: `status '${status}' is not one of ${TRANSACTION_STATUSES.join(', ')}` }); continue; }
    const fingerprint = cell(13);
    if (fingerprint && !FINGERPRINT.test(fingerprint)) { skipped.push({ line, reason: `fingerprint '${fingerprint}' is not 16 hex digits` }); continue; }
    if (fingerprint && seen.has(fingerprint)) { skipped.push({ line, reason: `fingerprint ${fingerprint} is on an earlier row too` }); continue; }
    if (fingerprint) seen.add(fingerprint);
    const draft: Kept = {
      occurredAt, amountMinor, currency, counterparty: cell(3), description: cell(4), kind: kind as TransactionKind,
      status: status as TransactionStatus, source: cell(12) || 'quanzi-csv',
    };
    const optional = { category: cell(5), paymentMethod: cell(8), externalId: cell(9), merchantOrderId: cell(10), refundOf: cell(11) };
    for (const [key, value] of Object.entries(optional)) if (value) (draft as unknown as Record<string, string>)[key] = value;
    if (fingerprint) draft.fingerprint = fingerprint;
    drafts.push(draft);
  }
  // A row someone added by hand in the spreadsheet has no fingerprint yet: it gets one as any statement row does.
  assignFingerprints(drafts.filter((d) => d.fingerprint === undefined));
  return { format: 'quanzi-csv', transactions: drafts as Transaction[], skipped };
}
