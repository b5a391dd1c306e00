// The embedded hub's `_changes?feed=longpoll` (src/hub/longpoll.ts): CouchDB's answers (at once, on the first
// change, or empty at `timeout`), and a client that leaves early leaves nothing running behind it.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLongpollChanges, type ChangesDb } from '../../../src/hub/longpoll';
import { circleDbName } from '../../../src/hub/doc-types';
import { joinCircle } from '../../../src/hub/membership';
import { createPost, flushOutbox } from '../../../src/hub/outbox';
import { hasHub, hubCatalog, newMember } from '../sync/hub-fixture';

type Page = { results: { id: string }[]; last_seq: unknown };

describe.skipIf(!hasHub)('longpoll _changes on the embedded hub', () => {
  it('answers empty at the timeout, then with the first change, and at once when changes are waiting', async () => {
    const member = await newMember('lp');
    const circleId = (await hubCatalog()).find((c) => c.policy === 'open')!._id;
    await joinCircle(circleId, 'open', member.client, member.db);
    const path = `${circleDbName(circleId)}/_changes`;
    const started = Date.now();
    const idle = await member.client.get<Page>(path, { query: { feed: 'longpoll', since: 'now', timeout: 400 } });
    expect(idle.results).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);

    const waiting = member.client.get<Page>(path, { query: { feed: 'longpoll', since: String(idle.last_seq), timeout: 10_000 } });
    await new Promise((r) => setTimeout(r, 200));
    const post = await createPost(circleId, 'longpoll wakes up', member.db);
    await flushOutbox({ client: member.client, db: member.db });
    const woke = await waiting;
    expect(woke.results.map((r) => r.id)).toEqual([post._id]);

    const behind = await member.client.get<Page>(path, { query: { feed: 'longpoll', since: String(idle.last_seq), timeout: 10_000 } });
    expect(behind.results.map((r) => r.id)).toContain(post._id);
  });
});

describe('longpoll _changes, a client that leaves', () => {
  function fakeDb() {
    const state = { feeds: 0, cancelled: 0, firstLook: undefined as undefined | ((page: Page) => void) };
    const db = {
      changes(options: { live?: boolean }) {
        if (!options.live) return new Promise<Page>((resolve) => (state.firstLook = resolve));
        state.feeds++;
        const feed = Object.assign(new EventEmitter(), { cancel: () => void state.cancelled++ });
        return feed;
      },
    } as unknown as ChangesDb;
    return { db, state };
  }
  function request(url: string) {
    const res = Object.assign(new EventEmitter(), {
      destroyed: false, writableEnded: false, body: '',
      writeHead() { return res; },
      end(text: string) { res.writableEnded = true; res.body = text; },
    });
    const { db, state } = fakeDb();
    const handler = createLongpollChanges(async () => db);
    let passed = false;
    handler({ method: 'GET', url } as IncomingMessage, res as unknown as ServerResponse, () => void (passed = true));
    return { res, state, passed: () => passed };
  }

  it('stops the feed and its timer when the client leaves while it waits', async () => {
    const { res, state } = request('/circle_x/_changes?feed=longpoll&since=5&timeout=60000');
    await new Promise((r) => setTimeout(r, 10));
    state.firstLook!({ results: [], last_seq: 5 });
    await new Promise((r) => setTimeout(r, 10));
    expect(state.feeds).toBe(1);
    res.destroyed = true;
    res.emit('close');
    expect(state.cancelled).toBe(1);
    expect(res.writableEnded).toBe(false);
  });

  it('starts no feed at all when the client left during the first look (what express-pouchdb leaked)', async () => {
    const { res, state } = request('/circle_x/_changes?feed=longpoll&since=now');
    await new Promise((r) => setTimeout(r, 10));
    res.destroyed = true;
    res.emit('close');
    state.firstLook!({ results: [], last_seq: 9 });
    await new Promise((r) => setTimeout(r, 10));
    expect(state.feeds).toBe(0);
  });

  it('leaves other requests to express-pouchdb', () => {
    expect(request('/circle_x/_changes?since=0').passed()).toBe(true);
    expect(request('/circle_x/_all_docs').passed()).toBe(true);
  });
});
