import { getDb, type QuanziDB } from './schema';
import { docRowsOfCircle, shownDoc, type CircleDocRow } from './circle-docs';
import { buildCircleContent, type CircleContent, type CircleSnapshot, type ContentDoc } from '../core/circles/content';
import type { Membership } from '../hub/membership';
import { ACCOUNT_KEY, type Account } from '../hub/session';

/**
 * Reads for the circle's content cards (events, group-buys, polls, shares) and for notifications: local rows
 * handed to the pure functions in src/core/circles/content. A refused local write does not count: the hub's copy
 * it would have replaced (an earlier answer) does, as everyone else sees it.
 */
const runsCircle = (entry: Record<string, unknown> | undefined, me: string): boolean =>
  Array.isArray(entry?.operators) && (entry.operators as unknown[]).includes(me);

const counted = (rows: CircleDocRow[]): ContentDoc[] => rows.flatMap((r) => { const doc = shownDoc(r); return doc ? [doc as ContentDoc] : []; });

export interface CircleContentView extends CircleContent {
  /** Rows by doc id, so a card can show "waiting to send" / "not accepted" for my own answer. */
  states: Record<string, { state: CircleDocRow['state']; reason?: string }>;
  /** Catalog entries of linked circles and of the circles shares come from, for their names. */
  entries: Record<string, Record<string, unknown> | undefined>;
}

/**
 * `operator`: whether `me` runs the circle; unless the caller knows (the hub's `_security`), the catalog entry on
 * this device says, which lists co-operators too. Operators see poll results before voting.
 */
export async function loadCircleContent(circleId: string, me: string | undefined, now = Date.now(), db: QuanziDB = getDb(), operator?: boolean): Promise<CircleContentView> {
  const rows = await docRowsOfCircle(circleId, db);
  const states: CircleContentView['states'] = {};
  for (const row of rows) if (row.state !== 'synced') states[row.docId] = { state: row.state, ...(row.reason ? { reason: row.reason } : {}) };
  const runs = operator ?? (me !== undefined && runsCircle(await db.catalog.get(circleId), me));
  const content = buildCircleContent(counted(rows), me, now, { operator: runs });
  const ids = [...new Set([...content.links, ...content.shares.map((s) => s.origin.circleId)])];
  const found = await db.catalog.bulkGet(ids);
  const entries = Object.fromEntries(ids.map((id, i) => [id, found[i] as Record<string, unknown> | undefined]));
  return { ...content, states, entries };
}

/** Every circle on this device, as the notification deriver wants it. */
export async function loadNoticeSnapshots(db: QuanziDB = getDb()): Promise<CircleSnapshot[]> {
  const memberships = (await db.memberships.toArray()) as unknown as Membership[];
  return Promise.all(memberships.map(async (m) => ({
    circleId: m.circleId,
    // Only an operator's approval notifies (not an operator joining its own circle): seen here, or its time brought
    // back by a sign-in. Whether that one is news is for the notice list to say (NOTICES_SEEN_KEY).
    policy: m.policy === 'approval' && m.approvedAt ? 'approval' as const : 'open' as const,
    status: m.status,
    since: m.approvedAt ?? m.joinedAt,
    heldSince: m.joinedAt,
    // Likewise a refusal, with its time.
    ...(m.status === 'denied' && m.deniedByOperator && m.deniedAt ? { declined: { reason: m.reason ?? '', at: m.deniedAt } } : {}),
    docs: m.status === 'joined' ? counted(await docRowsOfCircle(m.circleId, db)) : [],
  })));
}

/** What an operator's moderation tools under each post need: the linked circles and their catalog entries. */
export interface Moderation {
  links: string[];
  entries: Record<string, Record<string, unknown> | undefined>;
}

export async function loadModeration(circleId: string, db: QuanziDB = getDb()): Promise<Moderation> {
  const rows = (await db.circleDocs.where('circleId').equals(circleId).toArray()) as unknown as CircleDocRow[];
  const links = rows.map(shownDoc).filter((doc) => doc?.type === 'link')
    .map((doc) => (doc as unknown as { circleId: string }).circleId).sort();
  const found = await db.catalog.bulkGet(links);
  return { links, entries: Object.fromEntries(links.map((id, i) => [id, found[i] as Record<string, unknown> | undefined])) };
}

/**
 * Up to when (ISO) the account had read its notices, on this device or another (the hub keeps it with the account:
 * NOTICES_SEEN_FIELD in src/hub/account-circles.ts). A circle a sign-in brings back shows what happened after it as news.
 */
export const NOTICES_SEEN_KEY = 'notices.seenUntil';
/** The value the hub last took or gave, so an unchanged one is not written again. */
export const NOTICES_SEEN_SHARED_KEY = 'notices.seenUntilShared';

/** Moves a "read up to" time (NOTICES_SEEN_KEY, or the hub's copy) forward to `until`, never back; true when it moved. */
export function advanceNoticesSeen(until: string, db: QuanziDB = getDb(), key: typeof NOTICES_SEEN_KEY | typeof NOTICES_SEEN_SHARED_KEY = NOTICES_SEEN_KEY): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const seen = (await db.settings.get(key))?.value as string | undefined;
    if (seen !== undefined && seen >= until) return false;
    await db.settings.put({ key, value: until });
    return true;
  });
}

export interface NoticeInputs {
  me: string | undefined;
  snapshots: CircleSnapshot[];
  /** Keys of notices the person marked read. */
  read: string[];
  /** See NOTICES_SEEN_KEY. */
  seenUntil?: string;
  /** Catalog entries of the circles on this device, for their names. */
  entries: Record<string, Record<string, unknown> | undefined>;
}

/** Everything the notification list reads, in one query (so a live query re-runs on any of it). */
export async function loadNoticeInputs(readKey: string, db: QuanziDB = getDb()): Promise<NoticeInputs> {
  const account = (await db.settings.get(ACCOUNT_KEY))?.value as Account | undefined;
  const snapshots = await loadNoticeSnapshots(db);
  const read = ((await db.settings.get(readKey))?.value as string[] | undefined) ?? [];
  const seenUntil = (await db.settings.get(NOTICES_SEEN_KEY))?.value as string | undefined;
  const ids = snapshots.map((s) => s.circleId);
  const found = await db.catalog.bulkGet(ids);
  return { me: account?.name, snapshots, read, ...(seenUntil ? { seenUntil } : {}), entries: Object.fromEntries(ids.map((id, i) => [id, found[i] as Record<string, unknown> | undefined])) };
}
