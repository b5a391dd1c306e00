import { beforeAll, describe, expect, it } from 'vitest';
import { joinCircle, leaveCircle, listMemberships } from '../../../src/hub/membership';
import { pullCircle } from '../../../src/hub/replicator';
import { createPost, flushOutbox } from '../../../src/hub/outbox';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { SyncEngine } from '../../../src/hub/sync-engine';
import { applyPulledPage, circleStream, getCheckpoint, saveDraft } from '../../../src/db/circle-docs';
import { freshDb, hasHub, hubCatalog, newMember, recordingClient, type CatalogDoc } from './hub-fixture';
import { signIn } from '../../../src/hub/session';

let catalog: CatalogDoc[];
let openCircle: CatalogDoc;
let approvalCircle: CatalogDoc;
beforeAll(async () => {
  if (!hasHub) return;
  catalog = await hubCatalog();
  openCircle = catalog.find((c) => c.policy === 'open')!;
  // Open circles are readable by every signed-in user; only approval circles have members to refuse.
  approvalCircle = catalog.find((c) => c.policy === 'approval')!;
});

describe.skipIf(!hasHub)('membership', () => {
  it('a non-member is denied, visibly', async () => {
    const m = await newMember('n');
    // As if a stale device believed it was a member of an approval circle it was never admitted to.
    await m.db.memberships.put({ circleId: approvalCircle._id, status: 'joined', policy: 'approval', joinedAt: new Date().toISOString() });
    const result = await pullCircle(approvalCircle._id, { client: m.client, db: m.db });
    expect(result.denied).toBe(true);
    const [membership] = await listMemberships(m.db);
    expect(membership!.status).toBe('denied');
    expect(membership!.reason).toMatch(/^40[13] /);
    expect(await m.db.circleDocs.count()).toBe(0);
  });

  it('leave purges the circle: docs, checkpoint, outbox, drafts; a page still in flight is dropped', async () => {
    const m = await newMember('l');
    const circleId = openCircle._id;
    await joinCircle(circleId, 'open', m.client, m.db);
    await pullCircle(circleId, { client: m.client, db: m.db });
    await createPost(circleId, 'delivered before leaving', m.db);
    await flushOutbox({ client: m.client, db: m.db });
    await createPost(circleId, 'still pending', m.db);
    await saveDraft(`${circleId}:post`, 'half written', m.db);
    expect(await m.db.circleDocs.where('circleId').equals(circleId).count()).toBeGreaterThan(0);

    await leaveCircle(circleId, m.client, m.db);
    expect(await m.db.circleDocs.where('circleId').equals(circleId).count()).toBe(0);
    expect(await getCheckpoint(circleStream(circleId), m.db)).toBeUndefined();
    expect(await m.db.outbox.where('circleId').equals(circleId).count()).toBe(0);
    expect(await m.db.drafts.count()).toBe(0);
    expect(await listMemberships(m.db)).toEqual([]);
    const late = await applyPulledPage(circleId, [{ id: 'post:late', doc: { _id: 'post:late', type: 'post', author: 'x', createdAt: '2024-01-01T00:00:00Z', text: 'late' } }], '99', m.db);
    expect(late).toBe(false);
    expect(await m.db.circleDocs.count()).toBe(0);
  });

  it('joining again from a second device of the same person is a join, not a refusal', async () => {
    const phone = await newMember('two');
    expect((await joinCircle(openCircle._id, 'open', phone.client, phone.db)).status).toBe('joined');
    const laptop = Object.assign(recordingClient(), { db: freshDb() });
    await signIn(phone.name, 'correct-horse-1', laptop.client, laptop.db);
    const again = await joinCircle(openCircle._id, 'open', laptop.client, laptop.db);
    expect(again).toMatchObject({ status: 'joined' });
    expect(again.reason).toBeUndefined();
  });

  it('a circle never joined is never requested (every URL of a session recorded)', async () => {
    const m = await newMember('p');
    await syncCatalog({ client: m.client, db: m.db });
    expect(await m.db.catalog.count()).toBe(catalog.length);
    await joinCircle(openCircle._id, 'open', m.client, m.db);
    await createPost(openCircle._id, 'privacy check', m.db);
    const engine = new SyncEngine(m.client, m.db);
    const stop = new AbortController();
    const running = engine.run(stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    stop.abort();
    await running;
    expect(await m.db.circleDocs.where('circleId').equals(openCircle._id).count()).toBeGreaterThan(1);
    expect(await m.db.outbox.where('status').equals('delivered').count()).toBe(1);

    const paths = m.requests.map((r) => new URL(r.url).pathname.split('/').filter(Boolean));
    const hubRoot = new URL(m.client.baseUrl).pathname.split('/').filter(Boolean).length;
    const databases = new Set(paths.map((p) => decodeURIComponent(p[hubRoot] ?? '')));
    const circleDbs = [...databases].filter((d) => d.startsWith('circle_'));
    expect(circleDbs).toEqual([`circle_${openCircle._id}`]);
    for (const db of databases) expect(['_users', '_session', 'catalog', `circle_${openCircle._id}`, ...(db.startsWith('_') ? [db] : [])]).toContain(db);
    void flushOutbox;
  });
});
