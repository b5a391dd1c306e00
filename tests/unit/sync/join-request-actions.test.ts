// The member's side of an approval circle after asking to join (src/hub/membership.ts): withdrawing a waiting
// request, learning of a refusal (the "declined" notice), asking again, and removing a refused circle. Against the
// real embedded hub, with the operator's own app functions on the other side.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/hub/client';
import { readCircleList } from '../../../src/hub/account-circles';
import { checkApproval, joinCircle, listMemberships, removeFromMyCircles, restoreMemberships, withdrawRequest } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { approveRequest, denyRequest, listJoinRequests, removeDepartedMembers } from '../../../src/hub/join-queue';
import { loadNoticeView, noticeRoute, noticeWording } from '../../../src/app/notice-feed';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { signIn } from '../../../src/hub/session';
import { freshDb, hasHub, newMember, recordingClient } from './hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });
let counter = 0;

async function approvalCircle(op: Person): Promise<string> {
  const id = `req-t-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  await requestNewCircle({ id, policy: 'approval', name: { zh: '申请', en: 'Requests' }, description: { zh: '申请', en: 'Requests' }, topics: { coffee: 1 } }, ctx(op));
  return id;
}

const pendingNames = async (id: string, op: Person) => (await listJoinRequests(id, ctx(op))).pending.map((r) => r.user);
const offline = (p: Person) => { p.before = () => { throw new TypeError('Failed to fetch'); }; };
const online = (p: Person) => { p.before = undefined; };

/** The same account signing in on a new device, which restores what the hub says it is in. */
async function secondDevice(p: Person): Promise<string[]> {
  const device = recordingClient();
  const db = freshDb();
  await signIn(p.name, 'correct-horse-1', device.client, db);
  await syncCatalog({ client: device.client, db });
  await restoreMemberships(device.client, db);
  return (await listMemberships(db)).map((m) => `${m.circleId}:${m.status}`);
}

describe.skipIf(!hasHub)('withdrawing a join request and asking again', () => {
  it('withdraw: the request goes from the operator’s queue, the account’s list and this device; offline nothing changes', async () => {
    const [op, person] = await Promise.all([newMember('wo'), newMember('wp')]);
    const id = await approvalCircle(op);
    expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('requested');
    expect(await readCircleList(person.client, person.name)).toContain(id);
    expect(await pendingNames(id, op)).toEqual([person.name]);

    // Offline: it says so (a network error), and the request stays, here and on the hub.
    offline(person);
    await expect(withdrawRequest(id, person.client, person.db)).rejects.toSatisfy((e) => e instanceof HubError && e.isTransient);
    online(person);
    expect((await listMemberships(person.db)).map((m) => m.status)).toEqual(['requested']);
    expect(await pendingNames(id, op)).toEqual([person.name]);

    await withdrawRequest(id, person.client, person.db);
    expect(await listMemberships(person.db)).toEqual([]);
    expect(await pendingNames(id, op)).toEqual([]);
    expect(await readCircleList(person.client, person.name)).not.toContain(id);
    expect(await secondDevice(person)).toEqual([]);
    // Not in the members, nothing for the operator's app to take out.
    expect(await removeDepartedMembers(id, ctx(op))).toEqual([]);

    // And asking again is an ordinary request.
    expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('requested');
    expect(await pendingNames(id, op)).toEqual([person.name]);
  });

  it('declined: the person gets the notice with the reason, asks again (pending for the operator), and can be let in', async () => {
    const [op, person] = await Promise.all([newMember('do'), newMember('dp')]);
    const id = await approvalCircle(op);
    await joinCircle(id, 'approval', person.client, person.db);
    await denyRequest(id, person.name, 'Members of the roastery only', ctx(op));
    expect(await checkApproval(id, person.client, person.db)).toBe(false);
    const [denied] = await listMemberships(person.db);
    expect(denied).toMatchObject({ status: 'denied', deniedByOperator: true, reason: 'Members of the roastery only' });
    const decidedAt = (await listJoinRequests(id, ctx(op))).decided[0]!.decidedAt;
    expect(denied!.deniedAt).toBe(decidedAt);

    const view = await loadNoticeView('en', Date.now(), person.db);
    const declined = view.items.filter((n) => n.kind === 'declined');
    expect(declined).toHaveLength(1);
    expect(declined[0]).toMatchObject({ key: `declined:${id}:${decidedAt}`, read: false, params: { reason: 'Members of the roastery only' } });
    expect(noticeWording(declined[0]!, 'en')).toBe(`Your request to join ${id} was declined: Members of the roastery only`);
    expect(noticeRoute(declined[0]!)).toBe(`#/feed/${id}`);
    // Looking again finds no news: the same decision is the same notice.
    expect((await checkApproval(id, person.client, person.db))).toBe(false);
    expect((await loadNoticeView('en', Date.now(), person.db)).items.map((n) => n.key)).toEqual([declined[0]!.key]);

    // Ask again: one fresh request, waiting; the notice goes with the refusal.
    expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('requested');
    const [asked] = await listMemberships(person.db);
    expect(asked).toMatchObject({ status: 'requested' });
    expect(asked!.reason).toBeUndefined();
    expect(asked!.deniedAt).toBeUndefined();
    expect(await pendingNames(id, op)).toEqual([person.name]);
    expect((await listJoinRequests(id, ctx(op))).decided).toEqual([]);
    expect((await loadNoticeView('en', Date.now(), person.db)).items.filter((n) => n.kind === 'declined')).toEqual([]);
    expect(await checkApproval(id, person.client, person.db)).toBe(false);
    expect((await listMemberships(person.db))[0]!.status).toBe('requested');

    // Declined a second time: a second notice, keyed by the new decision.
    await denyRequest(id, person.name, '', ctx(op));
    expect(await checkApproval(id, person.client, person.db)).toBe(false);
    const again = (await loadNoticeView('en', Date.now(), person.db)).items.filter((n) => n.kind === 'declined');
    expect(again).toHaveLength(1);
    expect(again[0]!.key).not.toBe(declined[0]!.key);
    expect(noticeWording(again[0]!, 'en')).toBe(`Your request to join ${id} was declined.`);

    // Asked a third time, approved this time.
    await joinCircle(id, 'approval', person.client, person.db);
    await approveRequest(id, person.name, ctx(op));
    expect(await checkApproval(id, person.client, person.db)).toBe(true);
  });

  it('remove after a refusal: off this device and the account’s list, so another device does not bring it back; joining later asks again', async () => {
    const [op, person] = await Promise.all([newMember('ro'), newMember('rp')]);
    const id = await approvalCircle(op);
    await joinCircle(id, 'approval', person.client, person.db);
    await denyRequest(id, person.name, 'Not now', ctx(op));
    await checkApproval(id, person.client, person.db);

    offline(person);
    await expect(removeFromMyCircles(id, person.client, person.db)).rejects.toSatisfy((e) => e instanceof HubError && e.isTransient);
    online(person);
    expect((await listMemberships(person.db)).map((m) => m.status)).toEqual(['denied']);

    await removeFromMyCircles(id, person.client, person.db);
    expect(await listMemberships(person.db)).toEqual([]);
    expect(await readCircleList(person.client, person.name)).not.toContain(id);
    expect(await secondDevice(person)).toEqual([]);
    // The operator keeps the record of the decision.
    expect((await listJoinRequests(id, ctx(op))).decided.map((r) => [r.user, r.decision])).toEqual([[person.name, 'denied']]);

    // Joining from the Circles screen later is asking again, not a request the hub already refused.
    expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('requested');
    expect(await pendingNames(id, op)).toEqual([person.name]);
  });
});
