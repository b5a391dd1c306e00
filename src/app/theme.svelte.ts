import { browserLocale, i18n, setLocale, type Locale } from '../i18n/index.svelte';
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
  setLocale(choice === 'system' ? browserLocale() : choice);
}

export async function chooseTheme(choice: ThemeChoice): Promise<void> {
  applyTheme(choice);
  await setSetting(SETTING_KEYS.theme, choice);
}

export async function chooseLocale(choice: LocaleChoice): Promise<void> {
  applyLocale(choice);
  await setSetting(SETTING_KEYS.locale, choice);
}

/** At start-up: the browser defaults first (no flash of the wrong language), then the stored choices. */
export async function loadPreferences(): Promise<void> {
  applyLocale('system');
  applyTheme('system');
  matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(preferences.theme));
  window.addEventListener('languagechange', () => {
    if (preferences.locale === 'system') applyLocale('system');
  });
  try {
    applyLocale(await getSetting<LocaleChoice>(SETTING_KEYS.locale, 'system'));
    applyTheme(await getSetting<ThemeChoice>(SETTING_KEYS.theme, 'system'));
  } catch (error) {
    // A blocked or broken IndexedDB must not stop the shell from showing; defaults stay in place.
    console.warn('Quanzi: could not read preferences', error);
  }
}

export function currentLocale(): Locale {
  return i18n.locale;
}
