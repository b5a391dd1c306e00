/** The normalised transaction every importer produces. See issue #3 for the contract. */
export type TransactionKind = 'expense' | 'income' | 'refund' | 'transfer';
export type TransactionStatus = 'completed' | 'refunded' | 'closed' | 'pending' | 'failed';

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

/** FNV-1a 64-bit over UTF-16 code units, as 16 hex chars: fast, stable, no crypto needed for dedupe. */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Fingerprints for one file. With an externalId the id alone identifies the row (so an overlapping later export
 * dedupes); otherwise the fields plus the occurrence index of identical rows, so two identical coffees stay two.
 */
export function assignFingerprints(rows: Omit<Transaction, 'fingerprint'>[]): Transaction[] {
  const occurrences = new Map<string, number>();
  const taken = new Set<string>();
  // The rows are tagged in place: a copy per row doubled the garbage of a 100k-row import (profiled, issue #3).
  for (const row of rows) {
    let basis: string;
    if (row.externalId) {
      basis = `${row.source}|id|${row.externalId}|${row.kind}`;
    } else {
      const fields = `${row.source}|${row.occurredAt}|${row.amountMinor}|${row.currency}|${row.counterparty}|${row.description}`;
      const n = occurrences.get(fields) ?? 0;
      occurrences.set(fields, n + 1);
      basis = `${fields}|#${n}`;
    }
    let fingerprint = hash64(basis);
    // Alipay repeats an order id across a payment and its refund; the kind keeps them apart, and this keeps
    // any remaining collision within one file from silently merging two rows.
    let k = 1;
    while (taken.has(fingerprint)) fingerprint = hash64(basis + '|' + k++);
    taken.add(fingerprint);
    (row as Transaction).fingerprint = fingerprint;
  }
  return rows as Transaction[];
}
