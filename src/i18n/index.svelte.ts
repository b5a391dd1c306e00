/**
 * zh-CN and English UI text. Messages live per screen in ./messages/<area>.ts, each exporting
 * `{ en: {...}, zh: {...} }` with the same keys; every file there is merged here.
 * `t()` reads the reactive locale, so markup that calls it re-renders on a language switch.
 */
export type Locale = 'zh-CN' | 'en';
type Table = Record<string, string>;

const modules = import.meta.glob<{ default: { en: Table; zh: Table } }>('./messages/*.ts', { eager: true });
const tables: Record<Locale, Table> = { en: {}, 'zh-CN': {} };
for (const mod of Object.values(modules)) {
  Object.assign(tables.en, mod.default.en);
  Object.assign(tables['zh-CN'], mod.default.zh);
}

export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const lang of languages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'zh-CN';
}

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
  const text = tables[i18n.locale][key] ?? tables.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Every key in every language, for the test that keeps the two tables in step. */
export function messageTables(): Record<Locale, Table> {
  return tables;
}
