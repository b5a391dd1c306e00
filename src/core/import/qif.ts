import { parseAmountMinor } from '../money';
import type { TransactionKind } from '../transaction';
import { expandYear, isoFrom } from './dates';
import { fileError, lineError } from './errors';
import { finishResult } from './finish';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult } from './types';

/**
 * QIF (Quicken Interchange Format): `!Type:` headers, one field per line keyed by its first letter, `^` ends a
 * record. QIF states no currency, so rows take options.defaultCurrency (USD when unset). Dates are US month/day
 * unless some date in the file only makes sense as day/month (a first number over 12).
 */

/** Record types that hold transactions; every other `!Type:` (Cat, Class, Memorized, Prices…) is a list. */
const TRANSACTION_TYPES = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l', 'invst', 'invoice']);
/** Investment actions that take cash out of the account (the T amount is written positive for them). */
const INVST_OUTFLOW = /^(buy|buyx|miscexp|miscexpx|margint|margintx|xout|contribx|withdrwx|rtrncap?x?out)$/i;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
/** 5/6'24, 05/15/24, 5/6/2024, 15.05.2024, 5-6-24; Quicken writes `'` before years from 2000 on. */
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})(['/.-])(\d{2}|\d{4})$/;

function parseQifDate(raw: string, dayFirst: boolean): string | null {
  const text = raw.replace(/\s+/g, '');
  const iso = ISO.exec(text);
  if (iso) return isoFrom(+iso[1], +iso[2], +iso[3]);
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const year = m[4].length === 4 ? +m[4] : m[3] === "'" ? 2000 + +m[4] : expandYear(m[4]);
  const [month, day] = dayFirst ? [+m[2], +m[1]] : [+m[1], +m[2]];
  return isoFrom(year, month, day);
}

/** True when some D line can only be day/month; then the whole file is read that way. */
function hasDayFirstDates(lines: string[]): boolean {
  for (const line of lines) {
    if (line.charCodeAt(0) !== 68 /* D */) continue;
    const m = NUMERIC.exec(line.slice(1).replace(/\s+/g, ''));
    if (m && +m[1] > 12 && +m[2] <= 12) return true;
  }
  return false;
}

interface QifRecord {
  line: number;
  dateLine: number;
  date?: string;
  amount?: string;
  amountLine: number;
  payee?: string;
  memo?: string;
  category?: string;
  action?: string;
}

export async function parseQif(text: string, fileName: string, options: ParseOptions = {}): Promise<ParseResult> {
  const currency = (options.defaultCurrency ?? 'USD').toUpperCase();
  const lines = text.split(/\r\n|\n|\r/);
  const dayFirst = hasDayFirstDates(lines);
  const drafts: Draft[] = [];
  let type: string | undefined;
  let sawHeader = false;
  /** Inside `!Account` (a list of accounts) until the next `!Type:`. */
  let accountList = false;
  let rec: QifRecord | undefined;

  const finish = (endLine: number): void => {
    const r = rec;
    rec = undefined;
    if (!r || accountList || type === undefined || !TRANSACTION_TYPES.has(type)) return;
    if (r.date === undefined) throw lineError(fileName, endLine, 'the record has no D (date) line', 'no-date', { field: 'D' });
    const occurredAt = parseQifDate(r.date, dayFirst);
    if (occurredAt === null) throw lineError(fileName, r.dateLine, `date '${r.date}' is not a date`, 'bad-date', { field: 'D', value: r.date });
    if (r.amount === undefined) {
      // Investment records that only move shares carry no cash amount; there is nothing to store for them.
      if (type === 'invst') return;
      throw lineError(fileName, endLine, 'the record has no T (amount) line', 'no-amount', { field: 'T' });
    }
    const parsed = parseAmountMinor(r.amount, { decimal: '.', currency }) ?? parseAmountMinor(r.amount, { decimal: ',', currency });
    if (parsed === null) throw lineError(fileName, r.amountLine, `amount '${r.amount}' is not a number`, 'bad-amount', { field: 'T', value: r.amount });
    const amountMinor = type === 'invst' && r.action && INVST_OUTFLOW.test(r.action) ? -Math.abs(parsed) : parsed;
    const category = r.category?.trim() ?? '';
    // `[Savings]` in L names another account: the money moved between the person's own accounts.
    const isTransfer = category.startsWith('[');
    const kind: TransactionKind = isTransfer ? 'transfer' : amountMinor < 0 ? 'expense' : 'income';
    const draft: Draft = {
      occurredAt,
      amountMinor,
      currency,
      counterparty: (r.payee ?? '').trim(),
      description: (r.memo ?? '').trim(),
      kind,
      status: 'completed',
      source: 'qif',
    };
    const ownCategory = isTransfer ? '' : category.split('/')[0].trim();
    if (ownCategory) draft.category = ownCategory;
    drafts.push(draft);
  };

  const pause = options.pause;
  for (let i = 0; i < lines.length; i++) {
    if (pause && i % PAUSE_EVERY === PAUSE_EVERY - 1) await pause(drafts.length);
    const line = lines[i];
    const lineNo = i + 1;
    const code = line.charCodeAt(0);
    if (code === 33 /* ! */) {
      finish(lineNo);
      const header = line.trim();
      const typeMatch = /^!Type:(.*)$/i.exec(header);
      if (typeMatch) {
        type = typeMatch[1].trim().toLowerCase();
        accountList = false;
        sawHeader = true;
      } else if (/^!Account\b/i.test(header)) {
        accountList = true;
        sawHeader = true;
      }
      // !Option:/!Clear: switches change nothing for reading.
      continue;
    }
    if (code === 94 /* ^ */) {
      finish(lineNo);
      continue;
    }
    if (line.trim() === '') continue;
    if (!sawHeader) throw lineError(fileName, lineNo, 'the file does not start with a !Type: header', 'no-type-header');
    rec ??= { line: lineNo, dateLine: lineNo, amountLine: lineNo };
    const value = line.slice(1);
    switch (line[0]) {
      case 'D': rec.date = value; rec.dateLine = lineNo; break;
      // U is the same amount with more digits in newer Quicken; T wins when both are present.
      case 'T': rec.amount = value; rec.amountLine = lineNo; break;
      case 'U': if (rec.amount === undefined) { rec.amount = value; rec.amountLine = lineNo; } break;
      case 'P': rec.payee = value; break;
      case 'M': rec.memo = value; break;
      case 'L': rec.category = value; break;
      case 'N': rec.action = value.trim(); break;
      default: break;
    }
  }
  // A last record without its closing ^ is still a record.
  finish(lines.length);
  if (!sawHeader) throw fileError(fileName, 'no !Type: header was found', { code: 'no-type-header' });
  return finishResult('qif', drafts, []);
}
