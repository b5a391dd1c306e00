import Dexie from 'dexie';
import { DB_NAME, getDb, resetDbHandle, type QuanziDB } from './schema';
import { localDay } from '../i18n/dates';
import { ACCOUNT_KEY, type Account } from '../hub/session';

/**
 * "My data": everything stored locally, as one JSON file, and back; and "delete everything".
 * Generic over `db.tables`, so tables added by later schema versions are exported and restored too.
 */
export const BACKUP_FORMAT = 'quanzi-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** Dexie schema version (db.verno) the rows were written under. */
  schemaVersion: number;
  exportedAt: string;
  tables: Record<string, unknown[]>;
}

export type BackupProblem = 'not-json' | 'not-quanzi' | 'newer-format' | 'newer-schema' | 'unknown-table' | 'bad-table';

/** A backup file that cannot be restored; `problem` picks the message shown, `detail` names the culprit. */
export class BackupError extends Error {
  constructor(readonly problem: BackupProblem, readonly detail = '') {
    super(`${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'BackupError';
  }
}

// JSON has no Date or binary type; rows may hold either, so they travel as tagged objects.
const TAG = '$quanziType';

function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return { [TAG]: 'date', value: value.toISOString() };
  if (value instanceof ArrayBuffer) return { [TAG]: 'bytes', value: Array.from(new Uint8Array(value)), buffer: true };
  if (ArrayBuffer.isView(value)) return { [TAG]: 'bytes', value: Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]));
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record[TAG] === 'date') return new Date(String(record.value));
    if (record[TAG] === 'bytes') {
      const bytes = Uint8Array.from(record.value as number[]);
      return record.buffer ? bytes.buffer : bytes;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeValue(v)]));
  }
  return value;
}

/** Reads every table in one read transaction, so the snapshot is consistent. */
export async function exportBackup(db: QuanziDB = getDb()): Promise<Backup> {
  await db.open();
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = (await table.toArray()).map(encodeValue);
  });
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    exportedAt: new Date().toISOString(),
    tables,
  };
}

/** Named by the day on the person's clock (exportedAt is UTC, which is still yesterday early in the morning in China). */
export function backupFileName(backup: Pick<Backup, 'exportedAt'>): string {
  return `quanzi-backup-${localDay(new Date(backup.exportedAt))}.json`;
}

export function rowCount(backup: Backup): number {
  return Object.values(backup.tables).reduce((sum, rows) => sum + rows.length, 0);
}

/** Checks a file's text; throws BackupError saying what is wrong with it. */
export function parseBackup(text: string, db: QuanziDB = getDb()): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError('not-json', (error as Error).message);
  }
  const candidate = data as Partial<Backup> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.format !== BACKUP_FORMAT) throw new BackupError('not-quanzi');
  if (typeof candidate.formatVersion !== 'number' || candidate.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError('newer-format', String(candidate.formatVersion));
  }
  if (typeof candidate.schemaVersion !== 'number' || candidate.schemaVersion > db.verno) {
    throw new BackupError('newer-schema', String(candidate.schemaVersion));
  }
  if (!candidate.tables || typeof candidate.tables !== 'object') throw new BackupError('not-quanzi');
  const known = new Set(db.tables.map((table) => table.name));
  for (const [name, rows] of Object.entries(candidate.tables)) {
    if (!known.has(name)) throw new BackupError('unknown-table', name);
    if (!Array.isArray(rows)) throw new BackupError('bad-table', name);
  }
  return candidate as Backup;
}

/**
 * Replaces everything stored locally with the backup, in ONE transaction: a failure anywhere leaves the
 * data exactly as it was. Tables the backup does not mention (added after it was made) end up empty.
 */
export async function restoreBackup(backup: Backup, db: QuanziDB = getDb()): Promise<number> {
  await db.open();
  let restored = 0;
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      await table.clear();
      const rows = (backup.tables[table.name] ?? []).map(decodeValue);
      if (rows.length) await table.bulkAdd(rows);
      restored += rows.length;
    }
    // A pending write is still this device's to send; what was already sent or refused happened on the device the
    // backup was made on, which may not be this one.
    await db.outbox.where('status').anyOf('delivered', 'rejected', 'superseded').modify({ fromBackup: true } as never);
    const account = (await db.settings.get(ACCOUNT_KEY))?.value as Account | undefined;
    if (account) await db.settings.put({ key: ACCOUNT_KEY, value: { ...account, fromBackup: true } });
  });
  return restored;
}

/**
 * "Delete everything on this device": the IndexedDB database, every Cache Storage cache and the service
 * worker registration. The caller reloads afterwards so the app starts fresh.
 * Other open connections (the worker, other tabs) are closed by Dexie's versionchange handling.
 *
 * `keepAppShell` (the app's own server cannot be reached): the precached app files and the service worker stay, so
 * the reload that follows starts the app offline instead of the browser's offline error page. They are the same
 * public files for everyone; every cache with personal content (shared statements, for one) still goes.
 */
export async function wipeEverything({ keepAppShell = false }: { keepAppShell?: boolean } = {}): Promise<void> {
  resetDbHandle();
  await Dexie.delete(DB_NAME);
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) if (!(keepAppShell && isAppShellCache(key))) await caches.delete(key);
  }
  if (keepAppShell) return;
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
}

/** Workbox's precache (the built app's own files), as vite-plugin-pwa names it. */
export function isAppShellCache(name: string): boolean {
  return name.startsWith('workbox-precache');
}

/** Whether the app's own server answers (not just "the device has a network"): a fresh start needs its files. */
export async function appServerReachable(): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  try {
    // A query the precache does not know, so the service worker cannot answer it from the cache.
    return (await fetch(`/manifest.webmanifest?reachable=${Date.now()}`, { cache: 'no-store', method: 'HEAD' })).ok;
  } catch {
    return false;
  }
}
