import { minorToDecimalString, parseAmountMinor } from '../money';
import { assignFingerprints, TRANSACTION_KINDS, TRANSACTION_STATUSES, type Transaction, type TransactionKind, type TransactionStatus } from '../transaction';
import type { RowCursor } from './csv-tokenizer';
import { isBlankRecord } from './csv-tokenizer';
import { normalizeDateTime } from './dates';
import { emptyFile } from './errors';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult, type SkippedRow } from './types';

/**
 * Quanzi's own CSV: the stored transactions written out for a spreadsheet, and read back exactly. It is written in
 * the UI language (its header, and the words for kind and status) and read in either, so a file written on one
 * device is recognised on another; every row keeps its fingerprint, so importing the file where its rows already
 * are adds nothing.
 */
export type QuanziCsvLanguage = 'en' | 'zh';

export const QUANZI_CSV_COLUMNS = [
  'Date', 'Amount', 'Currency', 'Payee', 'Description', 'Category', 'Kind', 'Status', 'Payment method', 'Transaction id',
  'Merchant order id', 'Refund of', 'Source', 'Fingerprint',
] as const;

const COLUMNS: Record<QuanziCsvLanguage, readonly string[]> = {
  en: QUANZI_CSV_COLUMNS,
  zh: ['日期', '金额', '币种', '交易对方', '说明', '分类', '类型', '状态', '支付方式', '交易号', '商家订单号', '退款原交易', '来源', '指纹'],
};

/** The words for kind and status in each language (English: the stored codes themselves). */
const WORDS: Record<QuanziCsvLanguage, Record<TransactionKind | TransactionStatus, string>> = {
  en: Object.fromEntries([...TRANSACTION_KINDS, ...TRANSACTION_STATUSES].map((code) => [code, code])) as Record<TransactionKind | TransactionStatus, string>,
  zh: {
    expense: '支出', income: '收入', refund: '退款', transfer: '转账',
    completed: '已完成', refunded: '已退款', closed: '已关闭', pending: '处理中', failed: '失败',
  },
};

const HEADERS = Object.fromEntries(Object.entries(COLUMNS).map(([language, columns]) => [language, columns.join(',')])) as Record<QuanziCsvLanguage, string>;
export const QUANZI_CSV_HEADER = HEADERS.en;

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
export function transactionsToCsv(rows: Iterable<Transaction>, language: QuanziCsvLanguage = 'en'): string {
  const words = WORDS[language];
  const lines = ['\uFEFF' + HEADERS[language]];
  for (const r of rows) {
    lines.push([
      r.occurredAt, minorToDecimalString(r.amountMinor, r.currency), r.currency, textCell(r.counterparty), textCell(r.description),
      textCell(r.category), words[r.kind], words[r.status], textCell(r.paymentMethod), textCell(r.externalId), textCell(r.merchantOrderId),
      r.refundOf ?? '', textCell(r.source), r.fingerprint,
    ].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** The language of Quanzi's own CSV whose decoded head this is (its first line is exactly a header), if it is one. */
function quanziCsvLanguage(head: string): QuanziCsvLanguage | undefined {
  const first = head.replace(/^\uFEFF/, '');
  return (Object.keys(HEADERS) as QuanziCsvLanguage[]).find((language) => first.startsWith(HEADERS[language]));
}

export function isQuanziCsv(head: string): boolean {
  return quanziCsvLanguage(head) !== undefined;
}

/** A kind or status word of the file's language, or the stored code (which any file may hold). */
function codeOf<T extends string>(word: string, codes: readonly T[], language: QuanziCsvLanguage): T | undefined {
  return codes.find((code) => code === word || WORDS[language][code as TransactionKind | TransactionStatus] === word);
}

type Kept = Draft & { fingerprint?: string };

export async function parseQuanziCsv(rows: RowCursor, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  if (!rows.advance()) throw emptyFile(fileName);
  const language = quanziCsvLanguage(Array.from({ length: rows.count }, (_, i) => rows.cell(i)).join(',')) ?? 'en';
  const columns = COLUMNS[language];
  const wordsFor = (codes: readonly (TransactionKind | TransactionStatus)[], separator = ', ') => codes.map((code) => WORDS[language][code]).join(separator);
  // The words listed in a reason are the file's (what the person can type in that file), separated as its language does.
  const allowed = (codes: readonly (TransactionKind | TransactionStatus)[]) => wordsFor(codes, language === 'zh' ? '、' : ', ');
  const skipped: SkippedRow[] = [];
  const drafts: Kept[] = [];
  const seen = new Set<string>();
  const cell = (i: number) => fromTextCell(rows.cell(i).trim());
  let read = 0;
  while (rows.advance()) {
    if (pause && ++read % PAUSE_EVERY === 0) await pause(drafts.length);
    const line = rows.line;
    if (isBlankRecord(rows)) continue;
    if (rows.unterminated) { skipped.push({ line, reason: 'a quoted cell is never closed', code: 'unclosed-quote' }); break; }
    if (rows.count < REQUIRED_CELLS) { skipped.push({ line, reason: `the row has ${rows.count} cells, expected at least ${REQUIRED_CELLS} (${columns[0]} to ${columns[REQUIRED_CELLS - 1]})`, code: 'few-cells', params: { count: rows.count, expected: REQUIRED_CELLS } }); continue; }
    const [date, amountText, currency, kindWord, statusWord] = [cell(0), cell(1), cell(2), cell(6), cell(7)];
    // Year first in any of the usual shapes: a spreadsheet that saved the file again may have written 2024/5/30 8:15.
    const occurredAt = normalizeDateTime(date);
    if (occurredAt === null) { skipped.push({ line, reason: `date '${date}' is not a date (year first, as 2024-05-30 or 2024-05-30T08:15:00)`, code: 'date-year-first', params: { value: date } }); continue; }
    if (!CURRENCY.test(currency)) { skipped.push({ line, reason: `currency '${currency}' is not a three-letter code`, code: 'bad-currency', params: { value: currency } }); continue; }
    const amountMinor = parseAmountMinor(amountText, { currency });
    if (amountMinor === null) { skipped.push({ line, reason: `amount '${amountText}' is not a number`, code: 'bad-amount', params: { value: amountText } }); continue; }
    const kind = codeOf(kindWord, TRANSACTION_KINDS, language);
    if (!kind) { skipped.push({ line, reason: `kind '${kindWord}' is not one of ${wordsFor(TRANSACTION_KINDS)}`, code: 'bad-kind', params: { value: kindWord, allowed: allowed(TRANSACTION_KINDS) } }); continue; }
    const status = codeOf(statusWord, TRANSACTION_STATUSES, language);
    if (!status) { skipped.push({ line, reason: `status '${statusWord}' is not one of ${wordsFor(TRANSACTION_STATUSES)}`, code: 'bad-status', params: { value: statusWord, allowed: allowed(TRANSACTION_STATUSES) } }); continue; }
    const fingerprint = cell(13);
    if (fingerprint && !FINGERPRINT.test(fingerprint)) { skipped.push({ line, reason: `fingerprint '${fingerprint}' is not 16 hex digits`, code: 'bad-fingerprint', params: { value: fingerprint } }); continue; }
    if (fingerprint && seen.has(fingerprint)) { skipped.push({ line, reason: `fingerprint ${fingerprint} is on an earlier row too`, code: 'repeated-fingerprint', params: { value: fingerprint } }); continue; }
    if (fingerprint) seen.add(fingerprint);
    const draft: Kept = {
      occurredAt, amountMinor, currency, counterparty: cell(3), description: cell(4), kind, status, source: cell(12) || 'quanzi-csv',
    };
    const optional = { category: cell(5), paymentMethod: cell(8), externalId: cell(9), merchantOrderId: cell(10), refundOf: cell(11) };
    for (const [key, value] of Object.entries(optional)) if (value) (draft as unknown as Record<string, string>)[key] = value;
    if (fingerprint) draft.fingerprint = fingerprint;
    drafts.push(draft);
  }
  // A row someone added by hand in the spreadsheet has no fingerprint yet: it gets one as any statement row does, and
  // never one a row of the file already carries (a copied row whose fingerprint was cleared would get the same).
  assignFingerprints(drafts.filter((d) => d.fingerprint === undefined), seen);
  return { format: 'quanzi-csv', transactions: drafts as Transaction[], skipped };
}
