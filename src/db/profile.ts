import type { UserRule } from '../core/categorize';
import type { ProfileRow } from '../core/profile';
import { PROFILE_CHANNEL, tellOtherTabs } from './other-tabs';
import { getDb, type QuanziDB } from './schema';

/** The person's profile controls, kept in `settings` under one key (so backups and wipes include them). */
export interface ProfileControls {
  hiddenTopics: string[];
  boostedTopics: string[];
  excludedTransactions: string[];
  excludedMerchants: string[];
  enabledSensitive: string[];
  paused: boolean;
}

export const PROFILE_CONTROLS_KEY = 'profile.controls';
export const EMPTY_CONTROLS: ProfileControls = {
  hiddenTopics: [], boostedTopics: [], excludedTransactions: [], excludedMerchants: [], enabledSensitive: [], paused: false,
};

export async function loadControls(db: QuanziDB = getDb()): Promise<ProfileControls> {
  const row = await db.settings.get(PROFILE_CONTROLS_KEY);
  return { ...EMPTY_CONTROLS, ...((row?.value as Partial<ProfileControls>) ?? {}) };
}

export async function saveControls(controls: ProfileControls, db: QuanziDB = getDb()): Promise<void> {
  await db.settings.put({ key: PROFILE_CONTROLS_KEY, value: controls });
  // The other tabs' profiles are built from these too: a topic hidden in one window is hidden in all.
  tellOtherTabs(PROFILE_CHANNEL);
}

export async function loadRules(db: QuanziDB = getDb()): Promise<UserRule[]> {
  return (await db.rules.toArray()) as unknown as UserRule[];
}

export async function saveRule(rule: UserRule, db: QuanziDB = getDb()): Promise<void> {
  await db.rules.put(rule as never);
  tellOtherTabs(PROFILE_CHANNEL);
}

/** Takes a correction or rule back: the rows it placed go back to what the built-in signals say. */
export async function removeRule(id: string, db: QuanziDB = getDb()): Promise<void> {
  await db.rules.delete(id);
  tellOtherTabs(PROFILE_CHANNEL);
}

/** Summary of the last computed profile, so the screen can show something before the worker recomputes. */
export async function saveProfileSnapshot(snapshot: unknown, db: QuanziDB = getDb()): Promise<void> {
  await db.profile.put({ id: 'current', snapshot, savedAt: new Date().toISOString() });
}

/** No rows, no profile: a summary computed from nothing would be a personal-data row that says nothing. */
export async function clearProfileSnapshot(db: QuanziDB = getDb()): Promise<void> {
  await db.profile.delete('current');
}

/** Every stored transaction row, chunk by chunk (a small reader over db.txChunks). */
export async function forEachStoredChunk(visit: (rows: ProfileRow[]) => void, db: QuanziDB = getDb()): Promise<void> {
  await db.txChunks.each((chunk) => visit(chunk.rows));
}

export async function rowsOfImport(importId: string, db: QuanziDB = getDb()): Promise<ProfileRow[]> {
  const chunks = await db.txChunks.where('importId').equals(importId).toArray();
  return chunks.flatMap((c) => c.rows);
}

export async function listDismissed(db: QuanziDB = getDb()): Promise<string[]> {
  return (await db.dismissals.toArray()).map((d) => d.circleId);
}

export async function dismissCircle(circleId: string, db: QuanziDB = getDb()): Promise<void> {
  await db.dismissals.put({ circleId, at: new Date().toISOString() });
}

/** "Not interested" taken back: these circles (all of them when none are named) may be suggested again. */
export async function undismissCircles(circleIds?: string[], db: QuanziDB = getDb()): Promise<void> {
  if (circleIds) await db.dismissals.bulkDelete(circleIds);
  else await db.dismissals.clear();
}

/** Circles with a local membership record (joined, requested or denied): never suggested again. */
export async function listMembershipIds(db: QuanziDB = getDb()): Promise<string[]> {
  return (await db.memberships.toArray()).map((m) => m.circleId);
}
