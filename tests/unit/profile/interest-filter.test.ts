// The Transactions screen's interest column and filter: the profile's own categoriser places each row, the
// person's corrections included, through the worker APIs over fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { importApi } from '../../../src/app/api/import-api';
import { profileApi } from '../../../src/app/api/profile-api';
import { UNPLACED } from '../../../src/db/transactions';
import { storedPayment as row, storeImport } from '../../support/stored-rows';

describe('interests on the Transactions screen', () => {
  it('shows and filters by the interest each row is placed in, follows a correction, and hides them while paused', async () => {
    await storeImport('imp-i', [
      row('星巴克', 'a1'), row('星巴克', 'a2'), row('Albert Heijn 1234', 'b1'), row('Albert Heijn 1234', 'b2', { status: 'closed' }),
      row('SALARY', 'c1', { kind: 'income', amountMinor: 300000 }),
      // A transfer to a payee the profile places (found in a user test: a 花呗 repayment showed an interest chip).
      row('星巴克', 'd1', { kind: 'transfer' }),
    ]);

    expect((await importApi.summary({})).interests).toEqual([UNPLACED, 'coffee']);
    const coffee = await importApi.queryTransactions({ interest: 'coffee' }, 0, 10);
    expect(coffee.rows.map((r) => [r.fingerprint, r.interest])).toEqual([['a1', 'coffee'], ['a2', 'coffee']]);
    // Not placed: spending only; the closed payment and the salary are placed nowhere, but are not spending.
    expect((await importApi.queryTransactions({ interest: UNPLACED }, 0, 10)).rows.map((r) => r.fingerprint)).toEqual(['b1']);
    // Income and transfers are in no interest, on the row as in the filter.
    const all = (await importApi.queryTransactions({}, 0, 10)).rows;
    expect(all.find((r) => r.fingerprint === 'c1')!.interest).toBeUndefined();
    expect(all.find((r) => r.fingerprint === 'd1')!.interest).toBeUndefined();

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
