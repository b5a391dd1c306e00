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
