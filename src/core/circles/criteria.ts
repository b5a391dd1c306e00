import type { DayCounts, Profile } from '../profile';
import type { Criteria } from './types';
// With their extensions: the embedded hub loads this module in Node too (src/hub/admin-api.ts).
import { TOPIC_BY_ID } from '../categorize/taxonomy.ts';
import { statementNameMatcher } from './statement-names.ts';

/**
 * Audience criteria, evaluated only on the device against the profile's evidence. A topic that is hidden or
 * sensitive-and-off has no evidence, so it can never satisfy a criterion.
 */
export function evaluateCriteria(criteria: Criteria, profile: Profile): boolean {
  return checkAudience(criteria, profile).met;
}

/** An audience condition with what the profile holds toward it: `have` payments (days with a purchase) of `minCount`. */
export type AudienceCheck =
  | { kind: 'all' | 'any'; met: boolean; parts: AudienceCheck[] }
  | { kind: 'topic'; topic: string; minCount: number; withinDays?: number; have: number; met: boolean }
  | { kind: 'merchant'; names: string[]; minCount: number; withinDays?: number; have: number; met: boolean };

/** The criteria with what the profile holds toward each condition: whether a circle's audience is met, and why not. */
export function checkAudience(criteria: Criteria, profile: Profile): AudienceCheck {
  if ('all' in criteria || 'any' in criteria) {
    const kind = 'all' in criteria ? 'all' : 'any';
    const parts = ('all' in criteria ? criteria.all : criteria.any).map((c) => checkAudience(c, profile));
    return { kind, parts, met: kind === 'all' ? parts.every((p) => p.met) : parts.some((p) => p.met) };
  }
  const minCount = criteria.minCount ?? 1;
  const since = criteria.withinDays === undefined ? -Infinity : profile.nowDay - criteria.withinDays;
  const countDays = (days: DayCounts) => days.countBetween(since, profile.nowDay);
  const within = criteria.withinDays === undefined ? {} : { withinDays: criteria.withinDays };
  let have = 0;
  if ('topic' in criteria) {
    for (const days of profile.evidence.get(criteria.topic)?.values() ?? []) have += countDays(days);
    return { kind: 'topic', topic: criteria.topic, minCount, ...within, have, met: have >= minCount };
  }
  const matches = statementNameMatcher(criteria.merchant);
  for (const merchants of profile.evidence.values()) {
    for (const [name, days] of merchants) if (matches(name)) have += countDays(days);
  }
  return { kind: 'merchant', names: criteria.merchant, minCount, ...within, have, met: have >= minCount };
}

/** Why a value is not audience criteria: where (a JSON path), what (a code the UI words in each language), and the offending text. */
export type CriteriaProblemCode = 'object' | 'depth' | 'mixed' | 'emptyList' | 'unknownField' | 'minCount' | 'withinDays' | 'topicOrMerchant' | 'unknownTopic' | 'merchants';
export type CriteriaProblem = { path: string; code: CriteriaProblemCode; detail?: string };

const MAX_DEPTH = 4;
const MAX_COUNT = 1000;
const MAX_DAYS = 3650;

const isCount = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

/**
 * Checks criteria from the catalog, which everyone downloads: one operator's malformed audience must not break
 * suggestions on every device. Topics must be in this app's taxonomy. Returns the criteria (typed) or the first
 * problem found.
 */
export function checkCriteria(value: unknown, path = 'audience', depth = 0): { ok: true; criteria: Criteria } | { ok: false; error: CriteriaProblem } {
  const fail = (code: CriteriaProblemCode, detail?: string) => ({ ok: false as const, error: { path, code, ...(detail === undefined ? {} : { detail }) } });
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('object');
  if (depth > MAX_DEPTH) return fail('depth', String(MAX_DEPTH));
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  for (const group of ['all', 'any'] as const) {
    if (!(group in v)) continue;
    if (keys.length !== 1) return fail('mixed', group);
    const list = v[group];
    if (!Array.isArray(list) || list.length === 0) return fail('emptyList', group);
    const parts: Criteria[] = [];
    for (let i = 0; i < list.length; i++) {
      const part = checkCriteria(list[i], `${path}.${group}[${i}]`, depth + 1);
      if (!part.ok) return part;
      parts.push(part.criteria);
    }
    return { ok: true, criteria: group === 'all' ? { all: parts } : { any: parts } };
  }
  for (const key of keys) {
    if (!['topic', 'merchant', 'minCount', 'withinDays'].includes(key)) return fail('unknownField', key);
  }
  if (v.minCount !== undefined && !isCount(v.minCount, MAX_COUNT)) return fail('minCount', String(MAX_COUNT));
  if (v.withinDays !== undefined && !isCount(v.withinDays, MAX_DAYS)) return fail('withinDays', String(MAX_DAYS));
  const limits = { ...(v.minCount !== undefined ? { minCount: v.minCount as number } : {}), ...(v.withinDays !== undefined ? { withinDays: v.withinDays as number } : {}) };
  if ('topic' in v === 'merchant' in v) return fail('topicOrMerchant');
  if ('topic' in v) {
    if (typeof v.topic !== 'string' || !TOPIC_BY_ID.has(v.topic)) return fail('unknownTopic', String(v.topic));
    return { ok: true, criteria: { topic: v.topic, ...limits } };
  }
  const merchants = v.merchant;
  if (!Array.isArray(merchants) || merchants.length === 0 || !merchants.every((m) => typeof m === 'string' && m.trim() !== '')) {
    return fail('merchants');
  }
  return { ok: true, criteria: { merchant: merchants.map((m: string) => m.trim()), ...limits } };
}
