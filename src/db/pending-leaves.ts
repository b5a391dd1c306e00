import { getSetting } from './settings';
import { getDb, type QuanziDB } from './schema';

/**
 * Circles left while the hub could not be told (offline, hub down, session over): the hub still lists the person as
 * a member, and the account's circle list would bring the circle back at its next sign-in. Each stays here, per
 * account, until the hub has heard of it. Not account circle data (account-data.ts): a sign-out keeps them, so the
 * leave still reaches the hub at that account's next sign-in here.
 */
export interface PendingLeave {
  circleId: string;
  user: string;
  policy: 'open' | 'approval';
  /** When the person left. */
  since: string;
}

const KEY = 'membership.pendingLeaves';

/** The leaves waiting, of one account, or of every account when `user` is undefined. */
export async function loadPendingLeaves(user?: string, db: QuanziDB = getDb()): Promise<PendingLeave[]> {
  const all = await getSetting<PendingLeave[]>(KEY, [], db);
  return user === undefined ? all : all.filter((leave) => leave.user === user);
}

async function changeLeaves(db: QuanziDB, change: (leaves: PendingLeave[]) => PendingLeave[]): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const leaves = await getSetting<PendingLeave[]>(KEY, [], db);
    await db.settings.put({ key: KEY, value: change(leaves) });
  });
}

const sameLeave = (leave: PendingLeave, circleId: string, user: string) => leave.circleId === circleId && leave.user === user;

export function notePendingLeave(leave: PendingLeave, db: QuanziDB = getDb()): Promise<void> {
  return changeLeaves(db, (leaves) => [...leaves.filter((other) => !sameLeave(other, leave.circleId, leave.user)), leave]);
}

/** The hub heard it, or the person joined the circle again. */
export function dropPendingLeave(circleId: string, user: string, db: QuanziDB = getDb()): Promise<void> {
  return changeLeaves(db, (leaves) => leaves.filter((leave) => !sameLeave(leave, circleId, user)));
}

/** The account's leaves still on their way, each with its circle's catalog entry (for its name). */
export async function loadLeavingCircles(user: string | undefined, db: QuanziDB = getDb()): Promise<{ leave: PendingLeave; entry?: Record<string, unknown> }[]> {
  if (!user) return [];
  const leaves = await loadPendingLeaves(user, db);
  const entries = await db.catalog.bulkGet(leaves.map((leave) => leave.circleId));
  return leaves.map((leave, i) => ({ leave, ...(entries[i] ? { entry: entries[i] } : {}) }));
}
