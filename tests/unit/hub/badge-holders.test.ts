// The operator's count of verified customers counts the people of the circle only: a badge stays when its holder
// leaves, but they are no longer counted. Against the real embedded hub, each person with their own device.
import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { readCirclePeople } from '../../../src/hub/circle-people';
import { approveRequest, removeDepartedMembers } from '../../../src/hub/join-queue';
import { checkApproval, joinCircle, leaveCircle } from '../../../src/hub/membership';
import { flushOutbox } from '../../../src/hub/outbox';
import { pullCircle } from '../../../src/hub/replicator';
import { claimBadge, hasBadge, loadTrust, publishProofSet, verifyClaims } from '../../../src/hub/trust';
import { hasHub, newMember } from '../sync/hub-fixture';

type Device = Awaited<ReturnType<typeof newMember>>;

const sync = async (m: Device, circleId: string) => {
  await flushOutbox({ client: m.client, db: m.db });
  await pullCircle(circleId, { client: m.client, db: m.db });
};

/** A circle run by `op`, with a published customer list whose order ids are ORDER-1 … ORDER-9. */
async function circleWithList(op: Device, policy: 'open' | 'approval'): Promise<{ circleId: string; proofset: string }> {
  const circleId = `badge-${policy}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await op.client.post('_quanzi/circles', { id: circleId, policy, name: { zh: '徽章', en: 'Badges' }, description: { zh: '测', en: 'Test' }, topics: { coffee: 1 } });
  await syncCatalog({ client: op.client, db: op.db });
  expect((await joinCircle(circleId, policy, op.client, op.db)).status).toBe('joined');
  const { doc } = await publishProofSet(circleId, Array.from({ length: 9 }, (_, i) => `ORDER-${i + 1}`).join('\n'), { from: '2026-01-01', to: '2026-12-31' }, op.db);
  await sync(op, circleId);
  return { circleId, proofset: doc._id };
}

/** `m` (already in the circle) claims with `orderId`, and the operator verifies it. */
async function earnBadge(op: Device, m: Device, circleId: string, proofset: string, orderId: string): Promise<void> {
  await pullCircle(circleId, { client: m.client, db: m.db });
  await claimBadge(circleId, { proofset, orderId }, m.db);
  await sync(m, circleId);
  await pullCircle(circleId, { client: op.client, db: op.db });
  expect((await verifyClaims(circleId, op.db)).verified).toEqual([m.name]);
  await sync(op, circleId);
}

describe.skipIf(!hasHub)("the operator's count of badge holders", () => {
  it('open circle: someone who left is not counted (their member doc went), though the badge stays theirs', async () => {
    const [op, alice, bob] = await Promise.all([newMember('bo'), newMember('ba'), newMember('bb')]);
    const { circleId, proofset } = await circleWithList(op, 'open');
    for (const m of [alice, bob]) {
      expect((await joinCircle(circleId, 'open', m.client, m.db)).status).toBe('joined');
      await earnBadge(op, m, circleId, proofset, m === alice ? 'ORDER-1' : 'ORDER-2');
    }
    expect((await loadTrust(circleId, op.name, op.db)).badgeHolders).toBe(2);

    await leaveCircle(circleId, alice.client, alice.db);
    await pullCircle(circleId, { client: op.client, db: op.db });
    // Counted from what the operator's device synced (the member doc's deletion), with or without the hub's word.
    expect((await loadTrust(circleId, op.name, op.db)).badgeHolders).toBe(1);
    const roster = await readCirclePeople(circleId, { client: op.client, db: op.db });
    expect((await loadTrust(circleId, op.name, op.db, roster)).badgeHolders).toBe(1);
    // The badge itself stays: it is the operator's record, and shows again if she comes back.
    expect(await hasBadge(circleId, alice.name, op.db)).toBe(true);

    expect((await joinCircle(circleId, 'open', alice.client, alice.db)).status).toBe('joined');
    await pullCircle(circleId, { client: op.client, db: op.db });
    expect((await loadTrust(circleId, op.name, op.db)).badgeHolders).toBe(2);
  });

  it("approval circle: counted while in the circle's members, not once the operator's app took the name out", async () => {
    const [op, alice, bob] = await Promise.all([newMember('bp'), newMember('bc'), newMember('bd')]);
    const { circleId, proofset } = await circleWithList(op, 'approval');
    for (const m of [alice, bob]) {
      expect((await joinCircle(circleId, 'approval', m.client, m.db)).status).toBe('requested');
      await approveRequest(circleId, m.name, { client: op.client, db: op.db });
      expect(await checkApproval(circleId, m.client, m.db)).toBe(true);
      await earnBadge(op, m, circleId, proofset, m === alice ? 'ORDER-3' : 'ORDER-4');
    }
    const people = () => readCirclePeople(circleId, { client: op.client, db: op.db });
    expect((await loadTrust(circleId, op.name, op.db, await people())).badgeHolders).toBe(2);

    await leaveCircle(circleId, alice.client, alice.db);
    // Still in `_security` until the operator's app looks at the join requests: the hub still lets her in.
    expect((await loadTrust(circleId, op.name, op.db, await people())).badgeHolders).toBe(2);
    expect(await removeDepartedMembers(circleId, { client: op.client, db: op.db })).toEqual([alice.name]);
    expect((await loadTrust(circleId, op.name, op.db, await people())).badgeHolders).toBe(1);
    // Without the hub's word (offline) an approval circle's members are unknown here: every badge is counted.
    expect((await loadTrust(circleId, op.name, op.db)).badgeHolders).toBe(2);
  });
});
