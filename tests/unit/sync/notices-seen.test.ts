// How far the account has read its notices travels with the account: a device that gets the circles back at a
// sign-in shows the approval (or reply) the person has not seen anywhere as unread, and older ones as old news.
// Against the real embedded hub.
import { describe, expect, it } from 'vitest';
import { loadNoticeView, markNoticesRead, takeFreshAlerts } from '../../../src/app/notice-feed';
import { NOTICES_SEEN_KEY } from '../../../src/db/circle-content';
import { getSetting, setSetting } from '../../../src/db/settings';
import { noteNoticesSeen, readCircleRecord } from '../../../src/hub/account-circles';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { approveRequest, denyRequest } from '../../../src/hub/join-queue';
import { checkApproval, joinCircle, listMemberships, restoreMemberships } from '../../../src/hub/membership';
import { shareNoticesSeen } from '../../../src/hub/notices-seen';
import { requestNewCircle } from '../../../src/hub/operator';
import { signIn } from '../../../src/hub/session';
import { freshDb, hasHub, newMember } from './hub-fixture';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe.skipIf(!hasHub)('notices read on one device, seen from another', () => {
  it('an approval decided after the account last read is news on the next device; one read before is not; neither rings', async () => {
    const [op, person] = await Promise.all([newMember('no'), newMember('np')]);
    const stamp = Date.now().toString(36);
    const [first, second, refused] = [`seen-a-${stamp}`, `seen-b-${stamp}`, `seen-c-${stamp}`];
    for (const id of [first, second, refused]) {
      await requestNewCircle({ id, policy: 'approval', name: { zh: '已读', en: 'Seen' }, description: { zh: '已读', en: 'Seen' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
      await joinCircle(id, 'approval', person.client, person.db);
    }
    await approveRequest(first, person.name, { client: op.client, db: op.db });
    expect(await checkApproval(first, person.client, person.db)).toBe(true);

    // The first device reads the approval, and tells the hub how far it read.
    const view = await loadNoticeView('en', Date.now(), person.db);
    expect(view.items.map((i) => [i.key, i.read])).toEqual([[`approved:${first}`, false]]);
    expect(await markNoticesRead(view.items.map((i) => i.key), person.db)).toBe(true);
    const seen = await getSetting<string | undefined>(NOTICES_SEEN_KEY, undefined, person.db);
    expect(seen).toBe(view.items[0]!.at);
    await shareNoticesSeen(person.client, person.db);
    expect((await readCircleRecord(person.client, person.name)).noticesSeenUntil).toBe(seen);

    // Later, while the person is away from that device, the second request is approved and the third declined.
    await tick();
    await approveRequest(second, person.name, { client: op.client, db: op.db });
    await denyRequest(refused, person.name, 'Members only', { client: op.client, db: op.db });

    // A new device: the circles come back with the operator's times for the decisions.
    const device = freshDb();
    await signIn(person.name, 'correct-horse-1', person.client, device);
    await syncCatalog({ client: person.client, db: device });
    await setSetting('notices.alerted', [], device); // not the first look, which only records
    await restoreMemberships(person.client, device);
    const memberships = await listMemberships(device);
    expect(memberships.find((m) => m.circleId === second)?.approvedAt).toBeDefined();
    expect(memberships.find((m) => m.circleId === refused)).toMatchObject({ status: 'denied', reason: 'Members only' });
    const there = await loadNoticeView('en', Date.now(), device);
    const state = Object.fromEntries(there.items.map((i) => [i.key, i.read]));
    expect(state[`approved:${first}`]).toBe(true);
    expect(state[`approved:${second}`]).toBe(false);
    expect(Object.entries(state).find(([key]) => key.startsWith(`declined:${refused}:`))?.[1]).toBe(false);
    expect(there.unread).toBe(2);
    // Unread, but from before this device had the circles: a sign-in rings no system notification.
    expect(await takeFreshAlerts(there, device)).toEqual([]);

    // Read there too: the hub's mark moves on, and an older mark from a slower device does not move it back.
    await markNoticesRead(there.items.map((i) => i.key), device);
    await shareNoticesSeen(person.client, device);
    const further = (await readCircleRecord(person.client, person.name)).noticesSeenUntil!;
    expect(further > seen!).toBe(true);
    await noteNoticesSeen(person.client, person.name, seen!);
    expect((await readCircleRecord(person.client, person.name)).noticesSeenUntil).toBe(further);
  });
});
