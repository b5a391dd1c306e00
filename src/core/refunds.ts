import type { Transaction } from './transaction';

/**
 * Refund rows and the payments they give money back for, over any set of rows: one file's (at import) or everything
 * stored (for sums), since a purchase at the end of May is often refunded in June's statement.
 */
export type RefundRow = Pick<Transaction, 'fingerprint' | 'kind' | 'status' | 'amountMinor' | 'currency'>
  & Partial<Pick<Transaction, 'merchantOrderId' | 'externalId' | 'refundOf'>>;

/** A refund whose money did not come back (closed, failed) gives nothing back. */
const gaveBack = (row: RefundRow): boolean => row.kind === 'refund' && row.status !== 'closed' && row.status !== 'failed';

/**
 * The payment each refund row belongs to: its `refundOf` when the importer linked it, otherwise the first payment
 * in the same currency with the same merchant order id or, failing that, the same transaction id. Alipay repeats the
 * order ids on a refund row; WeChat names the payment's ids on its refund.
 */
export function refundOrigins(rows: readonly RefundRow[]): Map<string, string> {
  const origins = new Map<string, string>();
  let unlinked = false;
  for (const row of rows) {
    if (row.kind !== 'refund') continue;
    if (row.refundOf) origins.set(row.fingerprint, row.refundOf);
    else unlinked = true;
  }
  if (!unlinked) return origins;
  const byOrderId = new Map<string, string>();
  const byExternalId = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'refund' || row.amountMinor > 0) continue;
    if (row.merchantOrderId && !byOrderId.has(`${row.currency}|${row.merchantOrderId}`)) byOrderId.set(`${row.currency}|${row.merchantOrderId}`, row.fingerprint);
    if (row.externalId && !byExternalId.has(`${row.currency}|${row.externalId}`)) byExternalId.set(`${row.currency}|${row.externalId}`, row.fingerprint);
  }
  for (const row of rows) {
    if (row.kind !== 'refund' || row.refundOf) continue;
    const origin = (row.merchantOrderId && byOrderId.get(`${row.currency}|${row.merchantOrderId}`)) || (row.externalId && byExternalId.get(`${row.currency}|${row.externalId}`));
    if (origin) origins.set(row.fingerprint, origin);
  }
  return origins;
}

/** Minor units given back per payment, by the refund rows linked to it. */
function givenBack(rows: readonly RefundRow[], origins: ReadonlyMap<string, string>): Map<string, number> {
  const back = new Map<string, number>();
  for (const row of rows) {
    const origin = gaveBack(row) ? origins.get(row.fingerprint) : undefined;
    if (origin !== undefined) back.set(origin, (back.get(origin) ?? 0) + Math.abs(row.amountMinor));
  }
  return back;
}

/**
 * A payment marked refunded came back in full unless the refunds linked to it add up to less than it: then it was a
 * partial refund, and the payment counts with its refunds (an Alipay 退款成功 payment of ¥100 with a ¥30 refund row).
 */
const partlyBack = (payment: RefundRow, back: ReadonlyMap<string, number>): boolean => {
  const given = back.get(payment.fingerprint) ?? 0;
  return given > 0 && given < Math.abs(payment.amountMinor);
};

/**
 * The rows whose money sums leave out because it came back: payments refunded in full, and the refund rows that gave
 * it back. The pair goes as a pair, so a month holding only one of the two is not off by it; older Alipay exports
 * mark a refund on the payment alone, with no refund row.
 */
export function refundedInFull(rows: readonly RefundRow[], origins: ReadonlyMap<string, string> = refundOrigins(rows)): Set<string> {
  const back = givenBack(rows, origins);
  const full = new Set<string>();
  for (const row of rows) if (row.kind !== 'refund' && row.status === 'refunded' && !partlyBack(row, back)) full.add(row.fingerprint);
  for (const row of rows) {
    const origin = gaveBack(row) ? origins.get(row.fingerprint) : undefined;
    if (origin !== undefined && full.has(origin)) full.add(row.fingerprint);
  }
  return full;
}

/**
 * One file's refunds linked to their payments (refundOf), and a payment the file marks refunded that its refunds
 * only partly cover made completed again: the money that came back is in the refund rows.
 */
export function linkRefunds(rows: Transaction[]): void {
  if (!rows.some((row) => row.kind === 'refund')) return;
  const origins = refundOrigins(rows);
  for (const row of rows) {
    const origin = row.kind === 'refund' ? origins.get(row.fingerprint) : undefined;
    if (origin !== undefined) row.refundOf = origin;
  }
  const back = givenBack(rows, origins);
  for (const row of rows) if (row.kind !== 'refund' && row.status === 'refunded' && partlyBack(row, back)) row.status = 'completed';
}
