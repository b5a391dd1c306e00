import { assignFingerprints, type Transaction } from '../transaction';
import type { Draft, ParseResult, SkippedRow } from './types';

/**
 * Assigns fingerprints, then links every refund to the fingerprint of its original payment when their merchant
 * order ids (or, failing that, transaction ids) match. Linking runs after fingerprinting because the refund may come
 * before or after its original in the file.
 */
export function finishResult(format: string, drafts: Draft[], skipped: SkippedRow[]): ParseResult {
  const transactions = assignFingerprints(drafts);
  linkRefunds(transactions);
  return { format, transactions, skipped };
}

export function linkRefunds(rows: Transaction[]): void {
  let hasRefund = false;
  for (let i = 0; i < rows.length; i++) if (rows[i].kind === 'refund') { hasRefund = true; break; }
  if (!hasRefund) return;
  const byOrderId = new Map<string, string>();
  const byExternalId = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'refund' || row.amountMinor > 0) continue;
    if (row.merchantOrderId && !byOrderId.has(row.merchantOrderId)) byOrderId.set(row.merchantOrderId, row.fingerprint);
    if (row.externalId && !byExternalId.has(row.externalId)) byExternalId.set(row.externalId, row.fingerprint);
  }
  for (const row of rows) {
    if (row.kind !== 'refund') continue;
    const original = (row.merchantOrderId && byOrderId.get(row.merchantOrderId)) || (row.externalId && byExternalId.get(row.externalId));
    if (original) row.refundOf = original;
  }
}
