// An account without a circle list (made before lists, or a seeded demo account) has every catalog circle asked about
// when it signs in elsewhere. A circle the person took off their circles stays off: a refusal stays on the hub as the
// operator's record and would otherwise come back as "declined". Against the real embedded hub.
import { describe, expect, it } from 'vitest';
import { readCircleList, REMOVED_CIRCLES_FIELD } from '../../../src/hub/account-circles';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { approveRequest, denyRequest } from '../../../src/hub/join-queue';
import { checkApproval, joinCircle, leaveCircle, listMemberships, removeFromMyCircles, restoreMemberships, withdrawRequest } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { signIn } from '../../../src/hub/session';
import { freshDb, hasHub, newMember, recordingClient } from '../sync/hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });
let counter = 0;

async function approvalCircle(op: Person): Promise<string> {
  const id = `rm-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await requestNewCircle({ id, policy: 'approval', name: { zh: '移除', en: 'Removed' }, description: { zh: '移除', en: 'Removed' }, topics: { coffee: 1 } }, ctx(op));
  return id;
}

/** Signed up the way accounts were before they had a circle list, as the demo accounts are seeded. */
async function accountWithoutList(prefix: string): Promise<Person> {
  const recorder = recordingClient();
  const db = freshDb();
  const name = `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
  await recorder.client.put(`_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`, { _id: `org.couchdb.user:${name}`, name, password: 'correct-horse-1', roles: [], type: 'user' });
  await signIn(name, 'correct-horse-1', recorder.client, db);
  return Object.assign(recorder, { db, name });
}

/** The same account on a new device: what signing in there brings back. */
async function anotherDevice(p: Person, ids: string[]): Promise<string[]> {
  const device = recordingClient();
  const db = freshDb();
  await signIn(p.name, 'correct-horse-1', device.client, db);
  await syncCatalog({ client: device.client, db });
  expect((await restoreMemberships(device.client, db)).unchecked).toBe(0);
  return (await listMemberships(db)).filter((m) => ids.includes(m.circleId)).map((m) => `${m.circleId}:${m.status}`).sort();
}

const accountDoc = (p: Person) => p.client.get<Record<string, unknown>>(`_users/${encodeURIComponent(`org.couchdb.user:${p.name}`)}`);

describe.skipIf(!hasHub)('a circle removed by an account without a circle list', () => {
  it('refused and removed, or withdrawn: another device does not bring it back; the first whole look makes a list without it', async () => {
    const [op, person] = await Promise.all([newMember('mo'), accountWithoutList('mp')]);
    const [refused, withdrawn, kept] = [await approvalCircle(op), await approvalCircle(op), await approvalCircle(op)];
    const ids = [refused, withdrawn, kept];
    for (const id of ids) expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('requested');
    await denyRequest(refused, person.name, 'Staff only', ctx(op));
    await checkApproval(refused, person.client, person.db);
    await approveRequest(kept, person.name, ctx(op));
    expect(await checkApproval(kept, person.client, person.db)).toBe(true);

    await removeFromMyCircles(refused, person.client, person.db);
    await withdrawRequest(withdrawn, person.client, person.db);
    // Still no list (this device never looked at the whole catalog), but the account notes what it removed.
    expect(await readCircleList(person.client, person.name)).toBeUndefined();
    expect((await accountDoc(person))[REMOVED_CIRCLES_FIELD]).toEqual([refused, withdrawn].sort());

    expect(await anotherDevice(person, ids)).toEqual([`${kept}:joined`]);
    // That look reached every circle: the account has a list now, which says it all.
    expect(await readCircleList(person.client, person.name)).toEqual([kept]);
    expect((await accountDoc(person))[REMOVED_CIRCLES_FIELD]).toBeUndefined();
    expect(await anotherDevice(person, ids)).toEqual([`${kept}:joined`]);
  });

  it('joining it again takes it off the removed circles, so another device brings it back', async () => {
    const [op, person] = await Promise.all([newMember('mq'), accountWithoutList('mr')]);
    const [refused, left] = [await approvalCircle(op), await approvalCircle(op)];
    await joinCircle(refused, 'approval', person.client, person.db);
    await denyRequest(refused, person.name, 'Not now', ctx(op));
    await checkApproval(refused, person.client, person.db);
    await removeFromMyCircles(refused, person.client, person.db);
    await joinCircle(left, 'approval', person.client, person.db);
    await approveRequest(left, person.name, ctx(op));
    await checkApproval(left, person.client, person.db);
    await leaveCircle(left, person.client, person.db);
    expect((await accountDoc(person))[REMOVED_CIRCLES_FIELD]).toEqual([left, refused].sort());

    // Asking again after the refusal: waiting for the operator, and found so elsewhere.
    expect((await joinCircle(refused, 'approval', person.client, person.db)).status).toBe('requested');
    expect((await accountDoc(person))[REMOVED_CIRCLES_FIELD]).toEqual([left]);
    expect(await anotherDevice(person, [refused, left])).toEqual([`${refused}:requested`]);
  });
});
