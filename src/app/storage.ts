import { getSetting, setSetting, SETTING_KEYS } from '../db/settings';

/** Persistent storage (navigator.storage.persist) and usage figures for Settings. */
export type PersistState = 'granted' | 'not-granted' | 'unsupported';

export async function persistState(): Promise<PersistState> {
  if (!navigator.storage?.persisted) return 'unsupported';
  return (await navigator.storage.persisted()) ? 'granted' : 'not-granted';
}

export async function requestPersist(): Promise<PersistState> {
  if (!navigator.storage?.persist) return 'unsupported';
  return (await navigator.storage.persist()) ? 'granted' : 'not-granted';
}

/**
 * Asked once, right after the first statements are stored: from then on there is something to lose when the browser
 * clears site data to free space. Chromium answers without a prompt (by how the site is used); Firefox asks the
 * person, which is why it waits for a moment they just acted. Settings can ask again.
 */
export async function askPersistOnce(): Promise<void> {
  if (await getSetting<string | undefined>(SETTING_KEYS.persistAsked, undefined)) return;
  if ((await persistState()) !== 'not-granted') return;
  await setSetting(SETTING_KEYS.persistAsked, new Date().toISOString());
  await requestPersist();
}

export async function storageUsage(): Promise<{ used: number; quota: number } | undefined> {
  const estimate = await navigator.storage?.estimate?.();
  return estimate?.usage !== undefined && estimate.quota ? { used: estimate.usage, quota: estimate.quota } : undefined;
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}
