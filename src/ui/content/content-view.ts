import type { Locale } from '../../i18n/index.svelte';

/** Date and time for people, in the UI language. `timeZone`: the device's unless given (tests). */
export function when(iso: string, locale: Locale, timeZone?: string): string {
  return dateTimeText(iso, locale, 'medium', timeZone);
}

/** With the weekday, for checking a time just picked: 2026年12月12日星期六 19:00, Saturday, December 12, 2026 at 7:00 PM. */
export function whenInFull(iso: string, locale: Locale, timeZone?: string): string {
  return dateTimeText(iso, locale, 'full', timeZone);
}

function dateTimeText(iso: string, locale: Locale, dateStyle: 'medium' | 'full', timeZone: string | undefined): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString(locale, { dateStyle, timeStyle: 'short', timeZone });
}

/**
 * An event's start and end: a same-day event names its day once ("Dec 12, 2026, 7:00 – 9:00 PM",
 * "2026年12月12日 19:00–21:00"). English is Intl's formatRange as it is. Chinese formatRange writes the day of a
 * date-time range as 2026/12/12, unlike every other date on the page (2026年12月12日): the day is written by
 * itself there and only the times go through formatRange. An end that is not after the start (events made
 * before the form checked it) is shown as it was given.
 */
export function whenRange(startsAt: string, endsAt: string | undefined, locale: Locale, timeZone?: string): string {
  const start = Date.parse(startsAt);
  const end = endsAt ? Date.parse(endsAt) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    return endsAt ? `${when(startsAt, locale, timeZone)} – ${when(endsAt, locale, timeZone)}` : when(startsAt, locale, timeZone);
  }
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone });
  if (locale === 'en') return format({ dateStyle: 'medium', timeStyle: 'short' }).formatRange(start, end);
  const day = format({ dateStyle: 'medium' });
  if (day.format(start) !== day.format(end)) return `${when(startsAt, locale, timeZone)} – ${when(endsAt!, locale, timeZone)}`;
  return `${day.format(start)} ${format({ timeStyle: 'short' }).formatRange(start, end)}`;
}

/** Only http(s) links become clickable. */
export const safeUrl = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** An error for people: the hub's reason when there is one. */
export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof (error as { reason: unknown }).reason === 'string') return (error as { reason: string }).reason;
  return error instanceof Error ? error.message : String(error);
}

/** Items in a run, with the UI language's separator: "a, b" in English, "a、b" in Chinese. */
export function listText(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(items);
}
