import { Categorizer, type UserRule } from '../categorize';
import { TOPIC_BY_ID } from '../categorize/taxonomy';
import type { DayCounts } from './day-counts';
import { ProfileAccumulator, dayIndexOfDate, type ProfileRow, type TopTransaction, type UnplacedMerchant } from './accumulator';

export { DayCounts } from './day-counts';
export { ProfileAccumulator, dayIndex, dayIndexOfDate, countsTowardProfile, isSpending, type ProfileRow, type TopTransaction, type UnplacedMerchant } from './accumulator';

export interface ProfileOptions {
  now?: Date;
  halfLifeDays?: number;
  /** Sensitive topics the person turned on; all others stay out. */
  enabledSensitive?: string[];
  hiddenTopics?: string[];
  boostedTopics?: string[];
  excludedTransactions?: string[];
  excludedMerchants?: string[];
  paused?: boolean;
  rules?: UserRule[];
  categorizer?: Categorizer;
}

export interface ProfileTopic {
  id: string;
  score: number;
  /** score / best score, 0..1 */
  weight: number;
  count: number;
  /** Purchases in the last RECENT_DAYS days, and where. */
  recentCount: number;
  recentMerchants: string[];
  merchants: { name: string; count: number }[];
  /** The five largest payments in each currency, currencies in code order. */
  largest: TopTransaction[];
  latest: TopTransaction[];
  weekendShare: number;
  peakTimeOfDay: 'night' | 'morning' | 'afternoon' | 'evening' | null;
  noise: boolean;
  boosted: boolean;
}

export interface Profile {
  nowDay: number;
  halfLifeDays: number;
  paused: boolean;
  rows: number;
  topics: ProfileTopic[];
  /** Per eligible topic: merchant → purchases per day. Lives in the worker for audience criteria; never leaves the device. */
  evidence: Map<string, Map<string, DayCounts>>;
  /** Per eligible topic: `YYYY-MM|currency` → minor units spent. */
  months: Map<string, Map<string, number>>;
  unplaced: UnplacedSummary;
}

/** Spending no topic took: the merchants with the most payments first, and the totals over all of them. */
export interface UnplacedSummary {
  merchants: UnplacedMerchant[];
  merchantCount: number;
  payments: number;
}

/** How many unplaced merchants a profile lists; the totals still cover every one. */
export const UNPLACED_SHOWN = 10;

function summariseUnplaced(acc: ProfileAccumulator): UnplacedSummary {
  const all = [...acc.unplaced.values()];
  all.sort((a, b) => b.count - a.count || b.last.localeCompare(a.last) || a.name.localeCompare(b.name));
  return {
    merchants: all.slice(0, UNPLACED_SHOWN).map((m) => ({ ...m })),
    merchantCount: all.length,
    payments: all.reduce((sum, m) => sum + m.count, 0),
  };
}

export const RECENT_DAYS = 60;
const NOISE_FACTOR = 0.2;
const BOOST_FACTOR = 1.5;
const TIMES = ['night', 'morning', 'afternoon', 'evening'] as const;

/** Read an accumulator as a profile at `now`: decay, scoring, controls, explanations. */
export function finalizeProfile(acc: ProfileAccumulator, options: ProfileOptions = {}): Profile {
  const nowDay = dayIndexOfDate(options.now ?? new Date());
  const halfLifeDays = options.halfLifeDays ?? 90;
  const paused = options.paused === true;
  const enabled = new Set(options.enabledSensitive ?? []);
  const hidden = new Set(options.hiddenTopics ?? []);
  const boosted = new Set(options.boostedTopics ?? []);
  const topics: ProfileTopic[] = [];
  const evidence: Profile['evidence'] = new Map();
  const months: Profile['months'] = new Map();
  if (!paused) {
    for (const [id, t] of acc.topics) {
      const topic = TOPIC_BY_ID.get(id);
      if (!topic || hidden.has(id) || (topic.sensitive && !enabled.has(id))) continue;
      evidence.set(id, t.merchants);
      const byMonth = new Map<string, number>();
      months.set(id, byMonth);
      let decayedCount = 0;
      let decayedMoney = 0;
      let recentCount = 0;
      // Sorted days make the floating-point sums independent of the order rows arrived in.
      for (const day of [...t.days.keys()].sort((a, b) => a - b)) {
        const bucket = t.days.get(day)!;
        const age = Math.max(0, nowDay - day);
        const decay = Math.pow(0.5, age / halfLifeDays);
        decayedCount += bucket.count * decay;
        decayedMoney += bucket.logMoney * decay;
        const month = new Date(day * 86_400_000).toISOString().slice(0, 7);
        for (const currency in bucket.minor) byMonth.set(`${month}|${currency}`, (byMonth.get(`${month}|${currency}`) ?? 0) + bucket.minor[currency]!);
        if (age < RECENT_DAYS) recentCount += bucket.count;
      }
      const merchantTotals: { name: string; count: number; recent: number }[] = [];
      for (const [name, days] of t.merchants) {
        // nowDay - day < RECENT_DAYS, future days included
        merchantTotals.push({ name, count: days.total(), recent: days.countBetween(nowDay - RECENT_DAYS, Infinity) });
      }
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      merchantTotals.sort((a, b) => b.count - a.count || byName(a, b));
      const frequency = Math.log1p(decayedCount);
      const monetary = Math.log1p(decayedMoney);
      const breadth = Math.log1p(t.merchants.size);
      const peak = Math.max(...t.timeOfDay);
      const timed = t.timeOfDay.reduce((a, b) => a + b, 0);
      // A habit tied to a time or to weekends is a stronger interest signal than scattered spending.
      const weekendShare = t.weekend / t.count;
      const regularity = timed ? peak / timed : 0.25;
      const context = 1 + 0.15 * regularity + 0.1 * Math.abs(weekendShare - 2 / 7);
      let score = (1.0 * frequency + 0.6 * monetary + 0.4 * breadth) * context;
      if (topic.noise) score *= NOISE_FACTOR;
      if (boosted.has(id)) score *= BOOST_FACTOR;
      score = Math.round(score * 1e9) / 1e9;
      if (score <= 0) continue;
      topics.push({
        id, score, weight: 0, count: t.count, recentCount,
        recentMerchants: merchantTotals.filter((m) => m.recent > 0).sort((a, b) => b.recent - a.recent || byName(a, b)).slice(0, 2).map((m) => m.name),
        merchants: merchantTotals.slice(0, 5).map(({ name, count }) => ({ name, count })),
        largest: largestPerCurrency(t.largest), latest: [...t.latest],
        weekendShare: Math.round(weekendShare * 1000) / 1000,
        peakTimeOfDay: timed ? TIMES[t.timeOfDay.indexOf(peak)]! : null,
        noise: topic.noise === true, boosted: boosted.has(id),
      });
    }
  }
  topics.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const best = topics[0]?.score ?? 1;
  for (const t of topics) t.weight = Math.round((t.score / best) * 1e6) / 1e6;
  const unplaced = paused ? { merchants: [], merchantCount: 0, payments: 0 } : summariseUnplaced(acc);
  return { nowDay, halfLifeDays, paused, rows: acc.rows, topics, evidence, months, unplaced };
}

/** Full build: categorise every row, accumulate, finalize. */
export function buildProfile(transactions: Iterable<ProfileRow>, options: ProfileOptions = {}): Profile {
  const acc = new ProfileAccumulator(options.categorizer ?? new Categorizer(options.rules ?? []), options);
  acc.add(transactions);
  return finalizeProfile(acc, options);
}

/** In currency code order, so that the profile does not depend on which currency's rows came first. */
function largestPerCurrency(largest: Map<string, TopTransaction[]>): TopTransaction[] {
  return [...largest.keys()].sort().flatMap((currency) => largest.get(currency)!);
}

/**
 * A topic's largest payments as a list people can read: amounts in different currencies cannot be ranked against
 * each other without exchange rates (CA$42.17 above ¥36.00 above US$12.50 said nothing), so each currency's payments
 * stand together, largest first; the currency with the most of them comes first.
 */
export function largestInCurrencyOrder(list: readonly TopTransaction[]): TopTransaction[] {
  const perCurrency = new Map<string, number>();
  for (const tx of list) perCurrency.set(tx.currency, (perCurrency.get(tx.currency) ?? 0) + 1);
  return [...list].sort((a, b) => (perCurrency.get(b.currency)! - perCurrency.get(a.currency)!) || a.currency.localeCompare(b.currency)
    || Math.abs(b.amountMinor) - Math.abs(a.amountMinor) || b.occurredAt.localeCompare(a.occurredAt));
}
