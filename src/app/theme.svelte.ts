import { chosenLocale, i18n, setLocale, type Locale } from '../i18n/index.svelte';
import { getSetting, setSetting, SETTING_KEYS } from '../db/settings';

/**
 * Language and colour-scheme preferences: applied to <html> at once, kept in the db settings table.
 * "system" follows the browser (language) or the OS (dark mode) and tracks it as it changes.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type LocaleChoice = 'system' | Locale;

const THEME_COLOURS = { light: '#c2410c', dark: '#1c1917' } as const;

class Preferences {
  theme = $state<ThemeChoice>('system');
  locale = $state<LocaleChoice>('system');
}
export const preferences = new Preferences();

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function applyTheme(choice: ThemeChoice): void {
  preferences.theme = choice;
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  const dark = choice === 'dark' || (choice === 'system' && systemPrefersDark());
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', dark ? THEME_COLOURS.dark : THEME_COLOURS.light);
}

export function applyLocale(choice: LocaleChoice): void {
  preferences.locale = choice;
  setLocale(chosenLocale(choice));
}

/**
 * A synchronous copy of each choice in localStorage: the next start shows the right theme and language before
 * IndexedDB answers, and a reload right after a change cannot lose it to a settings write still in flight.
 * The db settings stay the record (backups carry them); the copy follows them.
 */
const MIRROR_PREFIX = 'quanzi.pref.';
function mirror(key: string, value?: string): string | undefined {
  try {
    if (value === undefined) return localStorage.getItem(MIRROR_PREFIX + key) ?? undefined;
    localStorage.setItem(MIRROR_PREFIX + key, value);
  } catch {
    // Storage may be off (privacy modes); the db settings still hold the choice.
  }
  return value;
}

/** After a restore or a wipe the db's settings are the newer ones: the copies must not win over them. */
export function forgetPreferenceCopies(): void {
  try {
    for (const key of [SETTING_KEYS.theme, SETTING_KEYS.locale]) localStorage.removeItem(MIRROR_PREFIX + key);
  } catch {
    // Nothing to forget when storage is off.
  }
}

export async function chooseTheme(choice: ThemeChoice): Promise<void> {
  applyTheme(choice);
  mirror(SETTING_KEYS.theme, choice);
  await setSetting(SETTING_KEYS.theme, choice);
}

export async function chooseLocale(choice: LocaleChoice): Promise<void> {
  applyLocale(choice);
  mirror(SETTING_KEYS.locale, choice);
  await setSetting(SETTING_KEYS.locale, choice);
}

/** At start-up: the last choices seen (or the browser defaults), then the stored choices. */
export async function loadPreferences(): Promise<void> {
  applyLocale((mirror(SETTING_KEYS.locale) as LocaleChoice | undefined) ?? 'system');
  applyTheme((mirror(SETTING_KEYS.theme) as ThemeChoice | undefined) ?? 'system');
  matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(preferences.theme));
  window.addEventListener('languagechange', () => {
    if (preferences.locale === 'system') applyLocale('system');
  });
  try {
    // A choice whose db write had not landed before a reload is newer than the db's: keep it and finish the write.
    applyLocale(await reconcile(SETTING_KEYS.locale, await getSetting<LocaleChoice>(SETTING_KEYS.locale, 'system')));
    applyTheme(await reconcile(SETTING_KEYS.theme, await getSetting<ThemeChoice>(SETTING_KEYS.theme, 'system')));
  } catch (error) {
    // A blocked or broken IndexedDB must not stop the shell from showing; defaults stay in place.
    console.warn('Quanzi: could not read preferences', error);
  }
}

async function reconcile<T extends string>(key: string, stored: T): Promise<T> {
  const mirrored = mirror(key) as T | undefined;
  if (mirrored === undefined || mirrored === stored) return stored;
  await setSetting(key, mirrored);
  return mirrored;
}

export function currentLocale(): Locale {
  return i18n.locale;
}
