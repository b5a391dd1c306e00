// Leaving an approval-only circle: the member cannot edit `_security`, so it withdraws its request; the
// operator's app then takes the name out of the members. Against the real embedded hub.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/hub/client';
import { circleDbName } from '../../../src/hub/doc-types';
import { checkApproval, joinCircle, leaveCircle, listMemberships } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { approveRequest, removeDepartedMembers } from '../../../src/hub/join-queue';
import type { SecurityObject } from '../../../src/hub/provision';
import { pullCircle } from '../../../src/hub/replicator';
import { hasHub, newMember } from './hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;
const ctx = (p: Person) => ({ client: p.client, db: p.db });

describe.skipIf(!hasHub)('leaving an approval circle', () => {
  it('withdraws the request; the operator app removes the name, and the hub then refuses the former member', async () => {
    const [op, leaver, stayer] = await Promise.all([newMember('lo'), newMember('ll'), newMember('ls')]);
    const id = `leave-t-${Date.now().toString(36)}`;
    await requestNewCircle({ id, policy: 'approval', name: { zh: '离开', en: 'Leave' }, description: { zh: '离开', en: 'Leave' }, topics: { coffee: 1 } }, ctx(op));
    for (const person of [leaver, stayer]) {
      await joinCircle(id, 'approval', person.client, person.db);
      await approveRequest(id, person.name, ctx(op));
      expect(await checkApproval(id, person.client, person.db)).toBe(true);
    }
    expect(await removeDepartedMembers(id, ctx(op))).toEqual([]);

    await leaveCircle(id, leaver.client, leaver.db);
    expect(await listMemberships(leaver.db)).toEqual([]);
    // A member cannot finish the leave itself: `_security` is for operators.
    await expect(removeDepartedMembers(id, ctx(leaver))).rejects.toBeInstanceOf(HubError);

    expect(await removeDepartedMembers(id, ctx(op))).toEqual([leaver.name]);
    const security = await op.client.get<SecurityObject>(`${circleDbName(id)}/_security`);
    expect(security.members.names).toContain(stayer.name);
    expect(security.members.names).not.toContain(leaver.name);
    expect(await removeDepartedMembers(id, ctx(op))).toEqual([]);

    // The former member's device (say, another one still believing it joined) is now refused.
    await leaver.db.memberships.put({ circleId: id, status: 'joined', policy: 'approval', joinedAt: new Date().toISOString() } as never);
    expect((await pullCircle(id, { client: leaver.client, db: leaver.db })).denied).toBe(true);
    expect((await pullCircle(id, { client: stayer.client, db: stayer.db })).denied).toBe(false);
  });
});
