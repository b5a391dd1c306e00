import { getDb, type QuanziDB } from '../db/schema';
import { purgeCircle } from '../db/circle-docs';
import { dropPendingLeave, loadPendingLeaves, notePendingLeave, type PendingLeave } from '../db/pending-leaves';
import { listCircle, unlistCircle } from './account-circles';
import { HubError, docPath, hubClient, type HubClient } from './client';
import { circleDbName, type MemberDoc } from './doc-types';
import { canRead, ownRequest } from './membership-restore';
import { operatorRefusal, requestPath } from './own-request';
import { currentAccount, noteSessionEnded, NotSignedInError, signedInName } from './session';
import { notifySync } from './sync-engine';

export { restoreMemberships } from './membership-restore';

/**
 * Local membership records. `joined` = syncing; `requested` = waiting for an operator (approval circles);
 * `denied` = the hub refused (403 or a denied request), with `reason`. A 401 (an expired session) denies nothing.
 * Join asks the hub for membership, then the sync engine starts pulling; leave tells the hub, stops the
 * pull and purges the circle's local copy.
 */
export type MembershipStatus = 'joined' | 'requested' | 'denied';
export interface Membership {
  circleId: string;
  status: MembershipStatus;
  policy: 'open' | 'approval';
  joinedAt: string;
  reason?: string;
  /** Approval circles: the operator declined the request (`reason` is theirs), not a hub error. */
  deniedByOperator?: boolean;
  /** Approval circles: when the operator declined (the "request declined" notification); a sign-in brings it back. */
  deniedAt?: string;
  /** Approval circles: when this device noticed the approval, or the operator's time for it after a sign-in (the "request approved" notification). */
  approvedAt?: string;
  lastReadAt?: string;
}

/**
 * Open circles: any signed-in user may write its own `member:<name>` doc, which is the membership.
 * Approval circles: a `request:<name>` doc in `requests_<id>`; the operator's approval adds the name to the
 * circle's `_security` members, which checkApproval() notices.
 */
async function askHubToJoin(client: HubClient, circleId: string, user: string, policy: 'open' | 'approval', message?: string): Promise<'joined' | 'requested'> {
  // Listed first, so the account's list never misses a circle the hub let it into (see account-circles.ts). A hub
  // that refuses the edit leaves the list as it is; the join itself is what the person asked for.
  await listCircle(client, user, circleId).catch((error: unknown) => {
    if (!(error instanceof HubError && error.isRefusal)) throw error;
  });
  if (policy === 'approval') {
    // Operators, and people approved earlier (another device), are let in already: no request needed. Unless they
    // left and the operator's app has not taken their name out yet: their withdrawn request would make it do so
    // now, so they ask again (a live request keeps them in).
    if (await canRead(client, circleId)) {
      if ((await ownRequest(client, circleId, user)) === 'deleted') await writeRequest(client, circleId, user);
      return 'joined';
    }
    await writeRequest(client, circleId, user, message);
    return 'requested';
  }
  const member: Omit<MemberDoc, '_id'> = { type: 'member', author: user, createdAt: new Date().toISOString() };
  await putIfAbsent(client, docPath(circleDbName(circleId), `member:${user}`), member);
  return 'joined';
}

/** The longest message with a join request that the hub's rules take. */
export const MAX_REQUEST_MESSAGE = 1000;

/** Tries of replacing a decided request that lost to another write of it (409): the operator deciding, another device. */
const ASK_AGAIN_TRIES = 3;

/**
 * Makes sure the person has a request waiting (no decision: only an operator decides): written when there is none or
 * only a withdrawn one, left alone while one waits, and replaced by a fresh one when an operator decided it, which is
 * asking again after a refusal (the rules take a new request made after the decision, see REQUEST_RULES_SOURCE).
 */
async function writeRequest(client: HubClient, circleId: string, user: string, message?: string): Promise<void> {
  const path = requestPath(circleId, user);
  // A few words for the operator (which ticket, which order): the rules take up to 1000 characters.
  const text = message?.trim().slice(0, MAX_REQUEST_MESSAGE);
  const said = text ? { message: text } : {};
  for (let attempt = 1; ; attempt++) {
    const current = await ownRequest(client, circleId, user);
    if (current === undefined || current === 'deleted') {
      return putIfAbsent(client, path, { type: 'request', user, createdAt: new Date().toISOString(), ...said });
    }
    if (current.decision === undefined) return;
    // After the decision even when this device's clock runs behind the operator's.
    const after = Math.max(Date.now(), Date.parse(current.decidedAt ?? current.createdAt) + 1);
    try {
      await client.put(path, { _rev: current._rev, type: 'request', user, createdAt: new Date(after).toISOString(), ...said });
      return;
    } catch (error) {
      if (!(error instanceof HubError && error.status === 409) || attempt >= ASK_AGAIN_TRIES) throw error;
    }
  }
}

/** A second join (another device, a retry) finds the doc already there: that is success, not an error. */
async function putIfAbsent(client: HubClient, path: string, body: unknown): Promise<void> {
  try {
    await client.put(path, body);
  } catch (error) {
    if (error instanceof HubError && error.status === 409) return;
    // The embedded hub runs the rules before its conflict check, so a second device's join is refused as an
    // edit ("createdAt is immutable") rather than answered 409: the doc being there is still success.
    if (error instanceof HubError && error.isRefusal && (await exists(client, path))) return;
    throw error;
  }
}

async function exists(client: HubClient, path: string): Promise<boolean> {
  try {
    await client.get(path);
    return true;
  } catch {
    return false;
  }
}

/** `message`: approval circles, a few words for the operator with the request (which ticket, which order). */
export async function joinCircle(circleId: string, policy: 'open' | 'approval' = 'open', client: HubClient = hubClient(), db: QuanziDB = getDb(), message?: string): Promise<Membership> {
  const account = await currentAccount(db);
  if (!account) throw new NotSignedInError();
  let status: MembershipStatus;
  let reason: string | undefined;
  try {
    status = await askHubToJoin(client, circleId, account.name, policy, message);
  } catch (error) {
    if (error instanceof HubError && error.isSignedOut) await noteSessionEnded(db);
    if (!(error instanceof HubError) || !error.isRefusal) throw error;
    status = 'denied';
    reason = `${error.status} ${error.error}: ${error.reason}`;
  }
  const membership: Membership = { circleId, policy, status, joinedAt: new Date().toISOString(), ...(reason ? { reason } : {}) };
  await db.memberships.put(membership as never);
  // Back in before an earlier leave reached the hub: that leave must not take the person out again.
  if (status !== 'denied') await dropPendingLeave(circleId, account.name, db);
  if (status === 'joined') notifySync({ kind: 'kick', circleId });
  return membership;
}

/**
 * Leaves at once on this device; the hub is told now, or (offline, hub down, session over) as soon as it can be:
 * 'pending' until then, and the outbox loop of the sync engine keeps trying (deliverPendingLeaves).
 */
export async function leaveCircle(circleId: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<'left' | 'pending'> {
  const policy = (await db.memberships.get(circleId) as Membership | undefined)?.policy ?? 'open';
  const account = await currentAccount(db);
  // Noted before the purge: if the page goes away in between, the hub still hears of the leave.
  const leave: PendingLeave | undefined = account && { circleId, user: account.name, policy, since: new Date().toISOString() };
  if (leave) await notePendingLeave(leave, db);
  // Purge first: the pull re-checks the membership inside its write transaction, so nothing comes back.
  await purgeCircle(circleId, db);
  notifySync({ kind: 'focus', circleId: undefined });
  if (!leave) return 'left';
  if (account?.sessionEnded) return 'pending';
  return (await deliverLeave(client, leave, db)) ? 'left' : 'pending';
}

/** Tells the hub of one leave; true once it is settled (heard, or refused for good), false to try again later. */
async function deliverLeave(client: HubClient, leave: PendingLeave, db: QuanziDB): Promise<boolean> {
  try {
    await askHubToLeave(client, leave.circleId, leave.user, leave.policy);
  } catch (error) {
    if (error instanceof HubError && error.isSignedOut) await noteSessionEnded(db);
    if (!(error instanceof HubError) || error.isTransient || error.isSignedOut) return false;
    // A refusal will not change on retry (the circle is gone from the hub, say): nothing is left to tell it.
    console.warn('leave refused', leave.circleId, error.message);
  }
  await dropPendingLeave(leave.circleId, leave.user, db);
  return true;
}

/**
 * The leaves of the account signed in that the hub has not heard of: told now. Returns how many still wait (the
 * hub is out of reach, or the session is over and the person has to sign in again).
 */
export async function deliverPendingLeaves(client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<number> {
  const account = await currentAccount(db);
  if (!account) return 0;
  const leaves = await loadPendingLeaves(account.name, db);
  if (account.sessionEnded) return leaves.length;
  for (const [i, leave] of leaves.entries()) {
    if (!(await deliverLeave(client, leave, db))) return leaves.length - i;
  }
  return 0;
}

/**
 * Open circles: delete `member:<me>`. Approval circles: a member cannot edit `_security`, so it withdraws its
 * `request:<me>` (writing one first if it never had one); the tombstone tells the operator's app to take the name
 * out of the members (removeDepartedMembers in src/hub/operator.ts).
 */
async function askHubToLeave(client: HubClient, circleId: string, user: string, policy: 'open' | 'approval'): Promise<void> {
  if (policy !== 'approval') {
    await deleteIfPresent(client, docPath(circleDbName(circleId), `member:${user}`));
  } else if (!(await deleteIfPresent(client, requestPath(circleId, user)))) {
    // Let in without a request (by hand, or the demo seed): a request written and withdrawn at once leaves the same
    // tombstone, so the operator's app takes the name out and another device does not bring the circle back.
    await writeRequest(client, circleId, user);
    await deleteIfPresent(client, requestPath(circleId, user));
  }
  // Only once the hub heard it: a circle still listed after a failed leave costs one question at the next restore.
  await unlistCircle(client, user, circleId);
}

/** Deletes the doc at `path`; false when there was none. */
async function deleteIfPresent(client: HubClient, path: string): Promise<boolean> {
  let rev: string;
  try {
    rev = (await client.get<{ _rev: string }>(path))._rev;
  } catch (error) {
    if (error instanceof HubError && error.status === 404) return false;
    throw error;
  }
  await client.delete(`${path}?rev=${encodeURIComponent(rev)}`);
  return true;
}

export async function listMemberships(db: QuanziDB = getDb()): Promise<Membership[]> {
  return (await db.memberships.toArray()) as unknown as Membership[];
}

/** The circles to sync: the joined ones, and none while signed out or the hub's session is over (nothing gets through). */
export async function syncableCircleIds(db: QuanziDB = getDb()): Promise<string[]> {
  const account = await currentAccount(db);
  if (!account || account.sessionEnded) return [];
  return (await listMemberships(db)).filter((m) => m.status === 'joined').map((m) => m.circleId);
}

export async function markCircleRead(circleId: string, db: QuanziDB = getDb()): Promise<void> {
  await db.memberships.update(circleId, { lastReadAt: new Date().toISOString() } as never);
}

/**
 * Approval circles: while the request waits, the engine asks now and then whether the hub lets us in yet
 * (the operator's approval adds us to the circle's `_security` members). A refusal keeps it `requested`.
 */
export async function checkApproval(circleId: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<boolean> {
  if (!(await canRead(client, circleId))) {
    await noticeDenial(circleId, client, db);
    return false;
  }
  await db.memberships.update(circleId, { status: 'joined', reason: undefined, approvedAt: new Date().toISOString() } as never);
  notifySync({ kind: 'kick', circleId });
  return true;
}

/** Still refused: did the operator decide against the request? Then the person sees the operator's reason. */
async function noticeDenial(circleId: string, client: HubClient, db: QuanziDB): Promise<void> {
  const refusal = await operatorRefusal(circleId, client, db);
  if (refusal) await db.memberships.update(circleId, refusal as never);
}

/**
 * Withdraws a waiting join request: the person's own `request:<name>` goes from the hub (the requester may delete it),
 * then the circle leaves the account's list and this device, so its card offers joining again. Needs the hub: when it
 * cannot be reached this throws and nothing changes here (the operator would still see the request).
 */
export async function withdrawRequest(circleId: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<void> {
  const name = await signedInName(db);
  await askHub(db, () => deleteIfPresent(client, requestPath(circleId, name)));
  // Approved meanwhile? The tombstone also tells the operator's app to take the name out (removeDepartedMembers).
  // The list may say too much (account-circles.ts): missing this edit costs one question at the next restore.
  await unlistCircle(client, name, circleId).catch(() => undefined);
  await purgeCircle(circleId, db);
}

/**
 * "Remove from my circles" after a refusal: the circle leaves the account's list, so signing in elsewhere does not
 * bring it back, and then this device. The operator's decision stays on the hub as their record; asking again
 * replaces it. Needs the hub, like withdrawing: offline this throws and the circle stays.
 */
export async function removeFromMyCircles(circleId: string, client: HubClient = hubClient(), db: QuanziDB = getDb()): Promise<void> {
  const name = await signedInName(db);
  await askHub(db, () => unlistCircle(client, name, circleId));
  await purgeCircle(circleId, db);
}

/** Runs a step that needs the hub; an ended session is noted (the app asks to sign in again) and the error goes on. */
async function askHub<T>(db: QuanziDB, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof HubError && error.isSignedOut) await noteSessionEnded(db);
    throw error;
  }
}
