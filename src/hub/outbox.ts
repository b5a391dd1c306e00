import { getDb, type QuanziDB } from '../db/schema';
import { baseDoc, shownDoc, type CircleDocRow, type OutboxRow } from '../db/circle-docs';
import { HubError, docPath, hubClient, type HubClient } from './client';
import { circleDbName, type BaseDoc, type CircleDoc, type CommentDoc, type PostDoc, type ReactionDoc } from './doc-types';
import { currentAccount, noteSessionEnded, NotSignedInError } from './session';
export { NotSignedInError } from './session';
import { ulid } from './ulid';
import { notifySync } from './sync-engine';

/**
 * Every write to a circle goes through here: the doc is stored locally (pending) together with an outbox
 * row in ONE transaction, so it shows at once and survives a reload; `flushOutbox` delivers it exactly once.
 */
export const BATCH_SIZE = 100;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Fields the outbox fills in: id (`<type>:<ulid>` unless given), author, createdAt, opId. */
export type NewDoc<T extends CircleDoc = CircleDoc> = Omit<T, '_id' | 'author' | 'createdAt' | 'opId'> & { _id?: string; createdAt?: string };

/**
 * The one entry point for writing to a circle (posts, comments, reactions, and also events, polls, RSVPs,
 * claims... of other features). Returns the stored doc; delivery happens on the next flush.
 */
export async function writeCircleDoc<T extends CircleDoc>(circleId: string, doc: NewDoc<T>, db: QuanziDB = getDb()): Promise<T> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  const opId = ulid();
  const full = {
    ...doc,
    _id: doc._id ?? `${doc.type}:${ulid()}`,
    author: account.name,
    createdAt: doc.createdAt ?? new Date().toISOString(),
    opId,
  } as unknown as T;
  await enqueue(circleId, full, db);
  return full;
}

/** Deletes a doc (only author or operator may; the hub rules decide). */
export async function deleteCircleDoc(circleId: string, docId: string, db: QuanziDB = getDb()): Promise<void> {
  const row = (await db.circleDocs.get([circleId, docId] as never)) as CircleDocRow | undefined;
  if (!row) return;
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  // After a refused change, the delete goes against the hub's copy (its revision), not the refused one.
  const doc = { ...(shownDoc(row) ?? row.doc), _deleted: true, opId: ulid() } as CircleDoc;
  await enqueue(circleId, doc, db);
}

/**
 * Writes a doc with a known id (RSVP, group-buy join, vote, pin, mute...) as a new version of the local copy:
 * its `_rev` and, while it exists, its `createdAt` are kept (the hub's rules make createdAt immutable).
 */
export async function putOwnCircleDoc<T extends CircleDoc>(circleId: string, doc: NewDoc<T> & { _id: string }, db: QuanziDB = getDb()): Promise<T> {
  const row = (await db.circleDocs.get([circleId, doc._id] as never)) as CircleDocRow | undefined;
  // After a refusal, the hub still holds its own copy: the new version builds on that one.
  const previous = baseDoc(row);
  const keep = previous && !previous._deleted ? { createdAt: previous.createdAt } : {};
  return writeCircleDoc<T>(circleId, { ...doc, ...(previous?._rev ? { _rev: previous._rev } : {}), ...keep } as NewDoc<T>, db);
}

/**
 * Changes fields of an existing local doc, keeping its author and createdAt: an operator closing a poll or
 * editing a doc another operator wrote. Returns undefined when there is no such doc here.
 */
export async function reviseCircleDoc<T extends CircleDoc>(circleId: string, docId: string, changes: Partial<T>, db: QuanziDB = getDb()): Promise<T | undefined> {
  const row = (await db.circleDocs.get([circleId, docId] as never)) as CircleDocRow | undefined;
  if (!row || row.doc._deleted) return undefined;
  if (!(await currentAccount(db))) throw new NotSignedInError();
  const doc = { ...row.doc, ...changes, _id: docId, opId: ulid() } as T;
  await enqueue(circleId, doc, db);
  return doc;
}

/** The author's new text for their post or reply, through the outbox like the first version (works offline). */
export function editOwnText(circleId: string, docId: string, text: string, db: QuanziDB = getDb()): Promise<PostDoc | CommentDoc | undefined> {
  return reviseCircleDoc<PostDoc | CommentDoc>(circleId, docId, { text, editedAt: new Date().toISOString() }, db);
}

/**
 * A write the hub refused, sent again as it was: after a mute ended, say, or once the person fixed what the reason
 * names elsewhere. A post or reply that never reached the hub is dated now, as it is posted now. False when the doc
 * holds no refused write (another tab sent or discarded it).
 */
export async function sendRefusedAgain(circleId: string, docId: string, db: QuanziDB = getDb()): Promise<boolean> {
  const row = (await db.circleDocs.get([circleId, docId] as never)) as CircleDocRow | undefined;
  if (!row || row.state !== 'rejected') return false;
  if (!(await currentAccount(db))) throw new NotSignedInError();
  const doc = { ...row.doc, opId: ulid(), ...(row.synced ? {} : { createdAt: new Date().toISOString() }) } as CircleDoc;
  await enqueue(circleId, doc, db);
  return true;
}

/**
 * Gives up a refused write: the hub's copy shows again where there is one, and a post or reply that never reached the
 * hub goes from this device.
 */
export async function discardRefused(circleId: string, docId: string, db: QuanziDB = getDb()): Promise<void> {
  await db.transaction('rw', [db.circleDocs, db.outbox], async () => {
    const row = (await db.circleDocs.get([circleId, docId] as never)) as CircleDocRow | undefined;
    if (!row || row.state !== 'rejected') return;
    if (row.synced) await db.circleDocs.put({ ...row, doc: row.synced, state: 'synced', reason: undefined, synced: undefined } as never);
    else await db.circleDocs.delete([circleId, docId] as never);
    await dropRefusals(db, circleId, docId);
  });
}

/** The refused outbox rows of a doc: settled by a new write of it or by discarding, they are no unsent work. */
async function dropRefusals(db: QuanziDB, circleId: string, docId: string): Promise<void> {
  await db.outbox.where('circleId').equals(circleId).filter((r) => (r as unknown as OutboxRow).docId === docId && (r as unknown as OutboxRow).status === 'rejected').delete();
}

async function enqueue(circleId: string, doc: CircleDoc, db: QuanziDB): Promise<void> {
  const now = new Date().toISOString();
  const outboxRow: OutboxRow = {
    opId: doc.opId!, circleId, docId: doc._id, type: doc.type, doc, status: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: now,
  };
  await db.transaction('rw', [db.circleDocs, db.outbox], async () => {
    await dropRefusals(db, circleId, doc._id);
    // The hub's copy is kept beside the write, so that if the hub refuses it the person still sees what counts.
    const local = (await db.circleDocs.get([circleId, doc._id] as never)) as CircleDocRow | undefined;
    const synced = local?.state === 'synced' ? local.doc : local?.synced;
    const docRow: CircleDocRow = { circleId, docId: doc._id, type: doc.type, doc, state: 'pending', updatedAt: now, ...(synced ? { synced } : {}) };
    await db.circleDocs.put(docRow as never);
    await db.outbox.add(outboxRow as never);
  });
  notifySync({ kind: 'flush' });
}

export const createPost = (circleId: string, text: string, db?: QuanziDB) => writeCircleDoc<PostDoc>(circleId, { type: 'post', text }, db);
export const createComment = (circleId: string, parent: string, text: string, db?: QuanziDB) =>
  writeCircleDoc<CommentDoc>(circleId, { type: 'comment', parent, text }, db);

/** Reactions have deterministic ids (`reaction:<target>:<user>:<kind>`): a second tap removes it. */
export function toggleReaction(circleId: string, target: string, kind: string, db: QuanziDB = getDb()): Promise<void> {
  // One at a time per reaction: each tap must see what the one before it wrote. Five quick taps read the same row
  // otherwise, and one of them was lost (found in a user test).
  const key = `${circleId}|${target}|${kind}`;
  const run = (reactionTaps.get(key) ?? Promise.resolve()).then(() => toggleNow(circleId, target, kind, db));
  const settled = run.then(() => undefined, () => undefined);
  reactionTaps.set(key, settled);
  void settled.then(() => { if (reactionTaps.get(key) === settled) reactionTaps.delete(key); });
  return run;
}

const reactionTaps = new Map<string, Promise<void>>();

async function toggleNow(circleId: string, target: string, kind: string, db: QuanziDB): Promise<void> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  const id = `reaction:${target}:${account.name}:${kind}`;
  const existing = (await db.circleDocs.get([circleId, id] as never)) as CircleDocRow | undefined;
  // Toggles what the person sees: after a refused removal, the reaction the hub kept is shown, so a tap removes it.
  if (existing && shownDoc(existing)) await deleteCircleDoc(circleId, id, db);
  else {
    const rev = baseDoc(existing)?._rev;
    await writeCircleDoc<ReactionDoc>(circleId, { _id: id, type: 'reaction', target, kind, ...(rev ? { _rev: rev } : {}) }, db);
  }
}

// ---- Flush ----

interface BulkResult {
  id: string;
  rev?: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

export interface FlushReport {
  delivered: number;
  rejected: number;
  retrying: number;
}

function backoffMs(attempts: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return exp / 2 + Math.random() * (exp / 2);
}

/** Pending rows that are due, oldest first, at most one per doc (later edits of the same doc wait a round). */
async function dueRows(db: QuanziDB, now: number, circleIds?: Set<string>): Promise<OutboxRow[]> {
  const rows = (await db.outbox.where('status').equals('pending').sortBy('seq')) as unknown as OutboxRow[];
  const seen = new Set<string>();
  const due: OutboxRow[] = [];
  for (const row of rows) {
    const key = `${row.circleId}\u0000${row.docId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (row.nextAttemptAt <= now && (!circleIds || circleIds.has(row.circleId))) due.push(row);
  }
  return due;
}

/** Settles delivered rows in one transaction (one per _bulk_docs batch, not one per doc). */
async function markDelivered(db: QuanziDB, delivered: { row: OutboxRow; rev: string | undefined }[]): Promise<void> {
  if (!delivered.length) return;
  const deliveredAt = new Date().toISOString();
  await db.transaction('rw', [db.outbox, db.circleDocs], async () => {
    const keys = delivered.map(({ row }) => [row.circleId, row.docId]);
    const locals = (await db.circleDocs.bulkGet(keys as never)) as (CircleDocRow | undefined)[];
    const puts: CircleDocRow[] = [];
    const deletes: unknown[] = [];
    delivered.forEach(({ row, rev }, i) => {
      const local = locals[i];
      if (!local || (local.doc.opId !== row.opId && local.state === 'synced')) return;
      // A newer local write of the same doc still waits: it stays, and this delivery is now the hub's copy.
      if (local.doc.opId !== row.opId) {
        puts.push({ ...local, synced: row.doc._deleted ? undefined : { ...row.doc, ...(rev ? { _rev: rev } : {}) } });
        return;
      }
      if (row.doc._deleted) deletes.push(keys[i]);
      else puts.push({ ...local, doc: { ...local.doc, ...(rev ? { _rev: rev } : {}) }, state: 'synced', reason: undefined, synced: undefined });
    });
    await db.outbox.bulkUpdate(delivered.map(({ row }) => ({ key: row.seq!, changes: { status: 'delivered', deliveredAt, lastError: undefined } as never })));
    if (puts.length) await db.circleDocs.bulkPut(puts as never);
    if (deletes.length) await db.circleDocs.bulkDelete(deletes as never);
  });
}

async function markRejected(db: QuanziDB, row: OutboxRow, reason: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.circleDocs], async () => {
    await db.outbox.update(row.seq!, { status: 'rejected', rejectedAt: new Date().toISOString(), reason } as never);
    const key = [row.circleId, row.docId];
    const local = (await db.circleDocs.get(key as never)) as CircleDocRow | undefined;
    if (local && local.doc.opId === row.opId) await db.circleDocs.update(key as never, { state: 'rejected', reason } as never);
  });
}

async function markRetry(db: QuanziDB, row: OutboxRow, error: string): Promise<void> {
  const attempts = row.attempts + 1;
  await db.outbox.update(row.seq!, { attempts, nextAttemptAt: Date.now() + backoffMs(attempts), lastError: error } as never);
}

/**
 * The hub's copy is a newer answer of the same person than the one waiting here (an RSVP, a vote, a group-buy join
 * carry `answeredAt`): a phone that voted offline must not overwrite, when it comes back, the other choice made since
 * on the desktop.
 */
function supersedes(hub: BaseDoc, ours: CircleDoc): boolean {
  // An answer's time, or an edit's: a text changed offline must not overwrite a later change from another device.
  const changedAt = (doc: object): unknown => (doc as { answeredAt?: unknown }).answeredAt ?? (doc as { editedAt?: unknown }).editedAt;
  const hubAt = changedAt(hub);
  const ourAt = changedAt(ours);
  if (hub.author !== ours.author || typeof hubAt !== 'string' || typeof ourAt !== 'string') return false;
  return Date.parse(hubAt) > Date.parse(ourAt);
}

/**
 * Settles a write the hub's newer copy replaces: the hub's copy is what this device shows from now on (undefined: the
 * doc was deleted there, and goes here too).
 */
async function markSuperseded(db: QuanziDB, row: OutboxRow, current: CircleDoc | undefined): Promise<void> {
  await db.transaction('rw', [db.outbox, db.circleDocs], async () => {
    await db.outbox.update(row.seq!, { status: 'superseded', lastError: undefined } as never);
    const key = [row.circleId, row.docId];
    const local = (await db.circleDocs.get(key as never)) as CircleDocRow | undefined;
    if (!local) return;
    if (local.doc.opId !== row.opId) await db.circleDocs.put({ ...local, synced: current } as never);
    else if (current) await db.circleDocs.put({ ...local, doc: current, state: 'synced', reason: undefined, synced: undefined } as never);
    else await db.circleDocs.delete(key as never);
  });
}

/**
 * A conflict: read the hub's copy. Same opId = our earlier write landed and its answer was lost. 'absent': the hub
 * has no such doc (any more).
 */
async function resolveConflict(client: HubClient, db: QuanziDB, row: OutboxRow): Promise<'delivered' | 'superseded' | 'retry' | 'absent'> {
  let current: BaseDoc | undefined;
  try {
    current = await client.get<BaseDoc>(docPath(circleDbName(row.circleId), row.docId));
  } catch (error) {
    if (!(error instanceof HubError && error.status === 404)) throw error;
  }
  if (!current && row.doc._rev) {
    // A change to a doc deleted meanwhile (its author deleted the post on another device): the deletion stands.
    await markSuperseded(db, row, undefined);
    return 'superseded';
  }
  if (!current) {
    // Never on the hub, or gone before this write was made: written as a new doc.
    const doc = { ...row.doc } as CircleDoc;
    delete (doc as { _rev?: string })._rev;
    await db.outbox.update(row.seq!, { doc } as never);
    return 'absent';
  }
  if (current.opId === row.opId) {
    await markDelivered(db, [{ row, rev: current._rev }]);
    return 'delivered';
  }
  if (current && !current._deleted && supersedes(current, row.doc)) {
    await markSuperseded(db, row, current as CircleDoc);
    return 'superseded';
  }
  // Somebody (or this person on another device) changed it: rebase our write on the current revision, keeping the
  // hub's createdAt, which the rules hold immutable (the other device's first write set it).
  const doc = { ...row.doc, _rev: current._rev, createdAt: current.createdAt } as CircleDoc;
  await db.outbox.update(row.seq!, { doc } as never);
  return 'retry';
}

/**
 * Delivers due outbox rows, grouped per circle, with `_bulk_docs`; answers are matched by id (the dev hub
 * answers out of order). Network errors and 5xx back off; `forbidden`/`unauthorized` reject for good.
 */
export async function flushOutbox(options: { client?: HubClient; db?: QuanziDB; circleIds?: Set<string>; ignoreBackoff?: boolean } = {}): Promise<FlushReport> {
  const client = options.client ?? hubClient();
  const db = options.db ?? getDb();
  const report: FlushReport = { delivered: 0, rejected: 0, retrying: 0 };
  for (let round = 0; round < 20; round++) {
    // Back online or app start: everything waiting is due now, whatever the backoff said (first round only).
    const due = await dueRows(db, round === 0 && options.ignoreBackoff ? Infinity : Date.now(), options.circleIds);
    if (!due.length) break;
    const byCircle = new Map<string, OutboxRow[]>();
    for (const row of due) byCircle.set(row.circleId, [...(byCircle.get(row.circleId) ?? []), row]);
    let progressed = false;
    for (const [circleId, rows] of byCircle) {
      for (let i = 0; i < rows.length; i += BATCH_SIZE) {
        const batch = rows.slice(i, i + BATCH_SIZE);
        const delivered = await flushBatch(client, db, circleId, batch, report);
        progressed ||= delivered;
      }
    }
    if (!progressed) break;
  }
  return report;
}

async function flushBatch(client: HubClient, db: QuanziDB, circleId: string, batch: OutboxRow[], report: FlushReport): Promise<boolean> {
  let results: BulkResult[];
  try {
    results = await client.post<BulkResult[]>(`${circleDbName(circleId)}/_bulk_docs`, { docs: batch.map((r) => r.doc) });
  } catch (error) {
    const hubError = error instanceof HubError ? error : new HubError(0, 'network', String(error), '');
    // Kept, not rejected: it goes out once the person has signed in again.
    if (hubError.isSignedOut) await noteSessionEnded(db);
    for (const row of batch) {
      if (hubError.isRefusal) {
        await markRejected(db, row, hubError.reason || hubError.error);
        report.rejected++;
      } else {
        await markRetry(db, row, hubError.message);
        report.retrying++;
      }
    }
    return false;
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  const delivered = batch.filter((row) => { const r = byId.get(row.docId); return r && !r.error; });
  await markDelivered(db, delivered.map((row) => ({ row, rev: byId.get(row.docId)!.rev })));
  report.delivered += delivered.length;
  let progressed = delivered.length > 0;
  for (const row of batch) {
    const result = byId.get(row.docId);
    if (result && !result.error) {
      continue;
    } else if (result?.error === 'conflict' || (result?.error === 'forbidden' && !(row.doc as { _rev?: string })._rev)) {
      // The embedded hub runs the rules before its conflict check: a first write of a doc another device of the
      // account already wrote (a vote, an RSVP) is refused as an edit ("createdAt is immutable"), not answered 409.
      try {
        const outcome = await resolveConflict(client, db, row);
        if (outcome === 'delivered') report.delivered++;
        if (outcome === 'absent' && result.error === 'forbidden') {
          await markRejected(db, row, result.reason ?? result.error);
          report.rejected++;
        } else progressed = true;
      } catch (error) {
        await markRetry(db, row, String(error));
        report.retrying++;
      }
    } else if (result?.error === 'forbidden' || result?.error === 'unauthorized') {
      await markRejected(db, row, result.reason ?? result.error);
      report.rejected++;
    } else {
      await markRetry(db, row, result ? `${result.error}: ${result.reason}` : 'no answer for this doc');
      report.retrying++;
    }
  }
  return progressed;
}
