import { parseAmountMinor } from '../money';
import type { TransactionKind, TransactionStatus } from '../transaction';
import { normalizeDateTime } from './dates';
import { fileError, lineError } from './errors';
import { finishResult } from './finish';
import type { Draft, ParseResult } from './types';
import { child, children, parseXml, textOf } from './xml';

/**
 * CAMT.053 (ISO 20022 bank-to-customer statement), any version from .001.02 on. Entries (Ntry) are read from every
 * Stmt; camt.052 reports (Rpt) and camt.054 notifications (Ntfctn) have the same Ntry and are read too.
 * Where versions differ: v02 nests the counterparty name as Cdtr/Nm and the status as `<Sts>BOOK</Sts>`; v08 uses
 * Cdtr/Pty/Nm and `<Sts><Cd>BOOK</Cd></Sts>`.
 */
const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);

/** Start tags of entries, to give each parsed Ntry the physical line it starts on (the parser keeps no positions). */
const NTRY_TAG = /<(?:[\w.-]+:)?Ntry[\s>/]/g;

function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  NTRY_TAG.lastIndex = 0;
  for (let m = NTRY_TAG.exec(text); m !== null; m = NTRY_TAG.exec(text)) {
    for (let i = pos; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    pos = m.index;
    lines.push(line);
  }
  return lines;
}

function statusOf(sts: unknown): TransactionStatus {
  const code = (textOf(child(sts, 'Cd')) || textOf(sts)).toUpperCase();
  if (code === 'PDNG' || code === 'INFO' || code === 'FUTR') return 'pending';
  return 'completed';
}

/** The party on the other side: the creditor of money going out, the debtor of money coming in. */
function counterpartyOf(tx: unknown, outgoing: boolean): string {
  const parties = child(tx, 'RltdPties');
  const roles = outgoing ? ['Cdtr', 'UltmtCdtr'] : ['Dbtr', 'UltmtDbtr'];
  for (const role of roles) {
    const party = child(parties, role);
    const name = textOf(child(child(party, 'Pty'), 'Nm')) || textOf(child(party, 'Nm'));
    if (name) return name;
  }
  return '';
}

function remittanceOf(tx: unknown): string {
  const parts = children(child(tx, 'RmtInf'), 'Ustrd').map(textOf).filter(Boolean);
  if (parts.length) return parts.join(' ');
  return textOf(child(tx, 'AddtlTxInf'));
}

function bookingDate(entry: unknown): string | null {
  for (const key of ['BookgDt', 'ValDt']) {
    const d = child(entry, key);
    if (d === undefined) continue;
    const dt = textOf(child(d, 'DtTm'));
    // DtTm carries its offset (2024-05-04T10:00:00+02:00): the wall-clock part is the bank's local time.
    if (dt) return normalizeDateTime(dt.replace(/(?:Z|[+-]\d{2}:?\d{2})$/, ''));
    const day = textOf(child(d, 'Dt'));
    if (day) return normalizeDateTime(day);
  }
  return null;
}

function toDraft(entry: unknown, line: number, fileName: string): Draft {
  const amt = child(entry, 'Amt');
  const amountText = textOf(amt);
  const currency = (typeof amt === 'object' && amt !== null ? String((amt as Record<string, unknown>)['@_Ccy'] ?? '') : '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw lineError(fileName, line, `the entry's Amt has no Ccy currency`, 'no-currency', { field: 'Ccy' });
  const minor = parseAmountMinor(amountText, { decimal: '.', currency });
  if (minor === null || amountText.startsWith('-')) throw lineError(fileName, line, `Amt '${amountText}' is not an amount`, 'bad-amount', { field: 'Amt', value: amountText });
  const indicator = textOf(child(entry, 'CdtDbtInd')).toUpperCase();
  if (indicator !== 'DBIT' && indicator !== 'CRDT') throw lineError(fileName, line, `CdtDbtInd '${indicator}' is neither DBIT nor CRDT`, 'bad-indicator', { value: indicator });
  const outgoing = indicator === 'DBIT';
  const occurredAt = bookingDate(entry);
  if (occurredAt === null) throw lineError(fileName, line, 'the entry has no booking date (BookgDt)', 'no-date', { field: 'BookgDt' });
  const tx = children(children(entry, 'NtryDtls')[0], 'TxDtls')[0];
  const reversal = textOf(child(entry, 'RvslInd')).toLowerCase() === 'true';
  const kind: TransactionKind = reversal && !outgoing ? 'refund' : outgoing ? 'expense' : 'income';
  const draft: Draft = {
    occurredAt,
    amountMinor: outgoing ? -minor : minor,
    currency,
    counterparty: counterpartyOf(tx, outgoing),
    description: remittanceOf(tx) || textOf(child(entry, 'AddtlNtryInf')),
    kind,
    status: statusOf(child(entry, 'Sts')),
    source: 'camt053',
  };
  const refs = child(tx, 'Refs');
  const endToEnd = textOf(child(refs, 'EndToEndId'));
  const externalId = textOf(child(entry, 'AcctSvcrRef')) || textOf(child(refs, 'AcctSvcrRef')) || textOf(child(entry, 'NtryRef'))
    || (endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : '');
  if (externalId) draft.externalId = externalId.replace(/[\t ]+/g, '');
  return draft;
}

export function parseCamt053(text: string, fileName: string): ParseResult {
  const doc = parseXml(text, fileName, ARRAYS);
  const root = child(doc, 'Document');
  const body = child(root, 'BkToCstmrStmt') ?? child(root, 'BkToCstmrAcctRpt') ?? child(root, 'BkToCstmrDbtCdtNtfctn');
  if (body === undefined) throw fileError(fileName, 'no BkToCstmrStmt statement was found in the XML', { code: 'no-element', params: { element: 'BkToCstmrStmt' } });
  const statements = [...children(body, 'Stmt'), ...children(body, 'Rpt'), ...children(body, 'Ntfctn')];
  const lines = entryLines(text);
  const drafts: Draft[] = [];
  let n = 0;
  for (const stmt of statements) {
    for (const entry of children(stmt, 'Ntry')) {
      drafts.push(toDraft(entry, lines[n] ?? 1, fileName));
      n++;
    }
  }
  return finishResult('camt053', drafts, []);
}
