// One browser, two people: the circles, cached circle content, drafts and unsent writes of one hub account must
// not be there for the next account (found in a user test: demo-chen saw demo-lin's approval circles, and lin's
// draft sat in chen's composer). Statements and the profile are the device's and stay.
import { describe, expect, it } from 'vitest';
import { unsentWork } from '../../../src/db/account-data';
import { CATALOG_STREAM, circleStream } from '../../../src/db/circle-docs';
import type { QuanziDB } from '../../../src/db/schema';
import { ACCOUNT_KEY, currentAccount, noteSessionEnded, signIn, signOut, signUp } from '../../../src/hub/session';
import { freshDb, hasHub, newMember, recordingClient } from './hub-fixture';

const CIRCLE = 'concerts-livehouse-sh';

/** What a member's device holds after a while: circle data of the account, and the device's own data. */
async function fillDevice(db: QuanziDB): Promise<void> {
  await db.memberships.put({ circleId: CIRCLE, status: 'joined', policy: 'approval', joinedAt: '2026-12-01T00:00:00Z' } as never);
  await db.circleDocs.put({ circleId: CIRCLE, docId: 'post:1', doc: { _id: 'post:1', body: 'members only' }, state: 'synced' } as never);
  await db.outbox.put({ opId: 'op-1', circleId: CIRCLE, docId: 'post:2', status: 'pending' } as never);
  await db.outbox.put({ opId: 'op-0', circleId: CIRCLE, docId: 'post:0', status: 'synced' } as never);
  await db.drafts.put({ key: `${CIRCLE}:post`, text: 'PRIVATE DRAFT', updatedAt: '2026-12-01T00:00:00Z' });
  await db.drafts.put({ key: `${CIRCLE}:reply:post:1`, text: '  ', updatedAt: '2026-12-01T00:00:00Z' });
  await db.checkpoints.bulkPut([{ stream: circleStream(CIRCLE), since: '5' }, { stream: CATALOG_STREAM, since: '9' }]);
  await db.settings.bulkPut([
    { key: 'notices.read', value: ['x'] }, { key: 'trust.declinedQuestions', value: ['q'] }, { key: 'trust.claimedOrderIds', value: { c: 'o' } },
    { key: 'trust.sealKey.proofset:1', value: { kty: 'EC' } }, { key: 'settings.theme', value: 'dark' },
  ] as never);
  await db.catalog.put({ id: CIRCLE, name: 'public' });
  await db.imports.put({ id: 'import-1', fileName: 'a.csv' } as never);
  await db.profile.put({ id: 'current', interests: [] });
  await db.dismissals.put({ circleId: 'other', at: '2026-12-01T00:00:00Z' });
}

async function accountData(db: QuanziDB) {
  return {
    memberships: await db.memberships.count(), circleDocs: await db.circleDocs.count(), outbox: await db.outbox.count(),
    drafts: await db.drafts.count(), circleCheckpoint: await db.checkpoints.get(circleStream(CIRCLE)),
    noticesRead: await db.settings.get('notices.read'), declined: await db.settings.get('trust.declinedQuestions'),
    claimed: await db.settings.get('trust.claimedOrderIds'),
  };
}

async function deviceData(db: QuanziDB) {
  return {
    catalog: await db.catalog.count(), catalogCheckpoint: (await db.checkpoints.get(CATALOG_STREAM))?.since,
    imports: await db.imports.count(), profile: await db.profile.count(), dismissals: await db.dismissals.count(),
    sealKey: Boolean(await db.settings.get('trust.sealKey.proofset:1')), theme: (await db.settings.get('settings.theme'))?.value,
  };
}

const DEVICE = { catalog: 1, catalogCheckpoint: '9', imports: 1, profile: 1, dismissals: 1, sealKey: true, theme: 'dark' };
const EMPTY = { memberships: 0, circleDocs: 0, outbox: 0, drafts: 0, circleCheckpoint: undefined, noticesRead: undefined, declined: undefined, claimed: undefined };

describe.skipIf(!hasHub)('the account’s circles on a shared device', () => {
  it('counts what signing out would lose: writes not yet sent and drafts with text', async () => {
    const db = freshDb();
    expect(await unsentWork(db)).toEqual({ writes: 0, drafts: 0 });
    await fillDevice(db);
    expect(await unsentWork(db)).toEqual({ writes: 1, drafts: 1 });
  });

  it('sign out takes the account’s circles off the device, and leaves the device’s own data', async () => {
    const m = await newMember('out');
    await fillDevice(m.db);
    await signOut(m.client, m.db);
    expect(await currentAccount(m.db)).toBeUndefined();
    expect(await accountData(m.db)).toEqual(EMPTY);
    expect(await deviceData(m.db)).toEqual(DEVICE);
  });

  it('another account signing in over an ended session does not get the first one’s circles; the same one keeps them', async () => {
    const first = await newMember('first');
    await fillDevice(first.db);
    await noteSessionEnded(first.db);
    // The same person again: everything they had, drafts and unsent writes included, is still there.
    await signIn(first.name, 'correct-horse-1', first.client, first.db);
    expect((await accountData(first.db)).memberships).toBe(1);
    expect((await accountData(first.db)).drafts).toBe(2);

    await noteSessionEnded(first.db);
    const second = recordingClient();
    await signUp(`second${Date.now().toString(36)}`, 'correct-horse-2', second.client, first.db);
    expect(await accountData(first.db)).toEqual(EMPTY);
    expect(await deviceData(first.db)).toEqual(DEVICE);
    expect((await first.db.settings.get(ACCOUNT_KEY))?.value).toMatchObject({ name: expect.stringMatching(/^second/) });
  });
});
