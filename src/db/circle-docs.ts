import { liveQuery } from 'dexie';
import { getDb, type QuanziDB } from './schema';
import { REACTION_ALIASES } from '../core/circles/content/types';
import type { Membership } from '../hub/membership';
import type { CircleDoc, CommentDoc, PinDoc, PostDoc, ReactionDoc, RemovalDoc } from '../hub/doc-types';

/**
 * Local copies of joined circles: the docs (`circleDocs`), the pull checkpoints, the outbox and drafts.
 * The replicator and the outbox write here; the feed reads here (through liveQuery), so every tab sees
 * what the syncing tab wrote.
 */
export type DocState = 'synced' | 'pending' | 'rejected';

export interface CircleDocRow {
  circleId: string;
  docId: string;
  type: string;
  doc: CircleDoc;
  state: DocState;
  reason?: string;
  /** Local time of the last write to this row (pull or local edit). */
  updatedAt: string;
  /**
   * The hub's copy from before the local write in `doc` (none: the hub had no such doc). Kept while that write
   * waits or after the hub refused it, so a refused change shows the answer the hub still holds, not nothing.
   */
  synced?: CircleDoc;
}

/**
 * The doc as the person should see it: a refused write shows the hub's copy it would have replaced (undefined
 * when there is none, or when the hub's copy is a delete).
 */
export function shownDoc(row: CircleDocRow): CircleDoc | undefined {
  const doc = row.state === 'rejected' ? row.synced : row.doc;
  return doc && !doc._deleted ? doc : undefined;
}

/** The version a new local write of the doc builds on (its `_rev`): after a refusal the hub's copy, else the row's own. */
export function baseDoc(row: CircleDocRow | undefined): CircleDoc | undefined {
  return row && (row.state === 'rejected' ? row.synced : row.doc);
}

/** 'superseded': never sent, because the hub already held a newer answer of the same person (another device). */
export type OutboxStatus = 'pending' | 'delivered' | 'rejected' | 'superseded';

export interface OutboxRow {
  seq?: number;
  opId: string;
  circleId: string;
  docId: string;
  type: string;
  /** The exact body sent with _bulk_docs (carries `opId`). */
  doc: CircleDoc;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms before which the row is not retried (backoff). */
  nextAttemptAt: number;
  createdAt: string;
  deliveredAt?: string;
  rejectedAt?: string;
  reason?: string;
  lastError?: string;
  /** Sent or refused before a backup restored it here: possibly by another device, so not "sent from this device". */
  fromBackup?: true;
}

export const circleStream = (circleId: string): string => `circle:${circleId}`;
export const CATALOG_STREAM = 'catalog';

export async function getCheckpoint(stream: string, db: QuanziDB = getDb()): Promise<string | undefined> {
  return (await db.checkpoints.get(stream))?.since;
}

export async function getDocRow(circleId: string, docId: string, db: QuanziDB = getDb()): Promise<CircleDocRow | undefined> {
  return (await db.circleDocs.get([circleId, docId] as never)) as CircleDocRow | undefined;
}

export async function docRowsOfCircle(circleId: string, db: QuanziDB = getDb()): Promise<CircleDocRow[]> {
  return (await db.circleDocs.where('circleId').equals(circleId).toArray()) as unknown as CircleDocRow[];
}

export interface PulledChange {
  id: string;
  deleted?: boolean;
  doc?: CircleDoc;
}

/**
 * Writes one `_changes` page and its checkpoint in ONE transaction, so a crash leaves either both or neither.
 * Applied by id: a replayed page rewrites the same rows. A row with a local pending edit keeps it (the outbox
 * will deliver it) and takes the pulled copy as the hub's (shown if the edit is refused). A refused edit stays,
 * with its reason, while the hub's copy is the one it was refused against (this device's own earlier write coming
 * back, a replayed page); a newer copy from the hub replaces it. The membership is re-read inside the transaction
 * so a page that lands after "leave" is dropped instead of resurrecting purged docs. Returns false when the page
 * was dropped.
 */
export async function applyPulledPage(circleId: string, changes: PulledChange[], lastSeq: string, db: QuanziDB = getDb()): Promise<boolean> {
  return db.transaction('rw', [db.circleDocs, db.checkpoints, db.memberships, db.outbox], async () => {
    const membership = await db.memberships.get(circleId);
    if (membership?.status !== 'joined') return false;
    const now = new Date().toISOString();
    const held = await heldDocRows(circleId, changes, db);
    const puts: CircleDocRow[] = [];
    const deletes: [string, string][] = [];
    changes.forEach((change) => {
      // Design docs (the rules) are the hub's business, not content.
      if (change.id.startsWith('_design/')) return;
      const local = held.get(change.id);
      const gone = change.deleted || !change.doc || change.doc._deleted;
      if (local?.state === 'pending') {
        puts.push({ ...local, synced: gone ? undefined : change.doc });
        return;
      }
      if (local?.state === 'rejected' && !gone && local.synced?._rev === change.doc!._rev) return;
      if (change.deleted || !change.doc || change.doc._deleted) deletes.push([circleId, change.id]);
      else puts.push({ circleId, docId: change.id, type: change.doc.type, doc: change.doc, state: 'synced', updatedAt: now });
    });
    if (deletes.length) await db.circleDocs.bulkDelete(deletes as never);
    if (puts.length) await db.circleDocs.bulkPut(puts as never);
    await db.checkpoints.put({ stream: circleStream(circleId), since: lastSeq });
    return true;
  });
}

/**
 * The local rows among `changes` that hold an edit not yet delivered or refused, by doc id. Such a row always has a
 * pending or rejected outbox row (enqueue writes both in one transaction; delivery and rejection settle both in
 * one), so those few outbox rows name the candidates. Reading every changed id's row instead was one IndexedDB request per pulled
 * doc: 0.9 s of a 10k-doc pull in Chromium.
 */
async function heldDocRows(circleId: string, changes: PulledChange[], db: QuanziDB): Promise<Map<string, CircleDocRow>> {
  const found = new Map<string, CircleDocRow>();
  const queued = (await db.outbox.where('status').anyOf('pending', 'rejected').toArray()) as unknown as OutboxRow[];
  if (!queued.length) return found;
  const changed = new Set(changes.map((c) => c.id));
  const candidates = [...new Set(queued.filter((r) => r.circleId === circleId && changed.has(r.docId)).map((r) => r.docId))];
  if (!candidates.length) return found;
  const rows = (await db.circleDocs.bulkGet(candidates.map((id) => [circleId, id]) as never)) as (CircleDocRow | undefined)[];
  rows.forEach((row) => { if (row && row.state !== 'synced') found.set(row.docId, row); });
  return found;
}

/** Leave: the circle's docs, checkpoint, outbox rows and drafts go, together with the membership. */
export async function purgeCircle(circleId: string, db: QuanziDB = getDb()): Promise<void> {
  await db.transaction('rw', [db.circleDocs, db.checkpoints, db.outbox, db.drafts, db.memberships], async () => {
    await db.circleDocs.where('circleId').equals(circleId).delete();
    await db.checkpoints.delete(circleStream(circleId));
    await db.outbox.where('circleId').equals(circleId).delete();
    await db.drafts.where('key').startsWith(`${circleId}:`).delete();
    await db.memberships.delete(circleId);
  });
}

// ---- Feed queries ----

export interface ReactionCount {
  kind: string;
  count: number;
  mine: boolean;
}

export interface FeedComment {
  row: CircleDocRow & { doc: CommentDoc };
  removal?: RemovalDoc;
  reactions: ReactionCount[];
}

export interface FeedPost {
  row: CircleDocRow & { doc: PostDoc };
  removal?: RemovalDoc;
  reactions: ReactionCount[];
  comments: FeedComment[];
}

export interface CircleFeed {
  pin?: PinDoc;
  posts: FeedPost[];
  pending: number;
  rejected: number;
}

function countReactions(reactions: ReactionDoc[], me: string | undefined): ReactionCount[] {
  const byKind = new Map<string, ReactionCount>();
  for (const r of reactions) {
    const kind = REACTION_ALIASES[r.kind] ?? r.kind;
    const entry = byKind.get(kind) ?? { kind, count: 0, mine: false };
    entry.count++;
    if (r.author === me) entry.mine = true;
    byKind.set(kind, entry);
  }
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** The circle page: pin, posts newest first, each with comments oldest first and reaction counts. */
export async function loadCircleFeed(circleId: string, me: string | undefined, db: QuanziDB = getDb()): Promise<CircleFeed> {
  const rows = await docRowsOfCircle(circleId, db);
  const reactionsByTarget = new Map<string, ReactionDoc[]>();
  const commentsByParent = new Map<string, CircleDocRow[]>();
  const removals = new Map<string, RemovalDoc>();
  const posts: CircleDocRow[] = [];
  let pin: PinDoc | undefined;
  let pending = 0;
  let rejected = 0;
  for (const row of rows) {
    if (row.state === 'pending') pending++;
    if (row.state === 'rejected') rejected++;
    // A refused post or comment with no accepted copy stays in view with its text (and the refusal), so it can be
    // copied; any other refused write shows what the hub kept, e.g. a reaction the person failed to take back.
    const doc = row.state === 'rejected' && !row.synced && (row.type === 'post' || row.type === 'comment') ? row.doc : shownDoc(row);
    if (!doc || doc._deleted) continue; // a local delete waiting to be delivered: already gone for the person
    const shown = doc === row.doc ? row : { ...row, doc };
    if (doc.type === 'post') posts.push(shown);
    else if (doc.type === 'comment') commentsByParent.set(doc.parent, [...(commentsByParent.get(doc.parent) ?? []), shown]);
    else if (doc.type === 'reaction') reactionsByTarget.set(doc.target, [...(reactionsByTarget.get(doc.target) ?? []), doc]);
    else if (doc.type === 'removal') removals.set(doc.target, doc);
    else if (doc.type === 'pin' && doc.text) pin = doc;
  }
  const byNewest = (a: CircleDocRow, b: CircleDocRow) => (a.doc.createdAt < b.doc.createdAt ? 1 : a.doc.createdAt > b.doc.createdAt ? -1 : 0);
  posts.sort(byNewest);
  return {
    pin,
    pending,
    rejected,
    posts: posts.map((row) => ({
      row: row as FeedPost['row'],
      removal: removals.get(row.docId),
      reactions: countReactions(reactionsByTarget.get(row.docId) ?? [], me),
      comments: (commentsByParent.get(row.docId) ?? []).sort((a, b) => -byNewest(a, b)).map((c) => ({
        row: c as FeedComment['row'],
        removal: removals.get(c.docId),
        reactions: countReactions(reactionsByTarget.get(c.docId) ?? [], me),
      })),
    })),
  };
}

/** Posts and comments by others newer than `since` (the last visit of the circle page). */
export async function unreadCount(circleId: string, since: string | undefined, me: string | undefined, db: QuanziDB = getDb()): Promise<number> {
  let count = 0;
  await db.circleDocs.where('circleId').equals(circleId).each((value) => {
    const row = value as unknown as CircleDocRow;
    if ((row.type === 'post' || row.type === 'comment') && row.doc.author !== me && (!since || row.doc.createdAt > since)) count++;
  });
  return count;
}

/** Outbox rows not yet delivered (few: they leave this state once the hub answers). */
async function pendingOutboxRows(db: QuanziDB): Promise<OutboxRow[]> {
  return (await db.outbox.where('status').equals('pending').toArray()) as unknown as OutboxRow[];
}

export async function pendingCount(circleId?: string, db: QuanziDB = getDb()): Promise<number> {
  const rows = await pendingOutboxRows(db);
  return circleId ? rows.filter((r) => r.circleId === circleId).length : rows.length;
}

/** What this device sent (or tried to send) to the hub, newest first: the privacy page lists it. */
export async function listOutboxHistory(db: QuanziDB = getDb()): Promise<OutboxRow[]> {
  return ((await db.outbox.toArray()) as unknown as OutboxRow[]).reverse();
}

// ---- Drafts (key `<circleId>:<what>`, so leaving the circle drops them) ----

export async function getDraft(key: string, db: QuanziDB = getDb()): Promise<string> {
  return (await db.drafts.get(key))?.text ?? '';
}

export async function saveDraft(key: string, text: string, db: QuanziDB = getDb()): Promise<void> {
  if (text) await db.drafts.put({ key, text, updatedAt: new Date().toISOString() });
  else await db.drafts.delete(key);
}

// ---- "My circles" ----

export interface MyCircle {
  membership: Membership;
  /** The catalog entry (shape of src/hub/seed/catalog.json), when known. */
  entry?: Record<string, unknown>;
  unread: number;
  pending: number;
}

export async function loadMyCircles(me: string | undefined, db: QuanziDB = getDb()): Promise<MyCircle[]> {
  const memberships = (await db.memberships.toArray()) as unknown as Membership[];
  const entries = await db.catalog.bulkGet(memberships.map((m) => m.circleId));
  const pendingRows = await pendingOutboxRows(db);
  return Promise.all(memberships.map(async (membership, i) => ({
    membership,
    entry: entries[i],
    unread: membership.status === 'joined' ? await unreadCount(membership.circleId, membership.lastReadAt, me, db) : 0,
    pending: pendingRows.filter((r) => r.circleId === membership.circleId).length,
  })));
}

export async function getMembership(circleId: string, db: QuanziDB = getDb()): Promise<Membership | undefined> {
  return (await db.memberships.get(circleId)) as unknown as Membership | undefined;
}

export async function getCatalogEntry(circleId: string, db: QuanziDB = getDb()): Promise<Record<string, unknown> | undefined> {
  return db.catalog.get(circleId);
}

/** Live results for the UI: re-runs `query` whenever the tables it read change (in any tab). */
export function watch<T>(query: () => Promise<T>, onValue: (value: T) => void): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: (error) => console.error(error) });
  return () => subscription.unsubscribe();
}
