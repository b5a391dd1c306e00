// The Transactions screen's interest column and filter: the profile's own categoriser places each row, the
// person's corrections included, through the worker APIs over fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { importApi } from '../../../src/app/api/import-api';
import { profileApi } from '../../../src/app/api/profile-api';
import { getDb } from '../../../src/db/schema';
import { UNPLACED } from '../../../src/db/transactions';

const row = (counterparty: string, fingerprint: string, extra: Record<string, unknown> = {}) => ({
  occurredAt: '2026-06-01T10:00:00', amountMinor: -1250, currency: 'EUR', counterparty, description: '', kind: 'expense', status: 'completed',
  source: 'camt053', fingerprint, importId: 'imp-i', ...extra,
});

describe('interests on the Transactions screen', () => {
  it('shows and filters by the interest each row is placed in, follows a correction, and hides them while paused', async () => {
    await getDb().txChunks.add({ importId: 'imp-i', rows: [
      row('星巴克', 'a1'), row('星巴克', 'a2'), row('Albert Heijn 1234', 'b1'), row('Albert Heijn 1234', 'b2', { status: 'closed' }),
      row('SALARY', 'c1', { kind: 'income', amountMinor: 300000 }),
    ] } as never);
    await getDb().imports.add({ id: 'imp-i', fileName: 'i.xml', format: 'camt053', importedAt: '2026-06-02T00:00:00Z', added: 5, duplicates: 0, skipped: [] } as never);

    expect((await importApi.summary({})).interests).toEqual([UNPLACED, 'coffee']);
    const coffee = await importApi.queryTransactions({ interest: 'coffee' }, 0, 10);
    expect(coffee.rows.map((r) => [r.fingerprint, r.interest])).toEqual([['a1', 'coffee'], ['a2', 'coffee']]);
    // Not placed: spending only; the closed payment and the salary are placed nowhere, but are not spending.
    expect((await importApi.queryTransactions({ interest: UNPLACED }, 0, 10)).rows.map((r) => r.fingerprint)).toEqual(['b1']);
    expect((await importApi.queryTransactions({}, 0, 10)).rows.find((r) => r.fingerprint === 'c1')!.interest).toBeNull();

    await profileApi.placeMerchant('Albert Heijn 1234', 'groceries', true);
    expect((await importApi.queryTransactions({ interest: UNPLACED }, 0, 10)).total).toBe(0);
    expect((await importApi.queryTransactions({ interest: 'groceries' }, 0, 10)).rows.map((r) => r.fingerprint).sort()).toEqual(['b1', 'b2']);
    expect((await importApi.summary({})).interests).toEqual(['coffee', 'groceries']);

    await profileApi.setControls({ paused: true });
    expect((await importApi.summary({})).interests).toEqual([]);
    const paused = await importApi.queryTransactions({}, 0, 10);
    expect(paused.rows.every((r) => !('interest' in r))).toBe(true);
    expect((await importApi.queryTransactions({ interest: 'coffee' }, 0, 10)).total).toBe(0);
  });
});
