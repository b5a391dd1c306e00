import { getDb, type QuanziDB } from './schema';

/**
 * Small key/value preferences kept in the `settings` table (so they travel with backups and vanish with
 * "delete everything"). Keys in use: see SETTING_KEYS; other modules may add their own `<area>.<name>` keys.
 */
export const SETTING_KEYS = {
  locale: 'shell.locale',
  theme: 'shell.theme',
  persistAsked: 'shell.persistAsked',
} as const;

export async function getSetting<T>(key: string, fallback: T, db: QuanziDB = getDb()): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export async function setSetting(key: string, value: unknown, db: QuanziDB = getDb()): Promise<void> {
  await db.settings.put({ key, value });
}
