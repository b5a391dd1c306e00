// Found in a user test: a topic's largest payments ranked CA$42.17 above ¥36.00 above US$12.50, comparing the bare
// numbers of different currencies.
import { describe, expect, it } from 'vitest';
import { buildProfile, largestInCurrencyOrder, type ProfileRow, type TopTransaction } from '../../../src/core/profile';

const tx = (fingerprint: string, amountMinor: number, currency: string): TopTransaction =>
  ({ fingerprint, amountMinor, currency, occurredAt: '2024-06-01', counterparty: fingerprint, description: '' });

describe('a topic’s largest payments', () => {
  it('stand together per currency, largest first, the most frequent currency first', () => {
    const list = [tx('tim', -4217, 'CAD'), tx('luckin', -3600, 'CNY'), tx('starbucks', -3000, 'CNY'), tx('blue', -1250, 'USD'), tx('costa', -4800, 'CNY')];
    expect(largestInCurrencyOrder(list).map((t) => t.fingerprint)).toEqual(['costa', 'luckin', 'starbucks', 'tim', 'blue']);
  });
});

describe('a topic’s largest payments in the profile', () => {
  const row = (fingerprint: string, amountMinor: number, currency: string, day: number): ProfileRow => ({
    fingerprint, amountMinor, currency, occurredAt: `2026-06-${String(day).padStart(2, '0')}T09:00:00`, counterparty: 'Starbucks', description: '',
    kind: 'expense', status: 'completed',
  });
  // A week in Tokyo: ¥600 is 600 minor units, ten times the bare number of a ¥38.00 CNY coffee (3800 fen).
  const tokyo = [1, 2, 3, 4, 5, 6].map((day) => row(`jp${day}`, -60_000 - day, 'JPY', day));
  const home = [7, 8, 9].map((day) => row(`cn${day}`, -3_800 - day, 'CNY', day));

  it('keep the largest of each currency, so a currency with big numbers does not crowd out the others', () => {
    const coffee = buildProfile([...tokyo, ...home], { now: new Date(2026, 5, 30) }).topics.find((t) => t.id === 'coffee')!;
    expect(coffee.largest.filter((t) => t.currency === 'CNY').map((t) => t.fingerprint)).toEqual(['cn9', 'cn8', 'cn7']);
    expect(coffee.largest.filter((t) => t.currency === 'JPY').map((t) => t.fingerprint)).toEqual(['jp6', 'jp5', 'jp4', 'jp3', 'jp2']);
  });

  it('do not depend on the order the rows arrive in', () => {
    const now = new Date(2026, 5, 30);
    const a = buildProfile([...tokyo, ...home], { now }).topics.find((t) => t.id === 'coffee')!;
    const b = buildProfile([...home, ...tokyo].reverse(), { now }).topics.find((t) => t.id === 'coffee')!;
    expect(b.largest).toEqual(a.largest);
  });
});
