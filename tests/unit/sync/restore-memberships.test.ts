// Signing in on another device brings back the account's circles, from what the hub already holds. Against the
// real embedded hub.
import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { checkApproval, joinCircle, leaveCircle, listMemberships, restoreMemberships } from '../../../src/hub/membership';
import { approveRequest, denyRequest, removeDepartedMembers, requestNewCircle } from '../../../src/hub/operator';
import { circleDbName } from '../../../src/hub/doc-types';
import { signIn } from '../../../src/hub/session';
import { freshDb, hasHub, hubCatalog, newMember, recordingClient } from './hub-fixture';

describe.skipIf(!hasHub)('restoring memberships on another device', () => {
  it('finds the open and approval circles the account is in, its requests and their answers, not the one it left, and the ones it operates', async () => {
    const [op, person] = await Promise.all([newMember('ro'), newMember('rp')]);
    const stamp = Date.now().toString(36);
    const [approval, pending, refused, quit] = [`restore-t-${stamp}`, `restore-p-${stamp}`, `restore-r-${stamp}`, `restore-q-${stamp}`];
    for (const id of [approval, pending, refused, quit]) {
      await requestNewCircle({ id, policy: 'approval', name: { zh: '恢复', en: 'Restore' }, description: { zh: '恢复', en: 'Restore' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
    }
    await joinCircle(pending, 'approval', person.client, person.db);
    await joinCircle(refused, 'approval', person.client, person.db);
    await denyRequest(refused, person.name, 'Members of the roastery only', { client: op.client, db: op.db });
    // Approved, then left: still in `_security` until the operator's app looks, but the request is a tombstone.
    await joinCircle(quit, 'approval', person.client, person.db);
    await approveRequest(quit, person.name, { client: op.client, db: op.db });
    expect(await checkApproval(quit, person.client, person.db)).toBe(true);
    await leaveCircle(quit, person.client, person.db);
    const [kept, left] = (await hubCatalog()).filter((c) => c.policy === 'open').map((c) => c._id);
    await joinCircle(kept!, 'open', person.client, person.db);
    await joinCircle(left!, 'open', person.client, person.db);
    await leaveCircle(left!, person.client, person.db);
    await joinCircle(approval, 'approval', person.client, person.db);
    await approveRequest(approval, person.name, { client: op.client, db: op.db });
    expect(await checkApproval(approval, person.client, person.db)).toBe(true);

    // The same account on a new device: nothing here yet.
    const device = recordingClient();
    const db = freshDb();
    await signIn(person.name, 'correct-horse-1', device.client, db);
    await syncCatalog({ client: device.client, db });
    device.requests.length = 0;
    const result = await restoreMemberships(device.client, db);
    expect(result).toEqual({ restored: [kept!, approval, pending, refused].sort(), unchecked: 0 });
    const memberships = await listMemberships(db);
    expect(memberships.map((m) => [m.circleId, m.status, m.policy]).sort()).toEqual([
      [approval, 'joined', 'approval'], [kept!, 'joined', 'open'], [pending, 'requested', 'approval'], [refused, 'denied', 'approval'],
    ].sort());
    // The operator's reason comes along, as on the device that asked.
    expect(memberships.find((m) => m.circleId === refused)).toMatchObject({ reason: 'Members of the roastery only', deniedByOperator: true });
    // Only reads, about every circle of the catalog, whatever the account joined.
    expect(device.requests.every((r) => r.method === 'GET')).toBe(true);
    const asked = new Set(device.requests.map((r) => decodeURIComponent(new URL(r.url).pathname.split('/').find((part) => /^(circle|requests)_/.test(decodeURIComponent(part))) ?? '').replace(/^(circle|requests)_/, '')));
    expect([...asked].sort()).toEqual((await db.catalog.toArray()).map((c) => c.id as string).sort());

    // Nothing more to find the second time.
    expect(await restoreMemberships(device.client, db)).toEqual({ restored: [], unchecked: 0 });

    // An operator's circles come back too, including one nobody asked to join.
    const opDevice = freshDb();
    await signIn(op.name, 'correct-horse-1', op.client, opDevice);
    await syncCatalog({ client: op.client, db: opDevice });
    expect((await restoreMemberships(op.client, opDevice)).restored).toEqual([approval, pending, quit, refused].sort());
  });

  it('leaves out an open circle its own operator left, and brings back the ones they stayed in', async () => {
    const op = await newMember('rl');
    const stamp = Date.now().toString(36);
    const [stayed, quit] = [`restore-os-${stamp}`, `restore-ol-${stamp}`];
    for (const id of [stayed, quit]) {
      await requestNewCircle({ id, policy: 'open', name: { zh: '恢复', en: 'Restore' }, description: { zh: '恢复', en: 'Restore' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
      // As the Start a circle form does: the operator joins what they made.
      await joinCircle(id, 'open', op.client, op.db);
    }
    await leaveCircle(quit, op.client, op.db);

    const device = recordingClient();
    const db = freshDb();
    await signIn(op.name, 'correct-horse-1', device.client, db);
    await syncCatalog({ client: device.client, db });
    device.requests.length = 0;
    const { restored } = await restoreMemberships(device.client, db);
    expect(restored).toContain(stayed);
    expect(restored).not.toContain(quit);
    // An open circle is asked with answers of 200 only: no failed request per circle in the browser's console.
    const open = new Set((await hubCatalog()).filter((c) => c.policy === 'open').map((c) => `/circle_${c._id}`));
    const toOpen = device.requests.filter((r) => [...open].some((db) => decodeURIComponent(new URL(r.url).pathname).startsWith(db)));
    expect(toOpen.length).toBeGreaterThanOrEqual(open.size);
    expect(toOpen.filter((r) => r.status !== 200)).toEqual([]);
  });

  it('takes out a member let in without a request once they leave, and keeps one who came back before the operator looked', async () => {
    const [op, person] = await Promise.all([newMember('rh'), newMember('rk')]);
    const stamp = Date.now().toString(36);
    const [left, back] = [`restore-h-${stamp}`, `restore-b-${stamp}`];
    const security = (id: string) => `${encodeURIComponent(circleDbName(id))}/_security`;
    for (const id of [left, back]) {
      await requestNewCircle({ id, policy: 'approval', name: { zh: '恢复', en: 'Restore' }, description: { zh: '恢复', en: 'Restore' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
      // Let in by hand, as the demo seed does: a name in the members, no request doc.
      const current = await op.client.get<{ admins?: unknown; members?: { names?: string[]; roles?: string[] } }>(security(id));
      await op.client.put(security(id), { ...current, members: { names: [...(current.members?.names ?? []), person.name], roles: current.members?.roles ?? [] } });
      expect((await joinCircle(id, 'approval', person.client, person.db)).status).toBe('joined');
      await leaveCircle(id, person.client, person.db);
    }
    // Back in before the operator's app looked: the request is asked again, so the look keeps them.
    expect((await joinCircle(back, 'approval', person.client, person.db)).status).toBe('joined');

    expect(await removeDepartedMembers(left, { client: op.client, db: op.db })).toEqual([person.name]);
    expect(await removeDepartedMembers(back, { client: op.client, db: op.db })).toEqual([]);

    const device = recordingClient();
    const db = freshDb();
    await signIn(person.name, 'correct-horse-1', device.client, db);
    await syncCatalog({ client: device.client, db });
    const { restored } = await restoreMemberships(device.client, db);
    expect(restored).toContain(back);
    expect(restored).not.toContain(left);
    expect((await listMemberships(db)).find((m) => m.circleId === back)?.status).toBe('joined');
  });

  it('counts the circles it could not ask about instead of guessing', async () => {
    const person = await newMember('ru');
    const db = freshDb();
    const device = recordingClient();
    await signIn(person.name, 'correct-horse-1', device.client, db);
    const total = (await hubCatalog()).length;
    await syncCatalog({ client: device.client, db });
    let calls = 0;
    device.before = () => {
      if (++calls % 2 === 0) throw new TypeError('Failed to fetch');
    };
    const result = await restoreMemberships(device.client, db);
    expect(result.restored).toEqual([]);
    expect(result.unchecked).toBeGreaterThan(0);
    expect(result.unchecked).toBeLessThanOrEqual(total);
  });
});
