import type { Locale } from './translate';

const LATIN_START = /^[A-Za-z0-9]/;
const LATIN_END = /[A-Za-z0-9.)]$/;

/**
 * Chinese typesetting sets Latin words and numbers apart from the Chinese around them with a space (在 Manner 消费过
 * 3 次): `value` gets one on each side where Chinese meets a Latin letter or digit of it. translate() applies it to
 * every value put into a Chinese message; text built outside messages uses nameInSentence.
 */
export function spacedInChinese(value: string, chineseBefore: boolean, chineseAfter: boolean): string {
  const start = chineseBefore && LATIN_START.test(value) ? ' ' : '';
  const end = chineseAfter && LATIN_END.test(value) ? ' ' : '';
  return `${start}${value}${end}`;
}

/**
 * A name set inside a Chinese sentence built outside a message (the suggestion reasons): Latin letters get a space
 * from the Chinese around them (由 Manner Coffee 运营); a Chinese name stays as it is.
 */
export function nameInSentence(name: string, locale: Locale): string {
  return locale === 'en' ? name : spacedInChinese(name, true, true);
}
