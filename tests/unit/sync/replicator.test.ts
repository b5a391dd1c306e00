import { beforeAll, describe, expect, it } from 'vitest';
import { pullCircle } from '../../../src/hub/replicator';
import { circleStream, getCheckpoint, docRowsOfCircle, applyPulledPage } from '../../../src/db/circle-docs';
import { joinCircle, leaveCircle } from '../../../src/hub/membership';
import { createPost, flushOutbox, writeCircleDoc } from '../../../src/hub/outbox';
import { HubClient } from '../../../src/hub/client';
import { circleDbName, type EventDoc } from '../../../src/hub/doc-types';
import { hasHub, hubCatalog, hubUrl, newMember, type CatalogDoc } from './hub-fixture';

let openCircle: CatalogDoc;
let approvalCircle: CatalogDoc | undefined;

beforeAll(async () => {
  if (!hasHub) return;
  const catalog = await hubCatalog();
  openCircle = catalog.find((c) => c.policy === 'open')!;
  approvalCircle = catalog.find((c) => c.policy === 'approval');
  expect(openCircle).toBeDefined();
});

const sinceOf = (url: string) => new URL(url).searchParams.get('since');

/** Everything the hub holds in a circle, read as `client` (a member). */
async function hubDocs(client: HubClient, circleId: string) {
  const all = await client.get<{ rows: { id: string; doc: { type: string; text?: string } }[] }>(`${circleDbName(circleId)}/_all_docs`, { query: { include_docs: true } });
  return all.rows.filter((r) => !r.id.startsWith('_design/'));
}

async function memberOfOpenCircle(posts: number) {
  const member = await newMember();
  const circleId = openCircle._id;
  const membership = await joinCircle(circleId, 'open', member.client, member.db);
  expect(membership.status).toBe('joined');
  for (let i = 0; i < posts; i++) await createPost(circleId, `paging post ${i} of ${member.name}`, member.db);
  const report = await flushOutbox({ client: member.client, db: member.db });
  expect(report.delivered).toBe(posts);
  return Object.assign(member, { circleId });
}

describe.skipIf(!hasHub)('pull of a joined circle', () => {
  it('pages through _changes, sending back each opaque checkpoint', async () => {
    const m = await memberOfOpenCircle(12);
    const onHub = await hubDocs(m.client, m.circleId);
    m.requests.length = 0;
    const result = await pullCircle(m.circleId, { client: m.client, db: m.db, limit: 5 });
    const changeUrls = m.requests.filter((r) => r.url.includes('/_changes')).map((r) => r.url);
    expect(result.pages).toBeGreaterThanOrEqual(Math.ceil(onHub.length / 5));
    expect(sinceOf(changeUrls[0]!)).toBe('0');
    // Every later page starts where the previous one ended, as an opaque string.
    const checkpoint = await getCheckpoint(circleStream(m.circleId), m.db);
    expect(typeof checkpoint).toBe('string');
    expect(checkpoint).toBe(result.lastSeq);
    const rows = await docRowsOfCircle(m.circleId, m.db);
    expect(rows.map((r) => r.docId).sort()).toEqual(onHub.map((r) => r.id).sort());
    expect(rows.filter((r) => r.type === 'post' && (r.doc as { text: string }).text.endsWith(m.name))).toHaveLength(12);
    // A second pull asks from the stored checkpoint and gets nothing new.
    m.requests.length = 0;
    const again = await pullCircle(m.circleId, { client: m.client, db: m.db, limit: 5 });
    expect(sinceOf(m.requests[0]!.url)).toBe(checkpoint);
    expect(again.changes).toBe(0);
  });

  it('resumes after a crash between pages without duplicates or re-downloads', async () => {
    const m = await memberOfOpenCircle(15);
    const onHub = await hubDocs(m.client, m.circleId);
    const feed = await m.client.get<{ results: unknown[] }>(`${circleDbName(m.circleId)}/_changes`, { query: { style: 'main_only' } });
    // The third _changes request dies on the network: pages 1 and 2 are committed, page 3 is not.
    let calls = 0;
    m.before = (url) => {
      if (url.includes('/_changes') && ++calls === 3) throw new TypeError('connection reset');
    };
    await expect(pullCircle(m.circleId, { client: m.client, db: m.db, limit: 5 })).rejects.toThrow(/connection reset/);
    m.before = undefined;
    const checkpoint = await getCheckpoint(circleStream(m.circleId), m.db);
    expect(checkpoint).toBeDefined();

    m.requests.length = 0;
    const resumed = await pullCircle(m.circleId, { client: m.client, db: m.db, limit: 5 });
    expect(sinceOf(m.requests[0]!.url)).toBe(checkpoint);
    const rows = await docRowsOfCircle(m.circleId, m.db);
    expect(rows.map((r) => r.docId).sort()).toEqual(onHub.map((r) => r.id).sort());
    // Exactly the changes after the two committed pages were downloaded again: nothing twice.
    expect(resumed.changes).toBe(feed.results.length - 10);
  });
});
