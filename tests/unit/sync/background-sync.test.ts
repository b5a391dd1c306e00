// The service worker's sync while no tab is open (src/app/background-sync.ts), against the real embedded hub:
// it delivers what was written offline, learns of approvals, pulls, and alerts new notices once, worded as the
// page words them. The service worker only supplies the lock and showNotification (workers/sw.ts).
import { describe, expect, it } from 'vitest';
import { backgroundSync, OUTBOX_SYNC_TAG, REFRESH_SYNC_TAG, TryAgainLater, type BackgroundContext, type SystemNotice } from '../../../src/app/background-sync';
import { SETTING_KEYS, setSetting } from '../../../src/db/settings';
import { syncCatalog } from '../../../src/hub/catalog-sync';
import { circleDbName, type CircleDoc } from '../../../src/hub/doc-types';
import { joinCircle, listMemberships } from '../../../src/hub/membership';
import { requestNewCircle } from '../../../src/hub/operator';
import { approveRequest } from '../../../src/hub/join-queue';
import { createComment, createPost } from '../../../src/hub/outbox';
import { hasHub, newMember } from './hub-fixture';

type Person = Awaited<ReturnType<typeof newMember>>;

function serviceWorkerOf(person: Person) {
  const shown: SystemNotice[] = [];
  const state = { tabSyncing: false, permission: 'granted' as NotificationPermission };
  const context: BackgroundContext = {
    whileNoTabSyncs: async (task) => (state.tabSyncing ? undefined : task()),
    permission: () => state.permission,
    show: async (notice) => void shown.push(notice),
    languages: ['zh-CN'],
    client: person.client,
    db: person.db,
  };
  return { shown, state, context };
}

async function hubTexts(op: Person, circleId: string): Promise<string[]> {
  const all = await op.client.get<{ rows: { doc: CircleDoc & { text?: string } }[] }>(`${circleDbName(circleId)}/_all_docs`, { query: { include_docs: true } });
  return all.rows.map((r) => r.doc.text ?? '').filter(Boolean);
}

describe.skipIf(!hasHub)('background sync (service worker, no tab open)', () => {
  it('learns of an approval, delivers the offline post exactly once, and alerts each new notice once', async () => {
    const [op, member] = await Promise.all([newMember('bo'), newMember('bm')]);
    const id = `bg-${Date.now().toString(36)}`;
    await requestNewCircle({ id, policy: 'approval', name: { zh: '后台', en: 'Night Shift' }, description: { zh: '后台', en: 'Night Shift' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
    await joinCircle(id, 'approval', op.client, op.db);
    // The person joined from the catalog, so the device has the circle's entry (its name in each language).
    await syncCatalog({ client: member.client, db: member.db });
    await joinCircle(id, 'approval', member.client, member.db);
    await setSetting(SETTING_KEYS.locale, 'en', member.db);
    const sw = serviceWorkerOf(member);

    // The first pass only records what is there, as the page's first look does.
    await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    expect((await listMemberships(member.db))[0]?.status).toBe('requested');

    await approveRequest(id, member.name, { client: op.client, db: op.db });
    const approved = await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    expect(approved?.approved).toEqual([id]);
    expect((await listMemberships(member.db))[0]?.status).toBe('joined');
    expect(sw.shown).toEqual([{ title: 'Quanzi', body: 'Your request to join Night Shift was approved.', tag: `approved:${id}`, route: `#/feed/${id}` }]);

    // Written while the hub cannot be reached: the one-off sync asks to be fired again, and nothing is lost.
    member.before = () => { throw new TypeError('Failed to fetch'); };
    const post = await createPost(id, 'written on the night bus', member.db);
    await expect(backgroundSync(OUTBOX_SYNC_TAG, sw.context)).rejects.toBeInstanceOf(TryAgainLater);
    expect(await hubTexts(op, id)).not.toContain('written on the night bus');

    member.before = undefined;
    const delivered = await backgroundSync(OUTBOX_SYNC_TAG, sw.context);
    expect(delivered?.delivered).toBe(1);
    expect((await hubTexts(op, id)).filter((t) => t === 'written on the night bus')).toHaveLength(1);
    expect((await member.db.circleDocs.get([id, post._id] as never))?.state).toBe('synced');
    expect(sw.shown).toHaveLength(1); // the approval is not alerted again

    // A reply arrives while the app is closed: alerted once, in the language the person chose.
    await createComment(id, post._id, 'see you at the depot', op.db);
    expect((await backgroundSync(REFRESH_SYNC_TAG, serviceWorkerOf(op).context))?.delivered).toBe(1);
    const replied = await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    expect(replied?.pulled).toBeGreaterThan(0);
    expect(sw.shown.slice(1).map((n) => n.body)).toEqual([`${op.name} replied to your post in Night Shift: see you at the depot`]);
    await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    expect(sw.shown).toHaveLength(2);
  });

  it('stands aside while a tab syncs, and marks notices alerted without showing them when notifications are off', async () => {
    const [op, member] = await Promise.all([newMember('bo'), newMember('bm')]);
    const id = `bg-off-${Date.now().toString(36)}`;
    await requestNewCircle({ id, policy: 'approval', name: { zh: '关', en: 'Off' }, description: { zh: '关', en: 'Off' }, topics: { coffee: 1 } }, { client: op.client, db: op.db });
    await joinCircle(id, 'approval', member.client, member.db);
    const sw = serviceWorkerOf(member);
    await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    await approveRequest(id, member.name, { client: op.client, db: op.db });

    sw.state.tabSyncing = true;
    const before = member.requests.length;
    await expect(backgroundSync(OUTBOX_SYNC_TAG, sw.context)).rejects.toBeInstanceOf(TryAgainLater);
    expect(await backgroundSync(REFRESH_SYNC_TAG, sw.context)).toBeUndefined();
    expect(member.requests.length).toBe(before);

    sw.state.tabSyncing = false;
    sw.state.permission = 'default';
    expect((await backgroundSync(REFRESH_SYNC_TAG, sw.context))?.alerted).toBe(0);
    expect(sw.shown).toEqual([]);
    // Allowed later: what was already noticed is not brought up again.
    sw.state.permission = 'granted';
    await backgroundSync(REFRESH_SYNC_TAG, sw.context);
    expect(sw.shown).toEqual([]);
  });
});
