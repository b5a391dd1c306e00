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
  const digits = minorDigits(options.currency ?? 'CNY');
  if ((options.decimal ?? '.') === '.') {
    const plain = plainAmount(text, digits);
    if (plain !== undefined) return plain;
  }
  return amountByRules(text, options);
}

/**
 * `36.00`, `-1024.5`: the shape nearly every row of a large export has, read digit by digit (the regex and the
 * string rebuilt for Number() were a tenth of a 100k-row parse). undefined = not that shape, ask amountByRules.
 * Whole parts up to 13 digits keep every intermediate value an exact integer below 2^53.
 */
function plainAmount(text: string, digits: number): number | null | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) break;
    whole = whole * 10 + c;
  }
  if (i === wholeStart || i - wholeStart > 13) return undefined;
  let frac = 0;
  let fracDigits = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return undefined;
    for (i++; i < n; i++, fracDigits++) {
      const c = text.charCodeAt(i) - 48;
      if (!(c >= 0 && c <= 9)) return undefined;
      frac = frac * 10 + c;
    }
    if (fracDigits === 0 || fracDigits > digits) return undefined;
  }
  const minor = whole * 10 ** digits + frac * 10 ** (digits - fracDigits);
  if (!Number.isSafeInteger(minor)) return null;
  return negative && minor !== 0 ? -minor : minor;
}

/** The general reading: currency signs, grouping, brackets, trailing minus, either decimal separator. */
export function amountByRules(text: string, options: ParseAmountOptions = {}): number | null {
  const decimal = options.decimal ?? '.';
  const group = decimal === '.' ? ',' : '.';
  const digits = minorDigits(options.currency ?? 'CNY');
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
