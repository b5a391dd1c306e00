import { describe, expect, it } from 'vitest';
import { profileApi } from '../../../src/app/api/profile-api';
import { getDb } from '../../../src/db/schema';
import { makePersona } from '../../support/personas';

// The saved profile summary is personal data: it exists only while there are rows behind it.
describe('profile snapshot', () => {
  it('is not written from zero rows, is written once rows exist, and goes away when they do', async () => {
    const db = getDb();
    const empty = await profileApi.getProfile();
    expect(empty.rows).toBe(0);
    expect(await db.profile.count()).toBe(0);

    const rows = makePersona('gamer', 1, 60, new Date()).transactions.map((t) => ({ ...t, importId: 'imp1' }));
    await db.txChunks.add({ importId: 'imp1', rows });
    await profileApi.rebuildProfile();
    const view = await profileApi.getProfile();
    expect(view.rows).toBeGreaterThan(0);
    const saved = await db.profile.get('current');
    expect((saved?.snapshot as { rows: number }).rows).toBe(view.rows);

    await db.txChunks.clear();
    await profileApi.rebuildProfile();
    expect((await profileApi.getProfile()).rows).toBe(0);
    expect(await db.profile.count()).toBe(0);
  });
});
