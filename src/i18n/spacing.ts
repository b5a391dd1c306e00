import type { Locale } from './translate';

const LATIN_EDGE = /^[A-Za-z0-9]|[A-Za-z0-9.)]$/;

/**
 * A name set inside a Chinese sentence: Latin letters get a space from the Chinese around them (由 Manner Coffee 运营,
 * 加入 Planet Fitness Judgement Free Crew), as Chinese typesetting does; a Chinese name stays as it is.
 */
export function nameInSentence(name: string, locale: Locale): string {
  if (locale === 'en' || !LATIN_EDGE.test(name)) return name;
  const start = /^[A-Za-z0-9]/.test(name) ? ' ' : '';
  const end = /[A-Za-z0-9.)]$/.test(name) ? ' ' : '';
  return `${start}${name}${end}`;
}
