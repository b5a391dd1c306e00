// The hub's session cookie expires after a while away (10 minutes on the embedded hub). A 401 is not a refusal:
// no circle is marked denied and no post is rejected; after signing in again everything carries on.
import { describe, expect, it } from 'vitest';
import { HubClient } from '../../../src/hub/client';
import { circleDbName } from '../../../src/hub/doc-types';
import { joinCircle, listMemberships } from '../../../src/hub/membership';
import { createPost, flushOutbox } from '../../../src/hub/outbox';
import { pullCircle } from '../../../src/hub/replicator';
import { currentAccount, signIn } from '../../../src/hub/session';
import { syncPass } from '../../../src/hub/sync-pass';
import { hasHub, hubCatalog, hubUrl, newMember } from './hub-fixture';

const openCircles = async () => (await hubCatalog()).filter((c) => c.policy === 'open').map((c) => c._id);

describe.skipIf(!hasHub)('an expired hub session', () => {
  it('denies nothing and loses nothing: after signing in again the post goes out and the circle syncs', async () => {
    const member = await newMember('lapse');
    const [circleId] = await openCircles();
    await joinCircle(circleId!, 'open', member.client, member.db);
    // The same device, its cookie expired while the app was closed.
    const expired = new HubClient({ baseUrl: hubUrl() });
    const post = await createPost(circleId!, 'written while the session lapsed', member.db);
    expect(await flushOutbox({ client: expired, db: member.db })).toEqual({ delivered: 0, rejected: 0, retrying: 1 });
    await expect(pullCircle(circleId!, { client: expired, db: member.db })).rejects.toMatchObject({ status: 401 });
    expect((await listMemberships(member.db)).map((m) => m.status)).toEqual(['joined']);
    expect((await currentAccount(member.db))?.sessionEnded).toBe(true);
    // The service worker's pass waits for the sign-in instead of knocking on every circle.
    const before = member.requests.length;
    expect(await syncPass({ client: expired, db: member.db })).toMatchObject({ signedOut: true, delivered: 0, pulled: 0 });
    expect(member.requests.length).toBe(before);

    await signIn(member.name, 'correct-horse-1', member.client, member.db);
    expect((await currentAccount(member.db))?.sessionEnded).toBeUndefined();
    const pass = await syncPass({ client: member.client, db: member.db });
    expect(pass).toMatchObject({ delivered: 1, rejected: 0, failed: [] });
    expect(pass.pulled).toBeGreaterThan(0);
    const onHub = await member.client.get<{ text?: string }>(`${circleDbName(circleId!)}/${encodeURIComponent(post._id)}`);
    expect(onHub.text).toBe('written while the session lapsed');
    expect((await member.db.circleDocs.get([circleId!, post._id] as never))?.state).toBe('synced');
  });

  it('gives back circles an earlier version marked denied for a 401, and only those, on signing in', async () => {
    const member = await newMember('lapse');
    const [first, second] = await openCircles();
    await joinCircle(first!, 'open', member.client, member.db);
    await joinCircle(second!, 'open', member.client, member.db);
    await member.db.memberships.update(first!, { status: 'denied', reason: '401 unauthorized: Sign in first: this hub requires a valid user.' } as never);
    await member.db.memberships.update(second!, { status: 'denied', reason: '403 forbidden: You are not a member.' } as never);
    await signIn(member.name, 'correct-horse-1', member.client, member.db);
    const byId = Object.fromEntries((await listMemberships(member.db)).map((m) => [m.circleId, m]));
    expect(byId[first!]).toMatchObject({ status: 'joined' });
    expect(byId[first!]).not.toHaveProperty('reason');
    expect(byId[second!]).toMatchObject({ status: 'denied' });
  });
});
