import { getDb } from '../db/schema';

/**
 * Whether this browser lets Quanzi keep data at all. Some refuse IndexedDB outright: Firefox's private windows in
 * older versions, a browser set to block site data, an embedded browser without storage. Every screen then waits on
 * data that never comes, so the shell says why, once, for all of them.
 */
export const storage = $state({ unavailable: false });

export async function checkStorage(): Promise<void> {
  try {
    await getDb().open();
  } catch (error) {
    // A newer version's upgrade does not belong here: the update prompt speaks for that (newer-database.ts).
    const name = (error as { name?: string } | null)?.name;
    if (name !== 'VersionError' && name !== 'DatabaseClosedError') storage.unavailable = true;
  }
}
