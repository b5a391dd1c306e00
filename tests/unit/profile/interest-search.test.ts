// Searching the Transactions screen by an interest's name: the placement the profile gives each row, through the
// worker APIs over fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { importApi } from '../../../src/app/api/import-api';
import { profileApi } from '../../../src/app/api/profile-api';
import { storedPayment as row, storeImport } from '../../support/stored-rows';

describe('searching transactions', () => {
  it('finds payments by the name of the interest they are placed in, in either language', async () => {
    await storeImport('imp-s', [row('星巴克', 's1'), row('Albert Heijn 1234', 's2', { description: 'weekly shop' })]);
    // Neither the payee nor the description says coffee: the profile's placement does.
    expect((await importApi.queryTransactions({ search: 'coffee' }, 0, 10)).rows.map((r) => r.fingerprint)).toEqual(['s1']);
    expect((await importApi.queryTransactions({ search: '咖啡' }, 0, 10)).rows.map((r) => r.fingerprint)).toEqual(['s1']);
    expect((await importApi.summary({ search: 'COFFEE' })).count).toBe(1);
    // The text itself still counts.
    expect((await importApi.queryTransactions({ search: 'weekly' }, 0, 10)).rows.map((r) => r.fingerprint)).toEqual(['s2']);
    // Paused profiling places nothing, so an interest name finds nothing.
    await profileApi.setControls({ paused: true });
    expect((await importApi.queryTransactions({ search: 'coffee' }, 0, 10)).total).toBe(0);
  });
});
