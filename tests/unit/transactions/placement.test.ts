// What a payment's details offer for the profile (src/ui/transactions/placement.ts), and how the list keeps rows
// on screen while it reads them again after such a change (PageCache's stale rows).
import { describe, expect, it, vi } from 'vitest';
import type { ShownTransaction } from '../../../src/app/api/import-api';
import { EMPTY_CONTROLS } from '../../../src/db/profile';
import { setLocale } from '../../../src/i18n/index.svelte';
import { interestOptions, movedText, placeableOf, withPaymentLeftOut } from '../../../src/ui/transactions/placement';

const queryTransactions = vi.fn();
vi.mock('../../../src/app/analysis-client', () => ({ analysis: () => ({ queryTransactions }) }));
const { PageCache } = await import('../../../src/ui/transactions/virtual');

const row = (patch: Partial<ShownTransaction> = {}): ShownTransaction => ({
  occurredAt: '2024-05-30T08:15:02', amountMinor: -3600, currency: 'CNY', counterparty: '星巴克', description: '燕麦拿铁',
  kind: 'expense', status: 'completed', source: 'alipay', fingerprint: 'fp1', importId: 'i1', interest: 'coffee', ...patch,
} as ShownTransaction);

describe('a payment’s place in the profile', () => {
  it('spending is placed by its payee, or by its description when the statement has no payee', () => {
    expect(placeableOf(row())).toEqual({ name: '星巴克', counterparty: true });
    expect(placeableOf(row({ counterparty: ' ', description: 'POS 4471 BAKERY' }))).toEqual({ name: 'POS 4471 BAKERY', counterparty: false });
    expect(placeableOf(row({ interest: null }))).toEqual({ name: '星巴克', counterparty: true });
  });

  it('refunds, income, transfers, closed payments and a paused profile offer nothing to place', () => {
    expect(placeableOf(row({ kind: 'refund', amountMinor: 3600 }))).toBeUndefined();
    expect(placeableOf(row({ kind: 'income', amountMinor: 3600 }))).toBeUndefined();
    expect(placeableOf(row({ kind: 'transfer' }))).toBeUndefined();
    expect(placeableOf(row({ status: 'closed' }))).toBeUndefined();
    expect(placeableOf(row({ interest: undefined }))).toBeUndefined();
    expect(placeableOf(row({ counterparty: '', description: '' }))).toBeUndefined();
  });

  it('leaving a payment out adds it once; counting it again removes only it', () => {
    const controls = { ...EMPTY_CONTROLS, excludedTransactions: ['other'] };
    expect(withPaymentLeftOut(controls, 'fp1', true)).toEqual({ excludedTransactions: ['other', 'fp1'] });
    expect(withPaymentLeftOut({ ...controls, excludedTransactions: ['other', 'fp1'] }, 'fp1', true)).toEqual({ excludedTransactions: ['other', 'fp1'] });
    expect(withPaymentLeftOut({ ...controls, excludedTransactions: ['other', 'fp1'] }, 'fp1', false)).toEqual({ excludedTransactions: ['other'] });
  });

  it('a sensitive interest says it stays out of the profile until turned on', () => {
    setLocale('en');
    const sensitive = interestOptions('en').find((o) => o.label.includes('sensitive'));
    expect(sensitive).toBeDefined();
    expect(movedText('Clinic', sensitive!.id, EMPTY_CONTROLS, 'en')).toContain('stays out of your profile');
    expect(movedText('Clinic', sensitive!.id, { ...EMPTY_CONTROLS, enabledSensitive: [sensitive!.id] }, 'en')).toContain('for all past and future payments');
    expect(movedText('星巴克', 'bakery', EMPTY_CONTROLS, 'en')).toBe('星巴克 is now Bakery & desserts, for all past and future payments.');
  });
});

describe('the list re-reading its rows', () => {
  it('shows the rows it had while their fresh page loads, then the fresh ones', async () => {
    let answer: (rows: ShownTransaction[]) => void = () => {};
    queryTransactions.mockImplementation(() => new Promise((resolve) => { answer = (rows) => resolve({ total: rows.length, rows }); }));
    const changed = vi.fn();
    const first = new PageCache({}, changed);
    expect(first.get(0)).toBeUndefined();
    answer([row({ interest: 'coffee' })]);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(first.get(0)?.interest).toBe('coffee');

    const second = new PageCache({}, changed, first);
    expect(second.get(0)?.interest).toBe('coffee');
    answer([row({ interest: 'bakery' })]);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    expect(second.get(0)?.interest).toBe('bakery');
    // A cache without an earlier one for its filter shows nothing until its page arrives.
    expect(new PageCache({ month: '2024-05' }, changed).get(0)).toBeUndefined();
  });
});
