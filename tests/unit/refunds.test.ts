// Refunds and the payments they give money back for, across files: a purchase at the end of May is refunded in
// June's statement. Found in a user test: the refund was added to the sums when its payment came in another file.
import { describe, expect, it } from 'vitest';
import { linkRefunds, refundedInFull, refundOrigins, type RefundRow } from '../../src/core/refunds';
import { movedMoneySums, type Transaction } from '../../src/core/transaction';

const payment = (fingerprint: string, amountMinor: number, extra: Partial<RefundRow> = {}): RefundRow =>
  ({ fingerprint, amountMinor, currency: 'CNY', kind: 'expense', status: 'completed', ...extra });
const refund = (fingerprint: string, amountMinor: number, extra: Partial<RefundRow> = {}): RefundRow =>
  ({ fingerprint, amountMinor, currency: 'CNY', kind: 'refund', status: 'completed', ...extra });

describe('refunds and their payments', () => {
  it('link by merchant order id, then transaction id, in the same currency, whichever file each came in', () => {
    const rows = [
      payment('may-soap', -4500, { status: 'refunded', merchantOrderId: 'TM1', externalId: 'A1' }),
      payment('may-shoes', -9900, { externalId: 'W7' }),
      payment('cad-same-id', -100, { currency: 'CAD', merchantOrderId: 'X9' }),
      refund('june-soap', 4500, { merchantOrderId: 'TM1', externalId: 'A2' }),
      refund('june-shoes', 9900, { externalId: 'W7' }),
      refund('cny-x9', 100, { merchantOrderId: 'X9' }),
      refund('linked', 50, { refundOf: 'elsewhere' }),
    ];
    expect(Object.fromEntries(refundOrigins(rows))).toEqual({ 'june-soap': 'may-soap', 'june-shoes': 'may-shoes', linked: 'elsewhere' });
  });

  it('a payment refunded in full goes out of the sums with its refund; one refunded in part counts with it', () => {
    const rows = [
      payment('full', -4500, { status: 'refunded', merchantOrderId: 'O1' }), refund('full-back', 4500, { merchantOrderId: 'O1' }),
      // Alipay marks the payment 退款成功 even when ¥30 of ¥100 came back.
      payment('part', -10000, { status: 'refunded', merchantOrderId: 'O2' }), refund('part-back', 3000, { merchantOrderId: 'O2' }),
      // Older exports: the payment says refunded, and no refund row.
      payment('alone', -2000, { status: 'refunded' }),
      // A refund that failed gives nothing back, so the payment it names is not covered by it.
      payment('tried', -800, { status: 'refunded', merchantOrderId: 'O3' }), refund('tried-back', 300, { merchantOrderId: 'O3', status: 'failed' }),
    ];
    const inFull = refundedInFull(rows);
    expect([...inFull].sort()).toEqual(['alone', 'full', 'full-back', 'tried'].sort());
    expect(Object.fromEntries(movedMoneySums(rows as Transaction[], inFull).sums)).toEqual({ CNY: -10000 + 3000 });
    // Each file alone: June's refund of May's payment is still left out, once both are stored.
    expect(movedMoneySums([rows[1]!] as Transaction[], inFull).sums.size).toBe(0);
  });

  it('within one file: linked, and a payment only partly refunded is completed again', () => {
    const rows = [
      payment('part', -10000, { status: 'refunded', merchantOrderId: 'O2' }), refund('part-back', 3000, { merchantOrderId: 'O2' }),
      payment('full', -4500, { status: 'refunded', merchantOrderId: 'O1' }), refund('full-back', 4500, { merchantOrderId: 'O1' }),
    ] as Transaction[];
    linkRefunds(rows);
    expect(rows.map((r) => [r.fingerprint, r.status, r.refundOf])).toEqual([
      ['part', 'completed', undefined], ['part-back', 'completed', 'part'], ['full', 'refunded', undefined], ['full-back', 'completed', 'full'],
    ]);
  });
});
