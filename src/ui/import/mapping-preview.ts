/**
 * What the mapping form's preview says a cell will be read as, with the choices on the form now: the person sees
 * "06/01/2024 → 6 January 2024" before saving, not after. Pure, so the unit tests pin it.
 */
import { parseMappedDate } from '../../core/import/csv-generic';
import type { CsvDateFormat } from '../../core/import/csv-mapping';
import { formatMoney, parseAmountMinor } from '../../core/money';
import { momentText } from '../../i18n/dates';
import { translate, type Locale } from '../../i18n/translate';

export interface ReadCell {
  /** As the file has it. */
  text: string;
  /** As Quanzi will read it, in the person's words; '' for an empty cell. */
  read: string;
  /** The cell does not read with these choices (the import would stop at its line). */
  bad: boolean;
}

export function readDate(text: string, format: CsvDateFormat, locale: Locale): ReadCell {
  if (!text.trim()) return { text, read: '', bad: false };
  const iso = parseMappedDate(text, format);
  if (iso === null) return { text, read: translate(locale, 'import.mapping.notDate', { format }), bad: true };
  return { text, read: translate(locale, 'import.mapping.readAs', { value: dayAndTime(iso, locale) }), bad: false };
}

/** English names the month (Jun 1, 2024): the point is to tell June 1 from January 6. Chinese days already do. */
function dayAndTime(iso: string, locale: Locale): string {
  if (locale !== 'en') return momentText(iso, locale);
  const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  return iso.length > 10 ? `${day} ${iso.slice(11, 16)}` : day;
}

/** One signed amount, or a debit and a credit cell (money out, money in) read together as one amount. */
export function readAmount(cells: { amount: string } | { debit: string; credit: string }, decimal: '.' | ',', currency: string, locale: Locale): ReadCell {
  const parse = (value: string): number | null | undefined => (value.trim() ? parseAmountMinor(value.trim(), { decimal, currency }) : undefined);
  let text: string;
  let minor: number | null | undefined;
  if ('amount' in cells) {
    text = cells.amount;
    minor = parse(cells.amount);
  } else {
    text = [cells.debit && `−${cells.debit}`, cells.credit && `+${cells.credit}`].filter(Boolean).join(' ');
    const [debit, credit] = [parse(cells.debit), parse(cells.credit)];
    minor = debit === null || credit === null ? null : debit === undefined && credit === undefined ? undefined : Math.abs(credit ?? 0) - Math.abs(debit ?? 0);
  }
  if (minor === undefined) return { text, read: '', bad: false };
  if (minor === null) return { text, read: translate(locale, 'import.mapping.notAmount'), bad: true };
  return { text, read: translate(locale, 'import.mapping.readAs', { value: formatMoney(minor, currency, locale) }), bad: false };
}

/**
 * True when every sample date reads both day-first and month-first, as different days: nothing in the file decides,
 * and a wrong pick books June 1 as January 6 without any error.
 */
export function datesAmbiguous(samples: readonly string[]): boolean {
  let differs = false;
  for (const sample of samples) {
    const dayFirst = parseMappedDate(sample, 'DD/MM/YYYY');
    const monthFirst = parseMappedDate(sample, 'MM/DD/YYYY');
    if (dayFirst === null || monthFirst === null) return false;
    if (dayFirst !== monthFirst) differs = true;
  }
  return differs;
}

/** What people type for the yuan, besides its ISO code. */
const CURRENCY_ALIASES: Record<string, string> = { RMB: 'CNY' };

/** The ISO 4217 code for what was typed: upper case, RMB as CNY. */
export function currencyCode(typed: string): string {
  const code = typed.trim().toUpperCase();
  return CURRENCY_ALIASES[code] ?? code;
}

/** Whether the browser knows the code as a currency (any three letters where it cannot say). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = (Intl as { supportedValuesOf?: (key: 'currency') => string[] }).supportedValuesOf?.('currency');
  return known ? known.includes(code) : true;
}
