import { checkCriteria, checkStatementNames, type Criteria, type CriteriaProblem, type StatementNamesProblem } from '../../core/circles';
import { parseAmountMinor } from '../../core/money';
import { localDay } from '../../i18n/dates';

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
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A default time `days` ahead, on the next whole hour: 19:00 rather than 19:37, the minute the form opened. */
export function hoursAhead(days: number, now = Date.now()): string {
  const at = new Date(now + days * 86_400_000);
  if (at.getMinutes() || at.getSeconds() || at.getMilliseconds()) at.setHours(at.getHours() + 1, 0, 0, 0);
  return isoToLocal(at.getTime());
}

/** An event's end, when it has one, must come after its start (ISO times from localToIso). */
export const endsAfterStart = (startsAt: string, endsAt: string): boolean => Date.parse(endsAt) > Date.parse(startsAt);

/**
 * A poll's close or a group-buy's deadline must still be ahead: one in the past makes it closed (or failed) the
 * moment it is created.
 */
export const isAhead = (iso: string, now: number): boolean => Date.parse(iso) > now;

/** Prices up to 10,000,000.00 (in minor units, for a two-decimal currency): more is a typo, not a group-buy. */
export const MAX_PRICE_MINOR = 1_000_000_000;

export type PriceProblem = 'not-amount' | 'not-positive' | 'too-large' | 'above-price';

/**
 * Both prices in integer minor units; the group price must be positive and not above the price. A refusal names the
 * field and what is wrong with it, so the form can say it there.
 */
export function parsePrices(price: string, groupPrice: string, currency: string):
  | { ok: true; priceMinor: number; groupPriceMinor: number }
  | { ok: false; field: 'price' | 'groupPrice'; problem: PriceProblem } {
  const read = (text: string): number | PriceProblem => {
    const minor = parseAmountMinor(text.trim(), { currency });
    if (minor === null) return 'not-amount';
    if (minor <= 0) return 'not-positive';
    return minor > MAX_PRICE_MINOR ? 'too-large' : minor;
  };
  const priceMinor = read(price);
  if (typeof priceMinor === 'string') return { ok: false, field: 'price', problem: priceMinor };
  const groupPriceMinor = read(groupPrice);
  if (typeof groupPriceMinor === 'string') return { ok: false, field: 'groupPrice', problem: groupPriceMinor };
  if (groupPriceMinor > priceMinor) return { ok: false, field: 'groupPrice', problem: 'above-price' };
  return { ok: true, priceMinor, groupPriceMinor };
}

/** Capacities and participant counts: whole numbers from 1 to 100,000 (a larger one is a typo). */
export const MAX_PEOPLE = 100_000;
export function parsePeople(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_PEOPLE ? n : undefined;
}

/** How far ahead an event, a deadline or a poll's close may be: five years (9999-12-31 is a typo). */
export const MAX_AHEAD_MS = 5 * 365 * 86_400_000;
export const withinReach = (iso: string, now: number): boolean => Date.parse(iso) - now <= MAX_AHEAD_MS;

/** Poll options from a textarea: one per line, trimmed, no blanks or repeats; ids o1, o2, … */
export function pollOptions(text: string): { id: string; label: string }[] {
  const labels = [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))];
  return labels.map((label, i) => ({ id: `o${i + 1}`, label: label.slice(0, 200) }));
}

/** Names typed into one field: separated by commas (either width), 、 or new lines. */
export function splitNames(text: string): string[] {
  return text.split(/[,，、\n]/).map((name) => name.trim()).filter(Boolean);
}

/** The "names on statements" field, checked the way the hub's rules and every device check it. */
export function parseStatementNames(text: string): { ok: true; names: string[] } | { ok: false; problem: StatementNamesProblem } {
  return checkStatementNames(splitNames(text));
}

/**
 * The audience editor: conditions in one list, all or any of which must hold. Numbers stay text while edited
 * (an empty "within days" means any time). Criteria nested deeper than one list are edited as JSON instead.
 */
export interface AudienceCondition { kind: 'topic' | 'merchant'; topic: string; merchants: string; minCount: string; withinDays: string }
export interface AudienceForm { mode: 'all' | 'any'; conditions: AudienceCondition[] }
export type AudienceResult = { ok: true; value: Criteria | undefined } | { ok: false; condition?: number; problem: CriteriaProblem | { code: 'json'; detail: string; path?: undefined } };

export const emptyCondition = (): AudienceCondition => ({ kind: 'topic', topic: '', merchants: '', minCount: '1', withinDays: '' });

function leafToCondition(c: Criteria): AudienceCondition | undefined {
  if ('all' in c || 'any' in c) return undefined;
  return {
    kind: 'topic' in c ? 'topic' : 'merchant', topic: 'topic' in c ? c.topic : '', merchants: 'merchant' in c ? c.merchant.join(', ') : '',
    minCount: String(c.minCount ?? 1), withinDays: c.withinDays === undefined ? '' : String(c.withinDays),
  };
}

/** The form for stored criteria; undefined when they nest too deep for it (or cannot be read). */
export function audienceToForm(audience: unknown): AudienceForm | undefined {
  if (audience === undefined || audience === null) return { mode: 'all', conditions: [] };
  const checked = checkCriteria(audience);
  if (!checked.ok) return undefined;
  const c = checked.criteria;
  const list = 'all' in c ? c.all : 'any' in c ? c.any : [c];
  const conditions = list.map(leafToCondition);
  if (conditions.some((x) => x === undefined)) return undefined;
  return { mode: 'any' in c ? 'any' : 'all', conditions: conditions as AudienceCondition[] };
}

/** Whole numbers only, as typed: '' → undefined; anything else that is not a whole number → NaN. */
function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** The criteria a filled-in form means, checked the way every device will check them. */
export function formToAudience(form: AudienceForm): AudienceResult {
  const leaves: Criteria[] = [];
  for (let i = 0; i < form.conditions.length; i++) {
    const c = form.conditions[i]!;
    const minCount = wholeNumber(c.minCount);
    const withinDays = wholeNumber(c.withinDays);
    const limits = { ...(minCount !== undefined ? { minCount } : {}), ...(withinDays !== undefined ? { withinDays } : {}) };
    const leaf = c.kind === 'topic'
      ? { topic: c.topic, ...limits }
      : { merchant: splitNames(c.merchants), ...limits };
    const checked = checkCriteria(leaf);
    if (!checked.ok) return { ok: false, condition: i + 1, problem: checked.error };
    leaves.push(checked.criteria);
  }
  if (leaves.length === 0) return { ok: true, value: undefined };
  if (leaves.length === 1) return { ok: true, value: leaves[0] };
  return { ok: true, value: form.mode === 'any' ? { any: leaves } : { all: leaves } };
}

/** Criteria typed as JSON (the advanced editor): empty → none. */
export function parseAudienceJson(text: string): AudienceResult {
  if (!text.trim()) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: { code: 'json', detail: (e as Error).message } };
  }
  const checked = checkCriteria(value);
  return checked.ok ? { ok: true, value: checked.criteria } : { ok: false, problem: checked.error };
}

export const MUTE_DURATIONS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
