import { parseAmountMinor } from '../../core/money';

/**
 * Form values → doc fields for the operator's forms (pure, so the rules are tested without a browser).
 * `<input type="datetime-local">` gives local wall time without a zone; the doc stores UTC ISO.
 */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The value a datetime-local input shows for `time` (local wall time, minutes). */
export function isoToLocal(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Both prices in integer minor units; the group price must be positive and not above the price. */
export function parsePrices(price: string, groupPrice: string, currency: string): { priceMinor: number; groupPriceMinor: number } | undefined {
  const priceMinor = parseAmountMinor(price.trim(), { currency });
  const groupPriceMinor = parseAmountMinor(groupPrice.trim(), { currency });
  if (priceMinor === null || groupPriceMinor === null || groupPriceMinor <= 0 || groupPriceMinor > priceMinor) return undefined;
  return { priceMinor, groupPriceMinor };
}

/** Poll options from a textarea: one per line, trimmed, no blanks or repeats; ids o1, o2, … */
export function pollOptions(text: string): { id: string; label: string }[] {
  const labels = [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))];
  return labels.map((label, i) => ({ id: `o${i + 1}`, label: label.slice(0, 200) }));
}

/** Audience criteria from a textarea: empty → none; otherwise JSON (an object). */
export function parseAudience(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

export const MUTE_DURATIONS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
