import { beforeAll, describe, expect, it } from 'vitest';
import { joinCircle } from '../../../src/hub/membership';
import { createPost, flushOutbox, writeCircleDoc } from '../../../src/hub/outbox';
import { getDocRow, type OutboxRow } from '../../../src/db/circle-docs';
import { circleDbName, type EventDoc } from '../../../src/hub/doc-types';
import { hasHub, hubCatalog, newMember, type CatalogDoc } from './hub-fixture';

let openCircle: CatalogDoc;
beforeAll(async () => {
  if (!hasHub) return;
  openCircle = (await hubCatalog()).find((c) => c.policy === 'open')!;
});

async function joinedMember() {
  const m = await newMember('o');
  expect((await joinCircle(openCircle._id, 'open', m.client, m.db)).status).toBe('joined');
  return m;
}

const outboxRows = async (m: Awaited<ReturnType<typeof newMember>>) => (await m.db.outbox.toArray()) as unknown as OutboxRow[];
const bulkRequests = (m: Awaited<ReturnType<typeof newMember>>) => m.requests.filter((r) => r.url.endsWith('/_bulk_docs'));

describe.skipIf(!hasHub)('outbox', () => {
  it('shows a local write at once as pending, in one transaction with its outbox row', async () => {
    const m = await joinedMember();
    const post = await createPost(openCircle._id, 'hello from the tunnel', m.db);
    expect(post._id).toMatch(/^post:[0-9A-Z]{26}$/);
    expect(post.author).toBe(m.name);
    expect((await getDocRow(openCircle._id, post._id, m.db))?.state).toBe('pending');
    expect((await outboxRows(m)).map((r) => [r.docId, r.status, r.opId])).toEqual([[post._id, 'pending', post.opId]]);
  });

  it('delivers exactly one copy when the answer to _bulk_docs is lost', async () => {
    const m = await joinedMember();
    const text = `lost answer ${m.name}`;
    const post = await createPost(openCircle._id, text, m.db);
    m.after = (url) => {
      if (url.endsWith('/_bulk_docs')) throw new TypeError('socket hang up');
    };
    const first = await flushOutbox({ client: m.client, db: m.db });
    m.after = undefined;
    expect(first).toEqual({ delivered: 0, rejected: 0, retrying: 1 });
    const [waiting] = await outboxRows(m);
    expect(waiting!.status).toBe('pending');
    expect(waiting!.attempts).toBe(1);
    expect(waiting!.nextAttemptAt).toBeGreaterThan(Date.now()); // backing off

    await m.db.outbox.toCollection().modify({ nextAttemptAt: 0 }); // the backoff has passed
    const second = await flushOutbox({ client: m.client, db: m.db });
    expect(second.delivered).toBe(1);
    // The retry met a conflict and resolved it with a GET of the doc, which carried our opId.
    expect(m.requests.some((r) => r.method === 'GET' && r.url.endsWith(`/${circleDbName(openCircle._id)}/${post._id}`))).toBe(true);
    const [row] = await outboxRows(m);
    expect(row!.status).toBe('delivered');
    expect(row!.deliveredAt).toBeTruthy();
    expect((await getDocRow(openCircle._id, post._id, m.db))?.state).toBe('synced');

    const all = await m.client.get<{ rows: { doc: { text?: string } }[] }>(`${circleDbName(openCircle._id)}/_all_docs`, { query: { include_docs: true } });
    expect(all.rows.filter((r) => r.doc.text === text)).toHaveLength(1);
  });

  it('backs off on network errors before the hub is reached', async () => {
    const m = await joinedMember();
    await createPost(openCircle._id, 'no network', m.db);
    m.before = () => {
      throw new TypeError('offline');
    };
    expect((await flushOutbox({ client: m.client, db: m.db })).retrying).toBe(1);
    const afterOne = (await outboxRows(m))[0]!;
    await m.db.outbox.toCollection().modify({ nextAttemptAt: 0 });
    await flushOutbox({ client: m.client, db: m.db });
    const afterTwo = (await outboxRows(m))[0]!;
    expect(afterTwo.attempts).toBe(2);
    // Not due yet: the next flush sends nothing.
    const sent = m.requests.length;
    await flushOutbox({ client: m.client, db: m.db });
    expect(m.requests.length).toBe(sent);
    expect(afterOne.status).toBe('pending');
    m.before = undefined;
  });

  it('marks a write the rules forbid as rejected with the reason, and never retries it', async () => {
    const m = await joinedMember();
    // Only operators may create events.
    const event = await writeCircleDoc<EventDoc>(openCircle._id, { type: 'event', title: 'Members cannot do this', startsAt: '2030-01-01T10:00:00Z' }, m.db);
    const report = await flushOutbox({ client: m.client, db: m.db });
    expect(report.rejected).toBe(1);
    const [row] = await outboxRows(m);
    expect(row!.status).toBe('rejected');
    expect(row!.reason).toBeTruthy();
    const local = await getDocRow(openCircle._id, event._id, m.db);
    expect(local?.state).toBe('rejected');
    expect(local?.reason).toBe(row!.reason);
    const sent = bulkRequests(m).length;
    await m.db.outbox.toCollection().modify({ nextAttemptAt: 0 });
    await flushOutbox({ client: m.client, db: m.db });
    expect(bulkRequests(m).length).toBe(sent);
  });
});
