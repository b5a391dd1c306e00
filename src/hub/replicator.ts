import { applyPulledPage, circleStream, getCheckpoint, type PulledChange } from '../db/circle-docs';
import { getDb, type QuanziDB } from '../db/schema';
import { HubError, hubClient, type HubClient } from './client';
import { circleDbName } from './doc-types';
import { operatorRefusal } from './own-request';

/**
 * Pull of ONE joined circle: `_changes` pages from the stored checkpoint, each page written with its new
 * checkpoint in one Dexie transaction. `last_seq` is kept as an opaque string (CouchDB clusters use
 * strings like "12-g1AAAA..."; the dev hub uses integers): never compared, only sent back.
 */
export const PULL_PAGE_SIZE = 200;

export interface ChangesResponse {
  results: { id: string; seq: unknown; deleted?: boolean; doc?: PulledChange['doc'] }[];
  last_seq: unknown;
  pending?: number;
}

export interface PullOptions {
  client?: HubClient;
  db?: QuanziDB;
  limit?: number;
  /** Longpoll: the first request waits up to `timeoutMs` for a change (the circle on screen). */
  longpoll?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Stop after this many pages (tests simulate a crash between pages with it). */
  maxPages?: number;
}

export interface PullResult {
  pages: number;
  changes: number;
  lastSeq: string | undefined;
  /** The hub refused (403): the membership is now marked denied. */
  denied: boolean;
}

/** A `last_seq` as the opaque string sent back as `since` (CouchDB clusters send strings, the dev hub numbers). */
export const seqString = (seq: unknown): string => (typeof seq === 'string' ? seq : JSON.stringify(seq));

/**
 * The hub no longer lets the account read the circle. In an approval circle that is usually its operator taking the
 * person out (a wrong approval, a broken rule): their request then says so, and the page shows the operator's
 * reason as it shows a refusal, rather than the hub's rule text.
 */
async function markDenied(circleId: string, refusal: HubError, client: HubClient, db: QuanziDB): Promise<void> {
  const membership = (await db.memberships.get(circleId)) as { policy?: string } | undefined;
  const decided = membership?.policy === 'approval' ? await operatorRefusal(circleId, client, db).catch(() => undefined) : undefined;
  await db.memberships.update(circleId, (decided ?? { status: 'denied', reason: `${refusal.status} ${refusal.error}: ${refusal.reason}` }) as never);
}

export async function pullCircle(circleId: string, options: PullOptions = {}): Promise<PullResult> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  const limit = options.limit ?? PULL_PAGE_SIZE;
  const result: PullResult = { pages: 0, changes: 0, lastSeq: await getCheckpoint(circleStream(circleId), db), denied: false };
  let longpoll = options.longpoll ?? false;
  for (;;) {
    if (options.maxPages !== undefined && result.pages >= options.maxPages) return result;
    let page: ChangesResponse;
    try {
      page = await client.get<ChangesResponse>(`${circleDbName(circleId)}/_changes`, {
        query: {
          since: result.lastSeq ?? '0',
          include_docs: true,
          limit,
          style: 'main_only',
          feed: longpoll ? 'longpoll' : undefined,
          timeout: longpoll ? (options.timeoutMs ?? 25_000) : undefined,
        },
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof HubError && error.isRefusal) {
        await markDenied(circleId, error, client, db);
        return { ...result, denied: true };
      }
      // A 401 (an expired session) is not a refusal: the circle stays joined. The callers (the sync engine, the
      // service worker's pass) note the ended session for every request they make, this one included.
      throw error;
    }
    longpoll = false;
    const lastSeq = seqString(page.last_seq);
    const changes: PulledChange[] = page.results.map((r) => ({ id: r.id, deleted: r.deleted, doc: r.doc }));
    const applied = await applyPulledPage(circleId, changes, lastSeq, db);
    if (!applied) return result; // left (or denied) while the page was in flight
    result.pages++;
    result.changes += changes.length;
    result.lastSeq = lastSeq;
    const more = page.pending !== undefined ? page.pending > 0 : page.results.length >= limit;
    if (!more || page.results.length === 0) return result;
  }
}
