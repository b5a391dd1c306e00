import type { Locale } from './translate';

/**
 * A calendar day as people write it, from ISO text (`2026-06-12`, or a local date-time, whose time is dropped):
 * 2026年6月12日 in Chinese, which also wraps between characters on a phone rather than inside 2026-06-12, and the
 * ISO day in English. Read from the digits, so no time zone can move it to another day.
 */
export function dayText(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return locale === 'en' ? `${m[1]}-${m[2]}-${m[3]}` : `${+m[1]!}年${+m[2]!}月${+m[3]!}日`;
}

/** A month (`2026-06`) as people write it: 2026年6月 in Chinese, as the days are; the ISO month in English. */
export function monthText(month: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || locale === 'en') return month;
  return `${+m[1]!}年${+m[2]!}月`;
}

/** Today (or `at`) as `YYYY-MM-DD` on the person's clock: toISOString() is UTC, a day behind in the morning in China. */
export function localDay(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
