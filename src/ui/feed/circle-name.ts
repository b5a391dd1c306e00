import type { Locale } from '../../i18n/translate';

/** The circle's name from its catalog entry in the current language, or its id when the entry is unknown. */
export function circleName(entry: Record<string, unknown> | undefined, circleId: string, locale: Locale): string {
  const name = entry?.name;
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') {
    const byLang = name as Record<string, string>;
    return (locale === 'en' ? byLang.en : byLang.zh) ?? byLang.en ?? byLang.zh ?? circleId;
  }
  return circleId;
}
