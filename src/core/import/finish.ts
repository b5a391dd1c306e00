import { linkRefunds } from '../refunds';
import { assignFingerprints } from '../transaction';
import type { Draft, ParseResult, SkippedRow } from './types';

/**
 * Assigns fingerprints, then links every refund to the fingerprint of its original payment (src/core/refunds.ts).
 * Linking runs after fingerprinting because the refund may come before or after its original in the file.
 */
export function finishResult(format: string, drafts: Draft[], skipped: SkippedRow[]): ParseResult {
  const transactions = assignFingerprints(drafts);
  linkRefunds(transactions);
  return { format, transactions, skipped };
}
