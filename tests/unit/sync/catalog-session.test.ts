import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { CATALOG_STREAM, getCheckpoint } from '../../../src/db/circle-docs';
import { AccountError, currentAccount, signIn, signOut, signUp } from '../../../src/hub/session';
import { hasHub, hubCatalog, newMember, recordingClient, freshDb } from './hub-fixture';

describe.skipIf(!hasHub)('catalog', () => {
  it('is downloaded whole, then incrementally from the checkpoint', async () => {
    const { client, requests } = recordingClient();
    const db = freshDb();
    // A bundled copy from an offline first start is replaced, not merged.
    await db.catalog.put({ id: 'stale-bundled-circle', name: 'gone' });
    const first = await syncCatalog({ client, db });
    const onHub = await hubCatalog();
    expect(first.changes).toBeGreaterThanOrEqual(onHub.length);
    expect((await db.catalog.toArray()).map((r) => r.id).sort()).toEqual(onHub.map((d) => d._id).sort());
    const row = await db.catalog.get(onHub[0]!._id);
    expect(row).not.toHaveProperty('_rev');
    expect(row).toMatchObject({ id: onHub[0]!._id, _id: onHub[0]!._id, policy: onHub[0]!.policy });
    // Anonymous: the catalog is the same for everyone, no account needed.
    expect(requests.every((r) => !r.url.includes('_session'))).toBe(true);

    const checkpoint = await getCheckpoint(CATALOG_STREAM, db);
    requests.length = 0;
    const second = await syncCatalog({ client, db });
    expect(second.changes).toBe(0);
    expect(new URL(requests[0]!.url).searchParams.get('since')).toBe(checkpoint);
  });
});

describe.skipIf(!hasHub)('accounts', () => {
  it('signs up with a pseudonym, signs out and in again; refuses a taken name and a wrong password', async () => {
    const m = await newMember('acct');
    expect((await currentAccount(m.db))?.name).toBe(m.name);
    // The _users doc carries only what CouchDB needs, and the account's circle list, empty.
    const signUpBody = JSON.parse(m.requests.find((r) => r.url.includes('/_users/'))!.body!);
    expect(Object.keys(signUpBody).sort()).toEqual(['_id', 'name', 'password', 'quanziCircles', 'roles', 'type']);
    expect(signUpBody.quanziCircles).toEqual([]);
    await signOut(m.client, m.db);
    expect(await currentAccount(m.db)).toBeUndefined();
    await expect(signIn(m.name, 'wrong-password', m.client, m.db)).rejects.toMatchObject({ code: 'wrong-credentials' });
    await signIn(m.name, 'correct-horse-1', m.client, m.db);
    expect((await currentAccount(m.db))?.name).toBe(m.name);
    const again = recordingClient();
    await expect(signUp(m.name, 'another-password', again.client, freshDb())).rejects.toBeInstanceOf(AccountError);
    await expect(signUp(m.name, 'another-password', again.client, freshDb())).rejects.toMatchObject({ code: 'taken' });
    await expect(signUp('x', 'another-password', again.client, freshDb())).rejects.toMatchObject({ code: 'bad-name' });
  });
});
