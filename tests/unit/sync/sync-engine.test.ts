import { beforeAll, describe, expect, it } from 'vitest';
import { joinCircle } from '../../../src/hub/membership';
import { createPost } from '../../../src/hub/outbox';
import { OUTBOX_TIMER_MS, SyncEngine } from '../../../src/hub/sync-engine';
import { hasHub, hubCatalog, newMember, type CatalogDoc } from './hub-fixture';

let openCircle: CatalogDoc;
beforeAll(async () => {
  if (!hasHub) return;
  openCircle = (await hubCatalog()).find((c) => c.policy === 'open')!;
});

describe.skipIf(!hasHub)('sync engine', () => {
  it('a flush asked for while a flush is in flight runs right after it, not a timer period later', async () => {
    const m = await newMember('e');
    await joinCircle(openCircle._id, 'open', m.client, m.db);
    await createPost(openCircle._id, 'first', m.db);
    const engine = new SyncEngine(m.client, m.db);
    let failedOnce = false;
    m.before = async (url) => {
      if (!url.endsWith('/_bulk_docs') || failedOnce) return;
      failedOnce = true;
      // While the first delivery is on the wire the person posts again (the page asks for a flush, as the
      // `online` event does), and then that first request fails: 'first' backs off, 'second' is due now.
      await createPost(openCircle._id, 'second', m.db);
      engine.handle({ kind: 'flush' });
      throw new TypeError('network changed');
    };
    const stop = new AbortController();
    const running = engine.run(stop.signal);
    const deadline = Date.now() + OUTBOX_TIMER_MS / 4;
    let delivered = 0;
    while (Date.now() < deadline && delivered < 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      delivered = await m.db.outbox.where('status').equals('delivered').count();
    }
    stop.abort();
    await running;
    expect(failedOnce).toBe(true);
    expect(delivered).toBe(1);
    const [row] = await m.db.outbox.where('status').equals('delivered').toArray();
    expect((row as unknown as { doc: { text: string } }).doc.text).toBe('second');
  });

  it('stops promptly when aborted while its loops are busy (the leader lock is released)', async () => {
    const m = await newMember('s');
    await joinCircle(openCircle._id, 'open', m.client, m.db);
    const engine = new SyncEngine(m.client, m.db);
    const stop = new AbortController();
    let stopped = false;
    // Abort while the first catalog download is on the wire, so every loop meets an already-aborted signal.
    m.before = (url) => {
      if (url.includes('/catalog/')) stop.abort();
    };
    const running = engine.run(stop.signal).then(() => (stopped = true));
    const deadline = Date.now() + 10_000;
    while (!stopped && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stop.signal.aborted).toBe(true);
    expect(stopped).toBe(true);
    await running;
  });
});
