import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountByRules, formatMoney, minorToDecimalString, parseAmountMinor } from '../../src/core/money';
import { refundedInFull } from '../../src/core/refunds';
import { movedMoneySums, type Transaction } from '../../src/core/transaction';

describe('parseAmountMinor', () => {
  it('reads plain amounts digit by digit exactly as the general rules read them', () => {
    const plainish = fc.stringMatching(/^-?[0-9]{0,16}(\.[0-9]{0,4})?$/);
    const anyAmount = fc.oneof(plainish, fc.string({ unit: fc.constantFrom(...'-+.,0123456789 ¥()') , maxLength: 12 }));
    fc.assert(
      fc.property(anyAmount, fc.constantFrom('CNY', 'JPY', 'BHD', 'USD'), (text, currency) => {
        expect(parseAmountMinor(text, { currency })).toBe(amountByRules(text, { currency }));
      }),
      { numRuns: 3000 },
    );
    expect(parseAmountMinor('9999999999999.99')).toBe(999999999999999);
    expect(parseAmountMinor('-0.00')).toBe(0);
  });

  it.each([
    ['36.00', 3600],
    ['5,000.00', 500000],
    ['¥1,020.50', 102050],
    ['-42.17', -4217],
    ['-1,299.00', -129900],
    ['+12.5', 1250],
    ['(12.00)', -1200],
    ['12.00-', -1200],
    ['199', 19900],
    ['0.01', 1],
    [' 599.00 ', 59900],
  ])('reads %s as %i minor units', (text, expected) => {
    expect(parseAmountMinor(text)).toBe(expected);
  });

  it('reads European decimals when told', () => {
    expect(parseAmountMinor('1.234,56', { decimal: ',' })).toBe(123456);
    expect(parseAmountMinor('-0,50', { decimal: ',' })).toBe(-50);
  });

  it('respects currencies without minor units', () => {
    expect(parseAmountMinor('1,200', { currency: 'JPY' })).toBe(1200);
  });

  it.each(['', 'abc', '12..5', '1,23.00', '1.2.3', '--5', '12.345'])('refuses %j', (text) => {
    expect(parseAmountMinor(text)).toBeNull();
  });

  it('never goes through a float: any cents string round-trips exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (cents) => {
        const text = minorToDecimalString(Number(cents), 'CNY');
        expect(parseAmountMinor(text)).toBe(Number(cents));
      }),
    );
  });
});

describe('formatting and sums', () => {
  it('shows the currency and exact digits', () => {
    expect(formatMoney(-4217, 'CAD', 'en')).toContain('42.17');
    expect(minorToDecimalString(5, 'CNY')).toBe('0.05');
  });

  it('sums only money that moved, never adding different currencies together', () => {
    const row = (fingerprint: string, amountMinor: number, currency: string, extra: Partial<Transaction> = {}) =>
      ({ fingerprint, amountMinor, currency, kind: amountMinor < 0 ? 'expense' : 'income', status: 'completed', ...extra }) as const;
    const rows = [
      row('a', 100, 'CNY'), row('b', 250, 'CAD'), row('c', -30, 'CNY'),
      row('closed', -999, 'CNY', { status: 'closed' }), row('failed', -888, 'CNY', { status: 'failed' }),
      row('pending', -5, 'CNY', { status: 'pending' }),
      // A full refund and its refund row cancel out: both are left out, wherever the filter puts them.
      row('paid', -4500, 'CNY', { status: 'refunded' }), row('back', 4500, 'CNY', { kind: 'refund', refundOf: 'paid' }),
      // A partial refund of a payment that stays completed is money that came back.
      row('partly', -1000, 'CNY'), row('part-back', 300, 'CNY', { kind: 'refund', refundOf: 'partly' }),
      // A credit-card repayment: the person's own money between their accounts, summed apart from the payments.
      row('card', -20000, 'CNY', { kind: 'transfer' }), row('card-closed', -500, 'CNY', { kind: 'transfer', status: 'closed' }),
    ];
    const refunded = refundedInFull(rows);
    expect([...refunded].sort()).toEqual(['back', 'paid']);
    const { sums, transfers, notCounted } = movedMoneySums(rows, refunded);
    expect(Object.fromEntries(sums)).toEqual({ CNY: 100 - 30 - 5 - 1000 + 300, CAD: 250 });
    expect(Object.fromEntries(transfers)).toEqual({ CNY: -20000 });
    expect(notCounted).toBe(5);
    // The refund row alone (a month without its payment) is still left out.
    expect(movedMoneySums([rows[7]!], refunded)).toEqual({ sums: new Map(), transfers: new Map(), notCounted: 1 });
  });
});
