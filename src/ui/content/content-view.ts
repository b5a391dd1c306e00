import type { Locale } from '../../i18n/index.svelte';

/** Date and time for people, in the UI language. */
export function when(iso: string, locale: Locale): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Only http(s) links become clickable. */
export const safeUrl = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** An error for people: the hub's reason when there is one. */
export function reasonOf(error: unknown): string {
  if (error && typeof error === 'object' && 'reason' in error && typeof (error as { reason: unknown }).reason === 'string') return (error as { reason: string }).reason;
  return error instanceof Error ? error.message : String(error);
}
