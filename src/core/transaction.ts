/** The normalised transaction every importer produces. See issue #3 for the contract. */
export const TRANSACTION_KINDS = ['expense', 'income', 'refund', 'transfer'] as const;
export const TRANSACTION_STATUSES = ['completed', 'refunded', 'closed', 'pending', 'failed'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export interface Transaction {
  /** Local ISO `YYYY-MM-DDTHH:mm:ss`, or `YYYY-MM-DD` when the source has no time. */
  occurredAt: string;
  /** Integer minor units; negative = money left the person's pocket. */
  amountMinor: number;
  /** ISO 4217. */
  currency: string;
  counterparty: string;
  description: string;
  /** The source's own category, e.g. 餐饮美食. */
  category?: string;
  paymentMethod?: string;
  kind: TransactionKind;
  status: TransactionStatus;
  externalId?: string;
  merchantOrderId?: string;
  /** For refunds: the fingerprint of the original payment when the order ids match. */
  refundOf?: string;
  /** Merchant category code when the source has one. */
  mcc?: string;
  /** Format id, e.g. 'alipay', 'wechat', 'ofx', 'qif', 'camt053', 'csv'. */
  source: string;
  fingerprint: string;
}

/*
 * FNV-1a 64-bit over UTF-16 code units, as 16 hex chars: fast, stable, no crypto needed for dedupe. The state lives
 * in a two-slot typed array so a fingerprint can be hashed from its parts without first concatenating them (at 100k
 * rows the joined strings were ropes that every charCodeAt had to walk), while the loop itself runs on locals:
 * module-level `let`s were a context load and store per character (both profiled in Chromium, issue #3).
 */
const state = new Int32Array(2);

function hashStart(): void {
  state[0] = 0x811c9dc5 | 0;
  state[1] = 0x01000193 | 0;
}

function hashText(text: string): void {
  let h1 = state[0];
  let h2 = state[1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  state[0] = h1;
  state[1] = h2;
}

const hexDigit = (nibble: number): number => (nibble < 10 ? 48 + nibble : 87 + nibble);

function hashHex(): string {
  const a = state[0] >>> 0;
  const b = state[1] >>> 0;
  return String.fromCharCode(
    hexDigit(a >>> 28), hexDigit((a >>> 24) & 15), hexDigit((a >>> 20) & 15), hexDigit((a >>> 16) & 15),
    hexDigit((a >>> 12) & 15), hexDigit((a >>> 8) & 15), hexDigit((a >>> 4) & 15), hexDigit(a & 15),
    hexDigit(b >>> 28), hexDigit((b >>> 24) & 15), hexDigit((b >>> 20) & 15), hexDigit((b >>> 16) & 15),
    hexDigit((b >>> 12) & 15), hexDigit((b >>> 8) & 15), hexDigit((b >>> 4) & 15), hexDigit(b & 15),
  );
}

export function hash64(text: string): string {
  hashStart();
  hashText(text);
  return hashHex();
}

/** hash64(`${source}|id|${externalId}|${kind}`), without building that string. */
function hashIdBasis(source: string, externalId: string, kind: string): string {
  hashStart();
  hashText(source);
  hashText('|id|');
  hashText(externalId);
  hashText('|');
  hashText(kind);
  return hashHex();
}

/**
 * Fingerprints for one file. With an externalId the id alone identifies the row (so an overlapping later export
 * dedupes); otherwise the fields plus the occurrence index of identical rows, so two identical coffees stay two.
 * `taken`: fingerprints the file's rows already carry, which a new one must not repeat.
 */
export function assignFingerprints(rows: Omit<Transaction, 'fingerprint'>[], taken: Set<string> = new Set()): Transaction[] {
  const occurrences = new Map<string, number>();
  // The rows are tagged in place: a copy per row doubled the garbage of a 100k-row import (profiled, issue #3).
  for (const row of rows) {
    let basis: string | undefined;
    let fingerprint: string;
    if (row.externalId) {
      fingerprint = hashIdBasis(row.source, row.externalId, row.kind);
    } else {
      const fields = `${row.source}|${row.occurredAt}|${row.amountMinor}|${row.currency}|${row.counterparty}|${row.description}`;
      const n = occurrences.get(fields) ?? 0;
      occurrences.set(fields, n + 1);
      basis = `${fields}|#${n}`;
      fingerprint = hash64(basis);
    }
    // Alipay repeats an order id across a payment and its refund; the kind keeps them apart, and this keeps
    // any remaining collision within one file from silently merging two rows.
    let k = 1;
    while (taken.has(fingerprint)) fingerprint = hash64((basis ??= `${row.source}|id|${row.externalId}|${row.kind}`) + '|' + k++);
    taken.add(fingerprint);
    (row as Transaction).fingerprint = fingerprint;
  }
  return rows as Transaction[];
}

type Summed = Pick<Transaction, 'amountMinor' | 'currency' | 'status' | 'fingerprint' | 'kind'>;

/**
 * Sums per currency of the money that moved, in integer minor units. Left out: closed and failed rows (nothing
 * moved), and `refunded`: the payments refunded in full and their refund rows, over everything stored
 * (refundedInFull in src/core/refunds.ts), so that a filter holding only one of the pair is not off by it.
 * Transfers (a credit-card repayment, 余额宝 in and out) are the person's money moving between their own accounts:
 * summed on their own, as `transfers`, since adding a card repayment to the payments counts that spending twice.
 */
export function movedMoneySums(rows: Iterable<Summed>, refunded: ReadonlySet<string>): { sums: Map<string, number>; transfers: Map<string, number>; notCounted: number } {
  const sums = new Map<string, number>();
  const transfers = new Map<string, number>();
  let notCounted = 0;
  for (const row of rows) {
    if (refunded.has(row.fingerprint) || row.status === 'closed' || row.status === 'failed') {
      notCounted++;
      continue;
    }
    const into = row.kind === 'transfer' ? transfers : sums;
    into.set(row.currency, (into.get(row.currency) ?? 0) + row.amountMinor);
  }
  return { sums, transfers, notCounted };
}
