/**
 * Money is an integer count of minor units (分, cents) plus an ISO 4217 code.
 * Amount text is parsed digit by digit so a value never passes through a float.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Currencies whose minor unit is not 1/100. Everything else uses two decimals. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

// Compiled once: importers call parseAmountMinor for every row of 100k-row files.
const GROUPED_WITH_COMMA = /^\d{1,3}(,\d{3})+$/;
const GROUPED_WITH_DOT = /^\d{1,3}(\.\d{3})+$/;
/** The shape nearly every row of a large export has (`36.00`, `-1024.5`): read without the general path's replaces. */
const PLAIN_DOT = /^(-?)(\d{1,13})(?:\.(\d{1,3}))?$/;

export interface ParseAmountOptions {
  /** The decimal separator used by the source; the other of ',' / '.' is a grouping separator. */
  decimal?: '.' | ',';
  currency?: string;
}

/**
 * Parses amount text such as "1,020.50", "¥1,020.50", "-42.17", "(12.00)", "1.234,56", "+5,000.00", "12.5-"
 * into integer minor units. Returns null when the text is not an amount.
 */
export function parseAmountMinor(text: string, options: ParseAmountOptions = {}): number | null {
  const decimal = options.decimal ?? '.';
  const group = decimal === '.' ? ',' : '.';
  const digits = minorDigits(options.currency ?? 'CNY');
  const plain = decimal === '.' ? PLAIN_DOT.exec(text) : null;
  if (plain && (plain[3] === undefined || plain[3].length <= digits)) {
    const minor = Number(plain[2] + (plain[3] ?? '').padEnd(digits, '0'));
    if (!Number.isSafeInteger(minor)) return null;
    return plain[1] && minor !== 0 ? -minor : minor;
  }
  let s = text.replace(/[\s\u00a0\u202f'’]/g, '');
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^[¥￥$€£]|^(CNY|RMB|USD|EUR|GBP|CAD)/i, '');
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(/^[¥￥$€£]/, '');
  if (s === '') return null;
  const parts = s.split(decimal);
  if (parts.length > 2) return null;
  const whole = parts[0]!;
  const frac = parts[1] ?? '';
  if (whole.includes(group)) {
    if (!(group === ',' ? GROUPED_WITH_COMMA : GROUPED_WITH_DOT).test(whole)) return null;
  } else if (!/^\d*$/.test(whole)) {
    return null;
  }
  if (!/^\d*$/.test(frac) || (whole === '' && frac === '')) return null;
  if (frac.length > digits && !/^0*$/.test(frac.slice(digits))) return null;
  const wholeDigits = whole.split(group).join('') || '0';
  const fracDigits = (frac + '0'.repeat(digits)).slice(0, digits);
  const minor = Number(wholeDigits + fracDigits);
  if (!Number.isSafeInteger(minor)) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/** Exact decimal text for minor units, e.g. -4217 CAD → "-42.17". */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const abs = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? '.' + abs.slice(-digits) : '';
  return (negative ? '-' : '') + whole + frac;
}

/** Locale formatting for display. Intl gets the exact decimal string, never a computed float. */
export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const text = minorToDecimalString(amountMinor, currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minorDigits(currency) })
      .format(text as unknown as number);
  } catch {
    return `${text} ${currency}`;
  }
}

/** Sums per currency; amounts in different currencies are never added together. */
export function sumByCurrency(rows: Iterable<{ amountMinor: number; currency: string }>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.amountMinor);
  return sums;
}
