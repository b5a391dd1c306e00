// Found in a user test: an operator who let the wrong person into an approval circle could not take them out again.
// Against the real embedded hub.
import { describe, expect, it } from 'vitest';
import { checkApproval, joinCircle, listMemberships } from '../../../src/hub/membership';
import { requestNewCircle, editSecurity } from '../../../src/hub/operator';
import { approveRequest, denyRequest, listJoinRequests } from '../../../src/hub/join-queue';
import { readCirclePeople } from '../../../src/hub/circle-people';
import { pullCircle } from '../../../src/hub/replicator';
import { hasHub, newMember } from './hub-fixture';

describe.skipIf(!hasHub)('an operator takes a member out of an approval circle', () => {
  it('ends their access, and their app shows the operator’s reason as a refusal; one let in without a request too', async () => {
    const [op, wrong, seeded] = await Promise.all([newMember('rmo'), newMember('rmw'), newMember('rms')]);
    const circleId = `remove-${Date.now().toString(36)}`;
    await requestNewCircle({ id: circleId, policy: 'approval', name: { zh: '移出', en: 'Remove' }, description: { zh: '移出', en: 'Remove' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
    await joinCircle(circleId, 'approval', wrong.client, wrong.db, '  Ticket A12 for Friday  ');
    // The few words sent with the request reach the operator's queue.
    expect((await listJoinRequests(circleId, { client: op.client, db: op.db })).pending.map((r) => [r.user, r.message])).toEqual([[wrong.name, 'Ticket A12 for Friday']]);
    await approveRequest(circleId, wrong.name, { client: op.client, db: op.db });
    expect(await checkApproval(circleId, wrong.client, wrong.db)).toBe(true);
    await pullCircle(circleId, { client: wrong.client, db: wrong.db });
    // Let in by hand, as the demo seed does: no request of their own.
    await editSecurity(op.client, circleId, (s) => void s.members.names.push(seeded.name), (s) => Boolean(s.members?.names?.includes(seeded.name)));
    await seeded.db.memberships.put({ circleId, status: 'joined', policy: 'approval', joinedAt: new Date().toISOString() });
    expect((await readCirclePeople(circleId, { client: op.client, db: op.db })).members).toEqual([wrong.name, seeded.name].sort());

    await denyRequest(circleId, wrong.name, 'Approved by mistake, sorry', { client: op.client, db: op.db });
    await denyRequest(circleId, seeded.name, '', { client: op.client, db: op.db });
    expect((await readCirclePeople(circleId, { client: op.client, db: op.db })).members).toEqual([]);
    expect((await listJoinRequests(circleId, { client: op.client, db: op.db })).decided.map((r) => [r.user, r.decision]).sort())
      .toEqual([[wrong.name, 'denied'], [seeded.name, 'denied']].sort());

    // Their next pull is refused, and the page says what the operator said.
    expect((await pullCircle(circleId, { client: wrong.client, db: wrong.db })).denied).toBe(true);
    expect((await listMemberships(wrong.db))[0]).toMatchObject({ status: 'denied', deniedByOperator: true, reason: 'Approved by mistake, sorry' });
    expect((await pullCircle(circleId, { client: seeded.client, db: seeded.db })).denied).toBe(true);
    expect((await listMemberships(seeded.db))[0]).toMatchObject({ status: 'denied', deniedByOperator: true, reason: '' });
  });
});
