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

/**
 * A moment from a local ISO date-time (`2024-05-30T08:15:00`): the day as dayText writes it, then the time to the
 * minute (2024年5月30日 08:15), or the seconds too when `seconds` is set and the source has them. A date without a
 * time is the day alone: statements such as QIF and CAMT carry no time, and 00:00 would be invented.
 */
export function momentText(iso: string, locale: Locale, seconds = false): string {
  const day = dayText(iso, locale);
  const m = /^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  if (!m) return day;
  return `${day} ${m[1]}${seconds && m[2] ? m[2] : ''}`;
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
