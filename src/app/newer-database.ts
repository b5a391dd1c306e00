import { getDb, type QuanziDB } from '../db/schema';
import { noteReloadNeeded } from './reload-needed';
import { checkForUpdate } from './sw-client';

/**
 * A newer Quanzi has opened the data on this device: it upgraded the database while this window had it open, or
 * before this window started. This window's code may read and write the data in an older shape than the newer
 * version expects, so it asks the person to reload (src/ui/shared/UpdatePrompt.svelte). Deleting everything in
 * another window is not this case: the stores follow that themselves (src/db/other-tabs.ts).
 */
function noteNewerDatabase(): void {
  noteReloadNeeded('newer-data');
  // The newer version's service worker is likely on the server already: have it waiting when they click Reload.
  void checkForUpdate();
}

export function watchForNewerDatabase(db: QuanziDB = getDb()): void {
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    // Dexie then closes this connection (its default), so the other window's upgrade is not blocked.
    if (event.newVersion !== null) noteNewerDatabase();
  });
  // Dexie 4 opens a database a newer version upgraded without complaint (at the newer version number), so an
  // older build has to compare: its own schema is version `verno` (Dexie counts in tens of IndexedDB's).
  db.open().then(() => {
    if (db.backendDB().version > db.verno * 10) noteNewerDatabase();
  }, () => undefined);
}
