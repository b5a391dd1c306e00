import type { Page } from '@playwright/test';

/**
 * pull_10k_ms: 10,000 posts of joined circles (5 circles × 2,000) pulled page by page (the replicator's own
 * page size) into real IndexedDB through Dexie, each page with its checkpoint in one transaction.
 * outbox_flush_per_s: 2,000 local posts delivered through `flushOutbox` (batches of _bulk_docs).
 * The hub's answers are generated in the page (a fetch that speaks the CouchDB `_changes`/`_bulk_docs`
 * format), so the figures are the client's cost: JSON, Dexie transactions, bookkeeping, not hub latency.
 */
export default async ({ page }: { page: Page }): Promise<Record<string, number>> => {
  // tsx keeps function names with a `__name` helper that does not exist inside the page.
  await page.evaluate('globalThis.__name = (fn) => fn');
  return page.evaluate(async () => {
    const { QuanziDB } = await import('/src/db/schema.ts' as string);
    const { HubClient } = await import('/src/hub/client.ts' as string);
    const { pullCircle } = await import('/src/hub/replicator.ts' as string);
    const { createPost, flushOutbox } = await import('/src/hub/outbox.ts' as string);
    const circles = ['bench_a', 'bench_b', 'bench_c', 'bench_d', 'bench_e'];
    const perCircle = 2_000;
    const db = new QuanziDB(`bench-sync-${Date.now()}`);
    await db.open();
    const start = Date.UTC(2024, 0, 1);
    const fakeHub = async (input: string, init?: RequestInit): Promise<Response> => {
      const url = new URL(input, location.origin);
      const [, , dbName, action] = url.pathname.split('/');
      if (action === '_changes') {
        const since = Number(url.searchParams.get('since') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '200');
        const results = [];
        for (let seq = since + 1; seq <= Math.min(perCircle, since + limit); seq++) {
          const id = `post:${String(seq).padStart(26, '0')}`;
          results.push({ id, seq, changes: [{ rev: '1-a' }], doc: { _id: id, _rev: '1-a', type: 'post', author: `user${seq % 97}`, createdAt: new Date(start + seq * 60_000).toISOString(), text: `Post ${seq} in ${dbName}: 今天的咖啡很好喝 https://example.com/${seq}` } });
        }
        return new Response(JSON.stringify({ results, last_seq: results.length ? results.at(-1)!.seq : since }), { status: 200 });
      }
      if (action === '_bulk_docs') {
        const { docs } = JSON.parse(String(init?.body)) as { docs: { _id: string }[] };
        return new Response(JSON.stringify(docs.reverse().map((d) => ({ ok: true, id: d._id, rev: '1-b' }))), { status: 201 });
      }
      return new Response('{"error":"not_found","reason":"missing"}', { status: 404 });
    };
    const client = new HubClient({ baseUrl: '/hub', fetch: fakeHub });
    for (const circleId of circles) await db.memberships.put({ circleId, status: 'joined', policy: 'open', joinedAt: new Date().toISOString() });

    const t0 = performance.now();
    for (const circleId of circles) await pullCircle(circleId, { client, db });
    const pullMs = performance.now() - t0;
    const stored = await db.circleDocs.count();
    if (stored !== circles.length * perCircle) throw new Error(`pulled ${stored} docs, expected ${circles.length * perCircle}`);

    await db.settings.put({ key: 'hub.account', value: { name: 'bench', roles: [], signedInAt: new Date().toISOString() } });
    const posts = 2_000;
    for (let i = 0; i < posts; i++) await createPost(circles[i % circles.length]!, `outbox bench ${i}`, db);
    const t1 = performance.now();
    const report = await flushOutbox({ client, db });
    const flushMs = performance.now() - t1;
    if (report.delivered !== posts) throw new Error(`delivered ${report.delivered} of ${posts}`);
    db.close();
    await indexedDB.deleteDatabase(db.name);
    return { pull_10k_ms: Math.round(pullMs), outbox_flush_per_s: Math.round(posts / (flushMs / 1000)) };
  });
};
