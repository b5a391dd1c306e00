import { Categorizer } from '../categorize';
import { TOPIC_BY_ID } from '../categorize/taxonomy';
import type { Transaction } from '../transaction';

/**
 * Order-independent sums per topic, per day and per merchant. Adding rows in any order and any batches gives
 * the same state, which is what makes "update from the new rows only" equal to a full rebuild; time decay is
 * applied only when the profile is read (see finalize.ts), relative to `now`.
 */
export type ProfileRow = Pick<Transaction, 'occurredAt' | 'amountMinor' | 'currency' | 'counterparty' | 'description' | 'kind' | 'status' | 'fingerprint'> &
  Partial<Pick<Transaction, 'mcc' | 'category'>>;

/** `minor`: spent that day per currency, in integer minor units. */
export interface DayBucket { count: number; logMoney: number; minor: Record<string, number> }
export interface TopTransaction { fingerprint: string; occurredAt: string; counterparty: string; description: string; amountMinor: number; currency: string }

export interface TopicAccumulator {
  count: number;
  days: Map<number, DayBucket>;
  /** merchant display name → day → count */
  merchants: Map<string, Map<number, number>>;
  weekend: number;
  /** night 0–6, morning 6–12, afternoon 12–18, evening 18–24 */
  timeOfDay: [number, number, number, number];
  largest: TopTransaction[];
  latest: TopTransaction[];
}

export interface AccumulatorFilters {
  excludedTransactions?: Iterable<string>;
  excludedMerchants?: Iterable<string>;
}

const KEEP = 5;
const MS_PER_DAY = 86_400_000;

const dayCache = new Map<string, number>();

export function dayIndex(occurredAt: string): number {
  const date = occurredAt.length === 10 ? occurredAt : occurredAt.slice(0, 10);
  let day = dayCache.get(date);
  if (day === undefined) {
    day = parseDay(date);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(date, day);
  }
  return day;
}

function parseDay(occurredAt: string): number {
  const y = +occurredAt.slice(0, 4);
  const m = +occurredAt.slice(5, 7);
  const d = +occurredAt.slice(8, 10);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function dayIndexOfDate(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / MS_PER_DAY;
}

/** Whether a row says something about interests: completed spending, or money moved into investments. */
export function countsTowardProfile(row: Pick<ProfileRow, 'kind' | 'status' | 'amountMinor'>, topic: string): boolean {
  if (row.status === 'failed' || row.status === 'closed' || row.status === 'refunded') return false;
  if (row.kind === 'expense') return true;
  if (row.kind === 'transfer') return TOPIC_BY_ID.get(topic)?.transferSignal === true;
  return false;
}

const byAmount = (a: TopTransaction, b: TopTransaction) =>
  Math.abs(b.amountMinor) - Math.abs(a.amountMinor) || b.occurredAt.localeCompare(a.occurredAt) || a.fingerprint.localeCompare(b.fingerprint);
const byDate = (a: TopTransaction, b: TopTransaction) =>
  b.occurredAt.localeCompare(a.occurredAt) || a.fingerprint.localeCompare(b.fingerprint);

/** Keep the best KEEP under a total order: the result does not depend on insertion order. */
function keepTop(list: TopTransaction[], item: TopTransaction, order: (a: TopTransaction, b: TopTransaction) => number): void {
  if (list.length >= KEEP && order(item, list[list.length - 1]!) >= 0) return;
  if (list.some((t) => t.fingerprint === item.fingerprint)) return;
  list.push(item);
  list.sort(order);
  if (list.length > KEEP) list.pop();
}

export class ProfileAccumulator {
  readonly topics = new Map<string, TopicAccumulator>();
  rows = 0;
  private excludedTx: Set<string>;
  private excludedMerchants: Set<string>;

  constructor(readonly categorizer: Categorizer = new Categorizer(), filters: AccumulatorFilters = {}) {
    this.excludedTx = new Set(filters.excludedTransactions ?? []);
    this.excludedMerchants = new Set([...(filters.excludedMerchants ?? [])].map((m) => m.trim().toLowerCase()));
  }

  add(rows: Iterable<ProfileRow>): void {
    for (const row of rows) this.addRow(row);
  }

  private addRow(row: ProfileRow): void {
    if (this.excludedTx.size && this.excludedTx.has(row.fingerprint)) return;
    if (this.excludedMerchants.size && this.excludedMerchants.has(row.counterparty.trim().toLowerCase())) return;
    const { topic } = this.categorizer.categorize(row);
    if (!topic || !countsTowardProfile(row, topic)) return;
    this.rows++;
    let acc = this.topics.get(topic);
    if (!acc) {
      acc = { count: 0, days: new Map(), merchants: new Map(), weekend: 0, timeOfDay: [0, 0, 0, 0], largest: [], latest: [] };
      this.topics.set(topic, acc);
    }
    const day = dayIndex(row.occurredAt);
    const major = Math.abs(row.amountMinor) / 100;
    acc.count++;
    const bucket = acc.days.get(day);
    const logMoney = Math.log1p(major);
    const minor = Math.abs(row.amountMinor);
    if (bucket) {
      bucket.count++;
      bucket.logMoney += logMoney;
      bucket.minor[row.currency] = (bucket.minor[row.currency] ?? 0) + minor;
    } else acc.days.set(day, { count: 1, logMoney, minor: { [row.currency]: minor } });
    const merchant = row.counterparty || row.description;
    let merchantDays = acc.merchants.get(merchant);
    if (!merchantDays) acc.merchants.set(merchant, (merchantDays = new Map()));
    merchantDays.set(day, (merchantDays.get(day) ?? 0) + 1);
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday === 0 || weekday === 6) acc.weekend++;
    if (row.occurredAt.length >= 13) {
      const hour = (row.occurredAt.charCodeAt(11) - 48) * 10 + row.occurredAt.charCodeAt(12) - 48;
      acc.timeOfDay[Math.min(3, Math.floor(hour / 6))]!++;
    }
    if (acc.largest.length >= KEEP && acc.latest.length >= KEEP && minor < Math.abs(acc.largest[KEEP - 1]!.amountMinor) && row.occurredAt < acc.latest[KEEP - 1]!.occurredAt) return;
    const top: TopTransaction = {
      fingerprint: row.fingerprint, occurredAt: row.occurredAt, counterparty: row.counterparty, description: row.description,
      amountMinor: row.amountMinor, currency: row.currency,
    };
    keepTop(acc.largest, top, byAmount);
    keepTop(acc.latest, top, byDate);
  }
}
