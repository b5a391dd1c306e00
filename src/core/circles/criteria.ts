import type { DayCounts, Profile } from '../profile';
import type { Criteria } from './types';

/**
 * Audience criteria, evaluated only on the device against the profile's evidence. A topic that is hidden or
 * sensitive-and-off has no evidence, so it can never satisfy a criterion.
 */
export function evaluateCriteria(criteria: Criteria, profile: Profile): boolean {
  if ('all' in criteria) return criteria.all.every((c) => evaluateCriteria(c, profile));
  if ('any' in criteria) return criteria.any.some((c) => evaluateCriteria(c, profile));
  const minCount = criteria.minCount ?? 1;
  const since = criteria.withinDays === undefined ? -Infinity : profile.nowDay - criteria.withinDays;
  const countDays = (days: DayCounts) => days.countBetween(since, profile.nowDay);
  let total = 0;
  if ('topic' in criteria) {
    for (const days of profile.evidence.get(criteria.topic)?.values() ?? []) total += countDays(days);
    return total >= minCount;
  }
  const wanted = criteria.merchant.map((m) => m.toLowerCase());
  for (const merchants of profile.evidence.values()) {
    for (const [name, days] of merchants) {
      const lower = name.toLowerCase();
      if (wanted.some((w) => lower.includes(w))) total += countDays(days);
    }
  }
  return total >= minCount;
}
