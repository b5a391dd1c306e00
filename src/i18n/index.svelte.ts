/**
 * The page's UI text: `t()` reads the reactive locale, so markup that calls it re-renders on a language switch.
 * The tables and the wording rules live in ./translate.ts, which the service worker uses too.
 */
import { browserLocale, translate, type Locale } from './translate';

export { browserLocale, chosenLocale, messageTables, type Locale } from './translate';

class I18nState {
  locale = $state<Locale>(browserLocale());
}
export const i18n = new I18nState();

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Looks up `key` in the current language; `{name}` placeholders take values from `params`. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  return translate(i18n.locale, key, params);
}
