import type { Locale } from './translate';

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language of a piece of people's writing (a post, a payee), for its `lang` attribute when it differs from the
 * app's: a screen reader then reads 星巴克 with a Chinese voice in the English app, and "latte" with an English one in
 * the Chinese app (WCAG 3.1.2). Judged by which script has more letters; undefined when it is the app's language or
 * there is nothing to judge by (digits, emoji).
 */
export function contentLang(text: string, appLocale: Locale): 'zh-CN' | 'en' | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 && latin === 0) return undefined;
  // A Chinese character carries about a word; Latin letters are counted in words' worth.
  const lang = han * 4 >= latin ? 'zh-CN' : 'en';
  return lang === appLocale ? undefined : lang;
}
