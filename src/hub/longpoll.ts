import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `GET /<db>/_changes?feed=longpoll` for the embedded hub, answered the way CouchDB answers it. express-pouchdb's
 * own longpoll ignores `timeout` (it waits for a change however long that takes) and, when the client goes away
 * before its first look at the database is done, never notices: the live feed and a 6 s heartbeat timer then stay
 * forever (a leak per aborted longpoll, and what kept test runs from exiting). Here:
 * - changes since `since` are answered at once;
 * - otherwise the first change is, or an empty page with the same `last_seq` when `timeout` (default 60 s, as in
 *   CouchDB) runs out;
 * - a client that leaves cancels the feed and the timer, whenever it leaves.
 * It runs after the hub guard, so only requests the guard let through get here.
 */
export interface ChangesFeed {
  on(event: 'change', listener: (change: { seq: unknown }) => void): ChangesFeed;
  on(event: 'error', listener: (error: unknown) => void): ChangesFeed;
  cancel(): void;
}

export interface ChangesDb {
  changes(options: Record<string, unknown> & { live: true }): ChangesFeed;
  changes(options: Record<string, unknown>): Promise<{ results: unknown[]; last_seq: unknown }>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_TIMEOUT_MS = 5 * 60_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

/** The feed options the app sends (since, include_docs, limit, style), read from the query string. */
function feedOptions(query: URLSearchParams): Record<string, unknown> {
  // PouchDB compares sequence numbers as numbers: a since of '56' (a string) would give seq 56 again.
  const since = query.get('since') ?? '0';
  const options: Record<string, unknown> = { since: /^\d+$/.test(since) ? Number(since) : since };
  if (query.get('include_docs') === 'true') options.include_docs = true;
  const limit = Number(query.get('limit'));
  if (Number.isInteger(limit) && limit > 0) options.limit = limit;
  const style = query.get('style');
  if (style === 'main_only' || style === 'all_docs') options.style = style;
  return options;
}

async function answer(db: ChangesDb, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const options = feedOptions(query);
  const asked = Number(query.get('timeout'));
  const timeoutMs = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
  const now = await db.changes({ ...options, live: false } as Record<string, unknown>) as { results: unknown[]; last_seq: unknown };
  if (now.results.length || res.destroyed) return sendJson(res, 200, now);
  let settled = false;
  const feed = db.changes({ ...options, since: now.last_seq, live: true });
  const settle = (body?: unknown): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    res.off('close', onClose);
    feed.cancel();
    if (body !== undefined) sendJson(res, 200, body);
  };
  const onClose = (): void => settle();
  const timer = setTimeout(() => settle({ results: [], last_seq: now.last_seq }), timeoutMs);
  res.on('close', onClose);
  feed.on('change', (change) => settle({ results: [change], last_seq: change.seq }));
  feed.on('error', (error) => {
    if (settled) return;
    settle();
    sendJson(res, 500, { error: 'changes_failed', reason: error instanceof Error ? error.message : String(error) });
  });
}

export function createLongpollChanges(open: (db: string) => Promise<ChangesDb | undefined>) {
  return function longpollChanges(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    if (req.method !== 'GET') return next();
    const url = new URL(req.url ?? '/', 'http://hub');
    const [dbName, action, ...rest] = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    if (!dbName || action !== '_changes' || rest.length || url.searchParams.get('feed') !== 'longpoll') return next();
    open(dbName).then(
      (db) => (db ? answer(db, url.searchParams, res) : next()),
      (error: unknown) => next(error),
    ).catch((error: unknown) => sendJson(res, 500, { error: 'changes_failed', reason: error instanceof Error ? error.message : String(error) }));
  };
}
