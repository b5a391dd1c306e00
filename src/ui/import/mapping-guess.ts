/**
 * First guesses for the CSV mapping form, from the header names and the sample rows. They only pre-fill the form:
 * the person sees the preview and confirms. Pure, so the unit tests pin them.
 */
import { parseMappedDate } from '../../core/import/csv-generic';
import { CSV_DATE_FORMATS, type CsvDateFormat, type CsvMapping } from '../../core/import/csv-mapping';
import { parseAmountMinor } from '../../core/money';
import type { Locale } from '../../i18n/translate';

/** Picks the first header containing one of the hints (case-insensitive), else the fallback column index. */
export function guessColumn(headers: string[], hints: string[], fallback: number): number {
  const lower = headers.map((h) => h.toLowerCase());
  for (const hint of hints) {
    const i = lower.findIndex((h) => h.includes(hint));
    if (i >= 0) return i;
  }
  return fallback < headers.length ? fallback : -1;
}

/** A column's non-blank sample values (none for -1, the form's "no column"). */
export function columnSamples(rows: readonly string[][], column: number): string[] {
  if (column < 0) return [];
  return rows.map((row) => (row[column] ?? '').trim()).filter((value) => value !== '');
}

/** The format that reads the most samples; on a tie the earlier in CSV_DATE_FORMATS. */
function bestOf<T>(candidates: readonly T[], reads: (candidate: T) => number): T {
  let best = candidates[0] as T;
  let bestCount = -1;
  for (const candidate of candidates) {
    const count = reads(candidate);
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/**
 * The first supported format every sample date reads under, with the import's own date reader. CSV_DATE_FORMATS
 * lists day-first before month-first, so only a sample that decides it (a day above 12, `03/15/2024`) makes a
 * file month-first. With no format reading them all (a stray bad row), the one reading the most wins.
 */
export function guessDateFormat(samples: readonly string[]): CsvDateFormat {
  const format = bestOf(CSV_DATE_FORMATS, (f) => samples.filter((s) => parseMappedDate(s, f) !== null).length);
  // DD/MM/YYYY and DD.MM.YYYY read the same dates; the one spelled as the file writes them is the one a person
  // recognises on the form.
  if (format === 'DD/MM/YYYY' && samples.length > 0 && samples.every((s) => /^\d{1,2}\.\d{1,2}\./.test(s))) return 'DD.MM.YYYY';
  return format;
}

/**
 * ',' when more sample amounts read with a decimal comma than with a point (`-12,50`, `1.234,56`), else '.'.
 * The money reader refuses a grouping that does not fit (`12,50` is no thousands group), so counting what each
 * separator reads decides; amounts that read either way (`100`) count for both.
 */
export function guessDecimal(samples: readonly string[], currency: string): '.' | ',' {
  return bestOf(['.', ','] as const, (decimal) => samples.filter((s) => parseAmountMinor(s, { decimal, currency }) !== null).length);
}

/** The currency a new mapping starts with: the one a person using the app in this language most likely holds. */
export function defaultCurrency(locale: Locale): string {
  return locale === 'zh-CN' ? 'CNY' : 'USD';
}

const CURRENCY_CODES = new Set(['EUR', 'USD', 'GBP', 'CNY', 'JPY', 'CHF', 'CAD', 'AUD', 'HKD', 'SGD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'NZD']);
const CURRENCY_SIGNS: [RegExp, string][] = [[/€/, 'EUR'], [/£/, 'GBP'], [/[¥￥]|\bRMB\b|人民币|元/, 'CNY']];
/** Header words of banks in the euro area (German, French, Spanish, Italian, Dutch exports). */
const EURO_HEADERS = ['betrag', 'buchungstag', 'verwendungszweck', 'empfänger', 'umsatz', 'montant', 'libellé', 'importe', 'importo', 'bedrag'];

/**
 * The statement's own currency when the file says it: an ISO code or a sign in the headers or sample cells, else the
 * header language of a euro-area bank (Betrag, Montant …), else the UI language's. An en-US browser importing a
 * German bank's CSV started from USD, and every row was booked in dollars.
 */
export function guessCurrency(inspection: { headers: string[]; sampleRows: string[][] }, locale: Locale): string {
  const texts = [...inspection.headers, ...inspection.sampleRows.flat()];
  const codes = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.toUpperCase().match(/\b[A-Z]{3}\b/g) ?? []) if (CURRENCY_CODES.has(word)) codes.set(word, (codes.get(word) ?? 0) + 1);
  }
  const mostNamed = [...codes].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (mostNamed) return mostNamed;
  for (const [sign, code] of CURRENCY_SIGNS) if (texts.some((text) => sign.test(text))) return code;
  const headers = inspection.headers.map((h) => h.toLowerCase());
  if (headers.some((h) => EURO_HEADERS.some((word) => h.includes(word)))) return 'EUR';
  return defaultCurrency(locale);
}

/** The form's starting point; -1 is "no column". */
export interface MappingGuess {
  dateColumn: number;
  dateFormat: CsvDateFormat;
  amountMode: 'single' | 'pair';
  amountColumn: number;
  debitColumn: number;
  creditColumn: number;
  payeeColumn: number;
  memoColumn: number;
  decimal: '.' | ',';
  currency: string;
}

const AMOUNT_HINTS = ['amount', 'betrag', 'montant', 'importe', 'importo', 'bedrag', '金额'];
const DEBIT_HINTS = ['debit', 'débit', 'soll', 'withdrawal', 'money out', 'paid out', 'ausgang', '支出'];
const CREDIT_HINTS = ['credit', 'crédit', 'haben', 'deposit', 'money in', 'paid in', 'eingang', '收入'];
const PAYEE_HINTS = ['payee', 'name', 'empfänger', 'counterparty', 'merchant', '对方'];
const TEXT_HINTS = ['description', 'beschreibung', 'libellé', 'omschrijving', 'details', 'memo', 'verwendungszweck', 'reference', '摘要', '备注'];

/** The first header holding a hint that is not one of the columns already taken; -1 when none. */
function guessOther(headers: string[], hints: string[], taken: number[]): number {
  const lower = headers.map((h) => h.toLowerCase());
  for (const hint of hints) {
    const i = lower.findIndex((h, index) => h.includes(hint) && !taken.includes(index));
    if (i >= 0) return i;
  }
  return -1;
}

/** The column whose samples read as amounts most often (not the date's); `fallback` when none reads at all. */
function mostAmountLike(headers: string[], sampleRows: string[][], dateColumn: number, fallback: number): number {
  let best = -1;
  let bestCount = 0;
  headers.forEach((_, column) => {
    if (column === dateColumn) return;
    const reads = columnSamples(sampleRows, column).filter((s) => /\d/.test(s)
      && (parseAmountMinor(s, { decimal: '.', currency: 'USD' }) !== null || parseAmountMinor(s, { decimal: ',', currency: 'USD' }) !== null)).length;
    if (reads > bestCount) [best, bestCount] = [column, reads];
  });
  return best >= 0 ? best : fallback < headers.length ? fallback : -1;
}

/**
 * A named amount column means one signed column; no such name but a debit and a credit column (Soll/Haben,
 * Withdrawal/Deposit) means the pair. With neither, the column whose samples read as amounts. The payee is a
 * payee-like column, else the description (what most banks put the merchant in); the memo is another text column.
 */
export function guessMapping(inspection: { headers: string[]; sampleRows: string[][] }, locale: Locale): MappingGuess {
  const { headers, sampleRows } = inspection;
  const dateColumn = guessColumn(headers, ['date', 'datum', 'fecha', '日期', 'time'], 0);
  const named = guessOther(headers, AMOUNT_HINTS, [dateColumn]);
  const debit = guessOther(headers, DEBIT_HINTS, [dateColumn]);
  const credit = guessOther(headers, CREDIT_HINTS, [dateColumn, debit]);
  const amountMode = named < 0 && debit >= 0 && credit >= 0 ? 'pair' : 'single';
  const amountColumn = named >= 0 ? named : mostAmountLike(headers, sampleRows, dateColumn, 1);
  const debitColumn = debit >= 0 ? debit : guessColumn(headers, [], 1);
  const creditColumn = credit >= 0 ? credit : guessColumn(headers, [], 2);
  const moneyColumns = amountMode === 'pair' ? [debitColumn, creditColumn] : [amountColumn];
  const taken = [dateColumn, ...moneyColumns];
  const payee = guessOther(headers, PAYEE_HINTS, taken);
  const payeeColumn = payee >= 0 ? payee : guessOther(headers, TEXT_HINTS, taken);
  const memoColumn = guessOther(headers, TEXT_HINTS, [...taken, payeeColumn]);
  const currency = guessCurrency(inspection, locale);
  return {
    dateColumn,
    dateFormat: guessDateFormat(columnSamples(sampleRows, dateColumn)),
    amountMode,
    amountColumn,
    debitColumn,
    creditColumn,
    payeeColumn,
    memoColumn,
    decimal: guessDecimal(moneyColumns.flatMap((column) => columnSamples(sampleRows, column)), currency),
    currency,
  };
}

/**
 * Where the form starts for a file sent back to it: the mapping it was read with, in the form's terms (a pair when
 * it had no amount column, -1 for "no column"); the guesses fill the columns that mapping did not use.
 */
export function startingPoint(guess: MappingGuess, start: CsvMapping | undefined): MappingGuess {
  if (!start) return guess;
  return {
    ...guess,
    dateColumn: start.dateColumn,
    dateFormat: start.dateFormat,
    amountMode: start.amountColumn === undefined ? 'pair' : 'single',
    amountColumn: start.amountColumn ?? guess.amountColumn,
    debitColumn: start.debitColumn ?? guess.debitColumn,
    creditColumn: start.creditColumn ?? guess.creditColumn,
    payeeColumn: start.payeeColumn ?? -1,
    memoColumn: start.memoColumn ?? -1,
    decimal: start.decimal,
    currency: start.currency,
  };
}
