import { RECENT_DAYS, type Profile } from '../profile';
import { statementNameMatcher } from './statement-names';

/** What a person's own payments say about one business: on the device only, for the suggestion's "why". */
export interface PaidAt {
  /** Purchases there, all time. */
  count: number;
  /** Purchases in the last RECENT_DAYS days. */
  recentCount: number;
  /** Day index (days since 1970-01-01) of the latest purchase up to today. */
  lastDay: number;
  /** The statement names as the person's rows spell them, most purchases first (at most 2). */
  names: string[];
  /** The interests (topic ids) those purchases count toward. */
  topics: Set<string>;
}

interface Merchant { name: string; count: number; recentCount: number; lastDay: number; topics: Set<string> }

const merchantsOf = new WeakMap<Profile, Merchant[]>();

/** The profile's merchants across its topics, built once per profile (suggesting reads it for every circle). */
function profileMerchants(profile: Profile): Merchant[] {
  let list = merchantsOf.get(profile);
  if (list) return list;
  const byName = new Map<string, Merchant>();
  for (const [topic, merchants] of profile.evidence) {
    for (const [name, days] of merchants) {
      const count = days.countBetween(-Infinity, profile.nowDay);
      if (count === 0) continue;
      let lastDay = -Infinity;
      for (const [day] of days) if (day <= profile.nowDay && day > lastDay) lastDay = day;
      const recentCount = days.countBetween(profile.nowDay - RECENT_DAYS, profile.nowDay);
      const known = byName.get(name);
      if (known) {
        known.count += count;
        known.recentCount += recentCount;
        known.lastDay = Math.max(known.lastDay, lastDay);
        known.topics.add(topic);
      } else {
        byName.set(name, { name, count, recentCount, lastDay, topics: new Set([topic]) });
      }
    }
  }
  list = [...byName.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  merchantsOf.set(profile, list);
  return list;
}

/** The person's purchases at a business with these statement names, or undefined when there are none. */
export function paidAt(profile: Profile, names: readonly string[]): PaidAt | undefined {
  if (!names.length) return undefined;
  const matches = statementNameMatcher(names);
  let found: PaidAt | undefined;
  for (const m of profileMerchants(profile)) {
    if (!matches(m.name)) continue;
    if (!found) {
      found = { count: m.count, recentCount: m.recentCount, lastDay: m.lastDay, names: [m.name], topics: new Set(m.topics) };
      continue;
    }
    found.count += m.count;
    found.recentCount += m.recentCount;
    found.lastDay = Math.max(found.lastDay, m.lastDay);
    for (const topic of m.topics) found.topics.add(topic);
    if (found.names.length < 2) found.names.push(m.name);
  }
  return found;
}
