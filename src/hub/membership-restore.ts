import { getDb, type QuanziDB } from '../db/schema';
import { loadCatalog } from '../db/catalog';
import { loadPendingLeaves } from '../db/pending-leaves';
import type { Circle } from '../core/circles';
import { changeCircleList, readCircleRecord, type CircleRecord } from './account-circles';
import { HubError, hubClient, type HubClient } from './client';
import { circleDbName, type JoinRequestDoc } from './doc-types';
import type { Membership } from './membership';
import { adoptNoticesSeen } from './notices-seen';
import { currentAccount, noteSessionEnded, NotSignedInError } from './session';
import { notifySync } from './sync-engine';
import { refusalIn, requestPath } from './own-request';

/**
 * What the hub says of this account's circles, and bringing them back on a device that does not have them (signing
 * in elsewhere, or after "Delete everything"). Joining, leaving and withdrawing are in membership.ts, which reads
 * the person's own request and the circle's door through the same helpers.
 */

export { requestPath };

/** The hub lets the account into the circle: any open circle; an approval circle's members and operators. */
export async function canRead(client: HubClient, circleId: string): Promise<boolean> {
  try {
    await client.get(encodeURIComponent(circleDbName(circleId)));
    return true;
  } catch (error) {
    if (error instanceof HubError && error.isRefusal) return false;
    throw error;
  }
}

/** Requests at a time while looking for an account's circles: enough to be quick, few enough not to crowd the hub. */
const RESTORE_CONCURRENCY = 6;

/**
 * Signing in on another device (or after "Delete everything") brings back the circles the account is in, and its
 * join requests. The hub holds that already (an open circle's `member:<name>` doc; an approval circle's
 * `_security` and the person's own `request:<name>`, with an operator's decision; a circle's `operators`). The
 * account's circle list (account-circles.ts) says which circles to ask about; an account without one has every
 * catalog circle asked about once, and gets its list from the answers. Circles it could not ask about (the
 * network) are counted, not guessed.
 */
export async function restoreMemberships(client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<{ restored: string[]; unchecked: number }> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  const [catalog, local, record, leaving] = await Promise.all([
    loadCatalog(db), db.memberships.toCollection().primaryKeys(), circleRecordOrNone(client, account.name), loadPendingLeaves(account.name, db),
  ]);
  const listed = record.list;
  // Before the circles arrive, so their notices are weighed against it from the first look.
  await adoptNoticesSeen(record.noticesSeenUntil, db);
  const known = new Set(local as string[]);
  const listedIds = listed && new Set(listed);
  // Without a list: not the circles the person took off their circles, which the hub may still tell of (a refusal).
  // Nor those left on this device while the hub could not be told: it still names the person until it hears of it.
  const removed = new Set([...record.removed, ...leaving.map((leave) => leave.circleId)]);
  const queue = catalog.filter((circle) => !known.has(circle._id) && !removed.has(circle._id)
    && (!listedIds || listedIds.has(circle._id) || circle.operators?.includes(account.name) === true));
  const restored: string[] = [];
  let unchecked = 0;
  const work = async (): Promise<void> => {
    for (let circle = queue.shift(); circle; circle = queue.shift()) {
      let found: Pick<Membership, 'status' | 'reason' | 'deniedByOperator' | 'approvedAt' | 'deniedAt'> | undefined;
      try {
        found = await membershipOnHub(client, circle, account.name);
      } catch (error) {
        if (error instanceof HubError && error.isSignedOut) throw error;
        unchecked++;
        continue;
      }
      if (!found) continue;
      const membership: Membership = { circleId: circle._id, policy: circle.policy, joinedAt: new Date().toISOString(), ...found };
      // A membership made here meanwhile (a join while this ran) is the person's newer word: keep it.
      const added = await db.transaction('rw', db.memberships, async () => {
        if (await db.memberships.get(circle._id)) return false;
        await db.memberships.put(membership as never);
        return true;
      });
      if (added) restored.push(circle._id);
    }
  };
  try {
    await Promise.all(Array.from({ length: RESTORE_CONCURRENCY }, work));
  } catch (error) {
    if (error instanceof HubError && error.isSignedOut) await noteSessionEnded(db);
    throw error;
  }
  // A list made from a look that missed circles would hide them from every later restore: only a whole look makes one.
  if (listed || unchecked === 0) await completeCircleList(client, account.name, listed, db).catch(() => undefined);
  if (restored.length) notifySync({ kind: 'kick' });
  return { restored: restored.sort(), unchecked };
}

/**
 * The account's circle list (none when it has none, or when it could not be read: then every circle is asked about),
 * and the circles an account without a list removed itself.
 */
async function circleRecordOrNone(client: HubClient, name: string): Promise<CircleRecord> {
  try {
    return await readCircleRecord(client, name);
  } catch (error) {
    if (error instanceof HubError && error.isSignedOut) throw error;
    return { removed: [] };
  }
}

/**
 * Makes the account's list hold every circle this device has a membership of: the ones just restored, and the ones
 * joined here before the account had a list. Writes only when something is missing.
 */
async function completeCircleList(client: HubClient, name: string, listed: string[] | undefined, db: QuanziDB): Promise<void> {
  const mine = (await db.memberships.toCollection().primaryKeys()) as string[];
  const holdsMine = (list: string[] | undefined): boolean => list !== undefined && mine.every((id) => list.includes(id));
  // The list read at the start usually answers it without another read; the write re-checks the list it reads.
  if (holdsMine(listed)) return;
  await changeCircleList(client, name, (list) => (holdsMine(list) ? undefined : [...(list ?? []), ...mine]));
}

/**
 * What the hub says of this account in this circle: joined, a request waiting or turned down (approval circles,
 * read from the person's own request doc, with the operator's reason), or nothing.
 */
async function membershipOnHub(client: HubClient, circle: Circle, name: string): Promise<Pick<Membership, 'status' | 'reason' | 'deniedByOperator' | 'approvedAt' | 'deniedAt'> | undefined> {
  const operates = circle.operators?.includes(name) === true;
  if (circle.policy !== 'approval') {
    const member = await ownMemberDoc(client, circle._id, name);
    // An operator is in their circle without a member doc (the hub made it for them); one that was deleted says
    // they left it, operator or not.
    if (member === 'live' || (operates && member === 'none')) return { status: 'joined' };
    return undefined;
  }
  const request = await ownRequest(client, circle._id, name);
  // An operator is in without a request; a withdrawn one says they left, operator or not (as for open circles).
  if (operates) return request === 'deleted' ? undefined : { status: 'joined' };
  // Someone who left is still in `_security` until the operator's app takes the name out; their request's
  // tombstone says they left.
  // The operator's decision keeps its time, so its notice is news here when the account has not read that far.
  if (await canRead(client, circle._id)) {
    if (request === 'deleted') return undefined;
    return { status: 'joined', ...(request?.decision === 'approved' && request.decidedAt ? { approvedAt: request.decidedAt } : {}) };
  }
  if (request === undefined || request === 'deleted') return undefined;
  if (request.decision === 'denied') return refusalIn(request);
  return request.decision === undefined ? { status: 'requested' } : undefined;
}

/**
 * An open circle's `member:<name>`: there, deleted (the person left), or never written. Asked through `_all_docs`
 * with the one key, which answers all three with 200 (a plain GET is a 404 for two of them, logged by the browser
 * for every circle of the catalog).
 */
async function ownMemberDoc(client: HubClient, circleId: string, name: string): Promise<'live' | 'deleted' | 'none'> {
  let rows: { error?: string; value?: { deleted?: boolean } }[];
  try {
    ({ rows } = await client.get<{ rows: typeof rows }>(`${encodeURIComponent(circleDbName(circleId))}/_all_docs`, { query: { keys: JSON.stringify([`member:${name}`]) } }));
  } catch (error) {
    if (error instanceof HubError && (error.status === 404 || error.isRefusal)) return 'none';
    throw error;
  }
  const row = rows[0];
  if (!row || row.error) return 'none';
  return row.value?.deleted ? 'deleted' : 'live';
}

/**
 * The person's own join request, or 'deleted' when it was withdrawn. Read with `open_revs=all`, which shows a
 * tombstone as one (a plain GET answers 404 for it, with "deleted" on CouchDB but "missing" on PouchDB).
 */
export async function ownRequest(client: HubClient, circleId: string, name: string): Promise<JoinRequestDoc | 'deleted' | undefined> {
  let leaves: { ok?: JoinRequestDoc & { _deleted?: boolean } }[];
  try {
    leaves = await client.get(requestPath(circleId, name), { query: { open_revs: 'all' } });
  } catch (error) {
    if (error instanceof HubError && (error.status === 404 || error.isRefusal)) return undefined;
    throw error;
  }
  const docs = leaves.flatMap((leaf) => (leaf.ok ? [leaf.ok] : []));
  const live = docs.find((doc) => !doc._deleted);
  return live ?? (docs.length ? 'deleted' : undefined);
}
