import { parseAmountMinor } from '../money';
import type { TransactionKind } from '../transaction';
import { isoFrom } from './dates';
import { fileError, lineError } from './errors';
import { finishResult } from './finish';
import { LineCounter } from './text-lines';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult } from './types';

/**
 * OFX/QFX, both 1.x SGML (leaf tags are never closed) and 2.x XML. One tag scanner serves both: a leaf's value is
 * the text after its start tag up to the next '<', which is the same in SGML and XML. Aggregates (STMTTRN, PAYEE,
 * CURRENCY) are closed in both versions, so their end tags delimit the records.
 */

/** `<TAG attrs>text` — the tag body, then the text up to the next tag. Comments and PIs are skipped below. */
const TAG = /<([^<>]*)>([^<]*)/g;

/** YYYYMMDD[HHMM[SS[.XXX]]][ [gmt offset[:tz name]] ] — the offset is validated but the time is kept as written. */
const OFX_DATE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d{1,6})?)?)?\s*(?:\[\s*([+-]?\d{1,2}(?:\.\d{1,2})?)?\s*(?::\s*[A-Za-z][\w ]{0,15})?\s*\])?$/;

const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * DTPOSTED → local ISO as the bank wrote it. The `[-7:MST]` suffix names the zone that wall-clock time is in; the
 * statement's day is the one the person saw, so the time is not shifted (a shift would move late-evening rows to
 * the next day). Returns null for text that is not an OFX date or whose offset is impossible.
 */
export function parseOfxDate(text: string): string | null {
  const m = OFX_DATE.exec(text.trim());
  if (!m) return null;
  if (m[7] !== undefined && Math.abs(Number(m[7])) > 14) return null;
  if (m[4] === undefined) return isoFrom(+m[1], +m[2], +m[3]);
  return isoFrom(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]);
}

/** TRNAMT: '.' decimal with ',' grouping as in the spec's examples; some banks write a decimal comma instead. */
function parseOfxAmount(text: string, currency: string): number | null {
  return parseAmountMinor(text, { decimal: '.', currency }) ?? parseAmountMinor(text, { decimal: ',', currency });
}

const INCOME_TYPES = new Set(['CREDIT', 'DEP', 'INT', 'DIV', 'DIRECTDEP']);

interface OfxRecord {
  line: number;
  creditCard: boolean;
  currency: string;
  fields: Map<string, string>;
  /** Lines of the fields an error may be about, so the message points at the value itself. */
  fieldLines: Map<string, number>;
  payeeName?: string;
}

function kindOf(rec: OfxRecord, amountMinor: number): TransactionKind {
  const type = (rec.fields.get('TRNTYPE') ?? '').toUpperCase();
  if (type === 'XFER') return 'transfer';
  if (amountMinor < 0) return 'expense';
  if (rec.creditCard) {
    // Money onto a card is either the person paying the card off (their own money moving) or a merchant refund.
    const name = rec.fields.get('NAME') ?? rec.payeeName ?? '';
    return type === 'PAYMENT' || /payment|thank you/i.test(name) ? 'transfer' : 'refund';
  }
  return INCOME_TYPES.has(type) || amountMinor >= 0 ? 'income' : 'expense';
}

function toDraft(rec: OfxRecord, fileName: string): Draft {
  const f = rec.fields;
  const dateText = f.get('DTPOSTED') ?? f.get('DTUSER');
  if (dateText === undefined) throw lineError(fileName, rec.line, 'the transaction has no DTPOSTED date', 'no-date', { field: 'DTPOSTED' });
  const occurredAt = parseOfxDate(dateText);
  const dateField = f.has('DTPOSTED') ? 'DTPOSTED' : 'DTUSER';
  if (occurredAt === null) throw lineError(fileName, rec.fieldLines.get(dateField) ?? rec.line, `DTPOSTED '${dateText}' is not an OFX date`, 'bad-date', { field: dateField, value: dateText });
  const amountText = f.get('TRNAMT');
  if (amountText === undefined) throw lineError(fileName, rec.line, 'the transaction has no TRNAMT amount', 'no-amount', { field: 'TRNAMT' });
  const currency = (f.get('CURSYM') ?? rec.currency).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw lineError(fileName, rec.line, `currency '${currency}' is not an ISO 4217 code`, 'bad-currency', { value: currency });
  const amountMinor = parseOfxAmount(amountText, currency);
  if (amountMinor === null) throw lineError(fileName, rec.fieldLines.get('TRNAMT') ?? rec.line, `TRNAMT '${amountText}' is not an amount`, 'bad-amount', { field: 'TRNAMT', value: amountText });
  const draft: Draft = {
    occurredAt,
    amountMinor,
    currency,
    counterparty: (f.get('NAME') ?? rec.payeeName ?? '').trim(),
    description: (f.get('MEMO') ?? '').trim(),
    kind: kindOf(rec, amountMinor),
    status: 'completed',
    source: 'ofx',
  };
  const fitid = f.get('FITID')?.replace(/[\t ]+/g, '');
  if (fitid) draft.externalId = fitid;
  const sic = f.get('SIC');
  if (sic && /^\d{4}$/.test(sic)) draft.mcc = sic;
  return draft;
}

export async function parseOfx(text: string, fileName: string, pause?: ParseOptions['pause']): Promise<ParseResult> {
  const start = text.search(/<OFX[\s>]/i);
  if (start < 0) throw fileError(fileName, 'no <OFX> element was found', { code: 'no-element', params: { element: '<OFX>' } });
  const lines = new LineCounter(text);
  const drafts: Draft[] = [];
  let currency = '';
  let creditCard = false;
  let rec: OfxRecord | undefined;
  /** Aggregates inside a STMTTRN whose NAME must not be taken for the row's NAME. */
  let inPayee = false;
  let inCurrency: '' | 'CURRENCY' | 'ORIGCURRENCY' = '';
  const finish = (): void => {
    if (!rec) return;
    if (!rec.currency) throw lineError(fileName, rec.line, 'the statement has no CURDEF currency before its transactions', 'no-currency', { field: 'CURDEF' });
    drafts.push(toDraft(rec, fileName));
    rec = undefined;
  };
  // Own regex state: the loop awaits `pause`, and another parse may run meanwhile.
  const tags = new RegExp(TAG.source, 'g');
  tags.lastIndex = start;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    const body = m[1];
    const first = body.charCodeAt(0);
    if (first === 33 /* ! */ || first === 63 /* ? */) continue;
    const closing = first === 47; /* / */
    const name = (closing ? body.slice(1) : body).trim().split(/\s/, 1)[0].toUpperCase();
    if (closing) {
      if (name === 'STMTTRN') finish();
      else if (name === 'PAYEE') inPayee = false;
      else if (name === 'CURRENCY' || name === 'ORIGCURRENCY') inCurrency = '';
      continue;
    }
    const value = decodeEntities(m[2]).trim();
    switch (name) {
      case 'STMTTRN':
        finish();
        if (pause && drafts.length % PAUSE_EVERY === PAUSE_EVERY - 1) await pause(drafts.length);
        rec = { line: lines.lineAt(m.index), creditCard, currency, fields: new Map(), fieldLines: new Map() };
        inPayee = false;
        inCurrency = '';
        continue;
      case 'STMTRS':
      case 'CCSTMTRS':
      case 'INVSTMTRS':
        finish();
        creditCard = name === 'CCSTMTRS';
        continue;
      case 'CURDEF':
        if (!rec) {
          currency = value.toUpperCase();
          continue;
        }
        break;
      case 'PAYEE':
        inPayee = true;
        continue;
      case 'CURRENCY':
      case 'ORIGCURRENCY':
        inCurrency = name;
        continue;
    }
    if (!rec || value === '') continue;
    if (inPayee) {
      if (name === 'NAME') rec.payeeName = value;
      continue;
    }
    // Only CURRENCY (the amount's own currency) overrides CURDEF; ORIGCURRENCY describes a conversion.
    if (inCurrency) {
      if (inCurrency === 'CURRENCY' && name === 'CURSYM') rec.fields.set(name, value);
      continue;
    }
    if (rec.fields.has(name)) continue;
    rec.fields.set(name, value);
    if (name === 'TRNAMT' || name === 'DTPOSTED' || name === 'DTUSER') rec.fieldLines.set(name, lines.lineAt(m.index));
  }
  finish();
  return finishResult('ofx', drafts, []);
}
