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

const HAN = /\p{Script=Han}/u;

/**
 * Who runs the circle, for "by …". The catalog names operators as they call themselves, often in Chinese only
 * (泡泡玛特). In English, the catalog's own Latin name (`operatorEn`) comes first. A circle without one (an operator
 * created it) uses the business's Latin statement name (POP MART), but only one that belongs to the operator: the
 * operator's Chinese name must contain one of the Chinese statement names (瑞幸咖啡 ⊇ 瑞幸), so a community circle
 * run by someone else keeps its operator's own name.
 */
export function operatorName(circle: { operator: string; operatorEn?: string; merchants?: readonly string[] }, locale: Locale): string {
  const own = circle.operator;
  if (locale === 'en' && circle.operatorEn) return circle.operatorEn;
  if (locale !== 'en' || !HAN.test(own) || !circle.merchants?.length) return own;
  const names = circle.merchants;
  if (!names.some((name) => HAN.test(name) && own.includes(name))) return own;
  return names.find((name) => !HAN.test(name)) ?? own;
}
