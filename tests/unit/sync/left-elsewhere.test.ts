// Found in a user test: leaving a circle on the desktop left the phone (same account) syncing, notifying and posting
// in it until the next sign-in. Against the real embedded hub, with two devices of one account.
import { describe, expect, it } from 'vitest';
import { createPost } from '../../../src/hub/outbox';
import { followLeavesElsewhere } from '../../../src/hub/left-elsewhere';
import { joinCircle, leaveCircle, listMemberships } from '../../../src/hub/membership';
import { hasHub, hubCatalog, twoDevicesOfOneAccount as twoDevices } from './hub-fixture';

describe.skipIf(!hasHub)('a leave made on another device of the account', () => {
  it('is followed here: the circle goes, the others stay', async () => {
    const { phone, desktop } = await twoDevices('le');
    const [left, kept] = (await hubCatalog()).filter((c) => c.policy === 'open').map((c) => c._id);
    for (const device of [phone, desktop]) {
      await joinCircle(left!, 'open', device.client, device.db);
      await joinCircle(kept!, 'open', device.client, device.db);
    }
    // Nothing left anywhere yet: nothing changes.
    expect(await followLeavesElsewhere(phone.client, phone.db)).toEqual([]);

    expect(await leaveCircle(left!, desktop.client, desktop.db)).toBe('left');
    expect(await followLeavesElsewhere(phone.client, phone.db)).toEqual([left]);
    expect((await listMemberships(phone.db)).map((m) => m.circleId)).toEqual([kept]);
    expect(await phone.db.circleDocs.where('circleId').equals(left!).count()).toBe(0);
  });

  it('what this device wrote meanwhile goes out first; the circle follows once it has', async () => {
    const { phone, desktop } = await twoDevices('lw');
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    for (const device of [phone, desktop]) await joinCircle(circleId, 'open', device.client, device.db);
    await createPost(circleId, 'written on the phone before it heard of the leave', phone.db);
    await leaveCircle(circleId, desktop.client, desktop.db);
    expect(await followLeavesElsewhere(phone.client, phone.db)).toEqual([]);
    expect((await listMemberships(phone.db)).map((m) => m.circleId)).toEqual([circleId]);
    await phone.db.outbox.toCollection().modify({ status: 'delivered' });
    expect(await followLeavesElsewhere(phone.client, phone.db)).toEqual([circleId]);
  });

  it('a circle joined again here after the leave elsewhere stays', async () => {
    const { phone, desktop } = await twoDevices('lr');
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    for (const device of [phone, desktop]) await joinCircle(circleId, 'open', device.client, device.db);
    await leaveCircle(circleId, desktop.client, desktop.db);
    await joinCircle(circleId, 'open', phone.client, phone.db);
    expect(await followLeavesElsewhere(phone.client, phone.db)).toEqual([]);
    expect((await listMemberships(phone.db)).map((m) => m.circleId)).toEqual([circleId]);
  });
});
