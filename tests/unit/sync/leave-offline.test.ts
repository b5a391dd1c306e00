// Found in a user test: a circle left while offline was gone from the device, but the hub never heard of it, so the
// account's circle list brought it back at the next sign-in. Against the real embedded hub.
import { describe, expect, it } from 'vitest';
import { deliverPendingLeaves, joinCircle, leaveCircle, listMemberships, restoreMemberships } from '../../../src/hub/membership';
import { readCircleList } from '../../../src/hub/account-circles';
import { circleDbName } from '../../../src/hub/doc-types';
import { HubError } from '../../../src/hub/client';
import { loadPendingLeaves } from '../../../src/db/pending-leaves';
import { forgetAccountCircles } from '../../../src/db/account-data';
import { hasHub, hubCatalog, newMember } from './hub-fixture';

const memberDoc = (circleId: string, name: string) => `${encodeURIComponent(circleDbName(circleId))}/${encodeURIComponent(`member:${name}`)}`;

async function onHub(person: Awaited<ReturnType<typeof newMember>>, path: string): Promise<boolean> {
  try {
    await person.client.get(path);
    return true;
  } catch (error) {
    if (error instanceof HubError && error.status === 404) return false;
    throw error;
  }
}

describe.skipIf(!hasHub)('leaving a circle while the hub is out of reach', () => {
  it('leaves here at once, waits, is told to the hub once it is back, and the circle does not come back in between', async () => {
    const person = await newMember('lo');
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    await joinCircle(circleId, 'open', person.client, person.db);

    person.before = () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await leaveCircle(circleId, person.client, person.db)).toBe('pending');
    expect(await listMemberships(person.db)).toEqual([]);
    expect((await loadPendingLeaves(person.name, person.db)).map((leave) => leave.circleId)).toEqual([circleId]);
    // Still offline: the sync engine's try changes nothing, and says one is still waiting.
    expect(await deliverPendingLeaves(person.client, person.db)).toBe(1);

    person.before = undefined;
    expect(await onHub(person, memberDoc(circleId, person.name))).toBe(true);
    // A sign-in's restore before the leave went out does not bring the circle back.
    await restoreMemberships(person.client, person.db);
    expect(await listMemberships(person.db)).toEqual([]);

    expect(await deliverPendingLeaves(person.client, person.db)).toBe(0);
    expect(await onHub(person, memberDoc(circleId, person.name))).toBe(false);
    expect(await readCircleList(person.client, person.name)).not.toContain(circleId);
    expect(await loadPendingLeaves(person.name, person.db)).toEqual([]);
  });

  it('a sign-out keeps the leave for the account’s next sign-in; joining again first cancels it', async () => {
    const person = await newMember('lj');
    const [first, second] = (await hubCatalog()).filter((c) => c.policy === 'open').map((c) => c._id);
    await joinCircle(first!, 'open', person.client, person.db);
    await joinCircle(second!, 'open', person.client, person.db);
    person.before = () => {
      throw new TypeError('Failed to fetch');
    };
    await leaveCircle(first!, person.client, person.db);
    await leaveCircle(second!, person.client, person.db);
    await forgetAccountCircles(person.db);
    expect((await loadPendingLeaves(person.name, person.db)).map((leave) => leave.circleId).sort()).toEqual([first, second].sort());

    person.before = undefined;
    await joinCircle(second!, 'open', person.client, person.db);
    expect((await loadPendingLeaves(person.name, person.db)).map((leave) => leave.circleId)).toEqual([first]);
    await deliverPendingLeaves(person.client, person.db);
    expect(await onHub(person, memberDoc(first!, person.name))).toBe(false);
    expect(await onHub(person, memberDoc(second!, person.name))).toBe(true);
    expect((await listMemberships(person.db)).map((m) => m.circleId)).toEqual([second]);
  });
});
