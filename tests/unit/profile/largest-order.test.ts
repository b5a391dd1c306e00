// Found in a user test: a topic's largest payments ranked CA$42.17 above ¥36.00 above US$12.50, comparing the bare
// numbers of different currencies.
import { describe, expect, it } from 'vitest';
import { largestInCurrencyOrder, type TopTransaction } from '../../../src/core/profile';

const tx = (fingerprint: string, amountMinor: number, currency: string): TopTransaction =>
  ({ fingerprint, amountMinor, currency, occurredAt: '2024-06-01', counterparty: fingerprint, description: '' });

describe('a topic’s largest payments', () => {
  it('stand together per currency, largest first, the most frequent currency first', () => {
    const list = [tx('tim', -4217, 'CAD'), tx('luckin', -3600, 'CNY'), tx('starbucks', -3000, 'CNY'), tx('blue', -1250, 'USD'), tx('costa', -4800, 'CNY')];
    expect(largestInCurrencyOrder(list).map((t) => t.fingerprint)).toEqual(['costa', 'luckin', 'starbucks', 'tim', 'blue']);
  });
});
