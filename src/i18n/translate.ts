/**
 * zh-CN and English UI text without any reactive state, so the service worker can word its notifications the
 * same way the page does. Messages live per screen in ./messages/<area>.ts, each exporting `{ en: {...}, zh: {...} }`
 * with the same keys; every file there is merged here. The page's `t()` (index.svelte.ts) adds the reactive locale.
 */
import { spacedInChinese } from './spacing';

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

/** A stored language choice ('system', a locale, or nothing stored yet) as the locale to show. */
export function chosenLocale(choice: unknown, languages?: readonly string[]): Locale {
  return choice === 'en' || choice === 'zh-CN' ? choice : browserLocale(languages);
}

/** Params that are counts: they choose the plural form and are shown with the locale's digit grouping. */
const COUNT_PARAMS = ['n', 'count'] as const;
/** Counts too (grouped: 150,000), but they do not pick the plural form. */
const GROUPED_PARAMS: readonly string[] = [...COUNT_PARAMS, 'rows', 'rate', 'added', 'duplicates', 'skipped'];

// Building Intl objects costs far more than using them; a list of 72 circle cards formats hundreds of counts.
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();
function cached<T>(cache: Map<Locale, T>, locale: Locale, make: (locale: Locale) => T): T {
  let value = cache.get(locale);
  if (!value) cache.set(locale, (value = make(locale)));
  return value;
}

/**
 * Picks the plural form: a message may hold `one||other` (English needs it, Chinese does not). The form follows
 * the first count param, through Intl.PluralRules so other languages could add their own categories later.
 */
function pluralForm(locale: Locale, text: string, params: Record<string, string | number>): string {
  if (!text.includes('||')) return text;
  const [one, other] = text.split('||') as [string, string];
  const count = COUNT_PARAMS.map((name) => params[name]).find((value) => typeof value === 'number');
  return count !== undefined && cached(pluralRules, locale, (l) => new Intl.PluralRules(l)).select(count) === 'one' ? one : other;
}

function formatParam(locale: Locale, name: string, value: string | number): string {
  return typeof value === 'number' && GROUPED_PARAMS.includes(name) ? cached(numberFormats, locale, (l) => new Intl.NumberFormat(l)).format(value) : String(value);
}

const HAN = /\p{Script=Han}/u;

/** Looks up `key` in `locale`; `{name}` placeholders take values from `params`. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const text = pluralForm(locale, tables[locale][key] ?? tables.en[key] ?? key, params);
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string, at: number) => {
    if (!(name in params)) return placeholder;
    const value = formatParam(locale, name, params[name]!);
    // A Chinese message's values are spaced from the Chinese beside the placeholder, so no message has to be.
    return locale === 'en' ? value : spacedInChinese(value, HAN.test(text[at - 1] ?? ''), HAN.test(text[at + placeholder.length] ?? ''));
  });
}

/** Every key in every language, for the test that keeps the two tables in step. */
export function messageTables(): Record<Locale, Table> {
  return tables;
}
