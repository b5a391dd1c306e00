import { Categorizer } from '../categorize';
import { TOPIC_BY_ID } from '../categorize/taxonomy';
import type { Transaction } from '../transaction';
import { DayCounts } from './day-counts';
import { digitsAt } from '../digits';

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

/** Spending at one merchant that no signal placed in a topic: what the person can teach the categoriser. */
export interface UnplacedMerchant {
  name: string;
  count: number;
  /** The latest payment's `occurredAt`. */
  last: string;
  /** Whether the name is a counterparty (a correction matches it exactly) or only a description (a rule matches it). */
  counterparty: boolean;
}

export interface TopicAccumulator {
  count: number;
  days: Map<number, DayBucket>;
  /** merchant display name → purchases per day */
  merchants: Map<string, DayCounts>;
  weekend: number;
  /** night 0–6, morning 6–12, afternoon 12–18, evening 18–24 */
  timeOfDay: [number, number, number, number];
  /**
   * The largest payments per currency: amounts in different currencies cannot be ranked against each other, and
   * ranking the bare numbers let ¥3,000 (JPY, minor units are yen) crowd out every CNY payment.
   */
  largest: Map<string, TopTransaction[]>;
  latest: TopTransaction[];
}

export interface AccumulatorFilters {
  excludedTransactions?: Iterable<string>;
  excludedMerchants?: Iterable<string>;
}

const KEEP = 5;
const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD…` timestamp, read from the character codes: at 1M rows a slice and a
 * Date per row were most of the profile's time and garbage. Same result as Date.UTC (days-from-civil).
 */
export function dayIndex(occurredAt: string): number {
  const y = digitsAt(occurredAt, 0, 4);
  const m = digitsAt(occurredAt, 5, 2);
  const d = digitsAt(occurredAt, 8, 2);
  if (y < 1000 || m < 0 || d < 0) return parseDay(occurredAt);
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The slow path for odd timestamps, kept so they give the same (possibly NaN) day as before. */
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
  if (row.kind === 'transfer') return settled(row.status) && TOPIC_BY_ID.get(topic)?.transferSignal === true;
  return isSpending(row);
}

/** Money that really went: not failed, closed or refunded (pending payments count, as the app shows them). */
const settled = (status: ProfileRow['status']): boolean => status !== 'failed' && status !== 'closed' && status !== 'refunded';

/** A payment that counts toward an interest, or would, had a topic been found for it. */
export function isSpending(row: Pick<ProfileRow, 'kind' | 'status'>): boolean {
  return row.kind === 'expense' && settled(row.status);
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

/**
 * What every row with the same counterparty, description, MCC and source category shares: its topic, whether
 * the merchant is excluded, and (once a row counted) its topic's and merchant's accumulators. Real histories
 * repeat a few hundred such keys over 100k+ rows, so each is resolved once per accumulator, not per row.
 */
interface Slot {
  topic: string | null;
  excluded: boolean;
  merchant: string;
  acc: TopicAccumulator | undefined;
  merchantDays: DayCounts | undefined;
  unplaced: UnplacedMerchant | undefined;
  /** The key parts after the counterparty, to check a counterparty's last slot without hashing. */
  description: string;
  category: string | undefined;
  mcc: string | undefined;
}

/** One counterparty's slots, and the one its last row used: a merchant's rows nearly always share it. */
interface SlotGroup {
  last: Slot | undefined;
  /** description → mcc/category key → slot */
  byDescription: Map<string, Map<string, Slot>>;
}

export interface AccumulatorOptions {
  /** false = resolve every row afresh (no slot memo, uncached categoriser): the reference path for tests. */
  memoize?: boolean;
}

export class ProfileAccumulator {
  readonly topics = new Map<string, TopicAccumulator>();
  /** merchant display name → its spending that no topic took */
  readonly unplaced = new Map<string, UnplacedMerchant>();
  rows = 0;
  private excludedTx: Set<string>;
  private excludedMerchants: Set<string>;
  private readonly memoize: boolean;
  private slots = new Map<string, SlotGroup>();
  private categorizerVersion: number;

  constructor(readonly categorizer: Categorizer = new Categorizer(), filters: AccumulatorFilters = {}, options: AccumulatorOptions = {}) {
    this.excludedTx = new Set(filters.excludedTransactions ?? []);
    this.excludedMerchants = new Set([...(filters.excludedMerchants ?? [])].map((m) => m.trim().toLowerCase()));
    this.memoize = options.memoize !== false;
    this.categorizerVersion = categorizer.version;
  }

  add(rows: Iterable<ProfileRow>): void {
    // A rule added to the categoriser since the last batch changes topics from now on; older rows keep theirs.
    if (this.categorizer.version !== this.categorizerVersion) {
      this.slots.clear();
      this.categorizerVersion = this.categorizer.version;
    }
    for (const row of rows) this.addRow(row);
  }

  private slotOf(row: ProfileRow): Slot {
    if (!this.memoize) return this.newSlot(row);
    let group = this.slots.get(row.counterparty);
    if (!group) this.slots.set(row.counterparty, (group = { last: undefined, byDescription: new Map() }));
    const last = group.last;
    if (last && last.description === row.description && last.category === row.category && last.mcc === row.mcc) return last;
    let byRest = group.byDescription.get(row.description);
    if (!byRest) group.byDescription.set(row.description, (byRest = new Map()));
    // Only rows with an MCC pay for a concatenated key; the source category alone is the usual case.
    const rest = row.mcc ? `${row.category ?? ''}\u0001${row.mcc}` : (row.category ?? '');
    let slot = byRest.get(rest);
    if (!slot) byRest.set(rest, (slot = this.newSlot(row)));
    group.last = slot;
    return slot;
  }

  private newSlot(row: ProfileRow): Slot {
    const excluded = this.excludedMerchants.size > 0 && this.excludedMerchants.has(row.counterparty.trim().toLowerCase());
    const { topic } = excluded ? { topic: null } : this.memoize ? this.categorizer.categorize(row) : this.categorizer.categorizeUncached(row);
    return {
      topic, excluded, merchant: row.counterparty || row.description, acc: undefined, merchantDays: undefined, unplaced: undefined,
      description: row.description, category: row.category, mcc: row.mcc,
    };
  }

  /** The last currency key seen, internalised: `bucket.minor[row.currency]` with a string fresh from IndexedDB
   * made V8 look the key up in its string table on every row. */
  private currency = { text: '', key: '' };

  private currencyKey(text: string): string {
    const last = this.currency;
    if (text === last.text) return last.key;
    // A computed property name through a Map would not intern; Object.keys of a literal does.
    const key = Object.keys({ [text]: 0 })[0]!;
    this.currency = { text, key };
    return key;
  }

  private addUnplaced(slot: Slot, row: ProfileRow): void {
    let entry = slot.unplaced;
    if (!entry) {
      entry = this.unplaced.get(slot.merchant);
      if (!entry) this.unplaced.set(slot.merchant, (entry = { name: slot.merchant, count: 0, last: row.occurredAt, counterparty: false }));
      slot.unplaced = entry;
    }
    entry.count++;
    if (row.occurredAt > entry.last) entry.last = row.occurredAt;
    if (row.counterparty) entry.counterparty = true;
  }

  private addRow(row: ProfileRow): void {
    if (this.excludedTx.size && this.excludedTx.has(row.fingerprint)) return;
    const slot = this.slotOf(row);
    const topic = slot.topic;
    if (slot.excluded) return;
    if (!topic) {
      if (isSpending(row)) this.addUnplaced(slot, row);
      return;
    }
    if (!countsTowardProfile(row, topic)) return;
    this.rows++;
    let acc = slot.acc;
    if (!acc) {
      acc = this.topics.get(topic);
      if (!acc) {
        acc = { count: 0, days: new Map(), merchants: new Map(), weekend: 0, timeOfDay: [0, 0, 0, 0], largest: new Map(), latest: [] };
        this.topics.set(topic, acc);
      }
      slot.acc = acc;
    }
    const occurredAt = row.occurredAt;
    const amountMinor = row.amountMinor;
    const day = dayIndex(occurredAt);
    const minor = Math.abs(amountMinor);
    acc.count++;
    const bucket = acc.days.get(day);
    const logMoney = Math.log1p(minor / 100);
    const currency = this.currencyKey(row.currency);
    if (bucket) {
      bucket.count++;
      bucket.logMoney += logMoney;
      bucket.minor[currency] = (bucket.minor[currency] ?? 0) + minor;
    } else acc.days.set(day, { count: 1, logMoney, minor: { [currency]: minor } });
    let merchantDays = slot.merchantDays;
    if (!merchantDays) {
      merchantDays = acc.merchants.get(slot.merchant);
      if (!merchantDays) acc.merchants.set(slot.merchant, (merchantDays = new DayCounts()));
      slot.merchantDays = merchantDays;
    }
    merchantDays.add(day);
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday === 0 || weekday === 6) acc.weekend++;
    if (occurredAt.length >= 13) {
      const hour = (occurredAt.charCodeAt(11) - 48) * 10 + occurredAt.charCodeAt(12) - 48;
      acc.timeOfDay[Math.min(3, Math.floor(hour / 6))]!++;
    }
    let largest = acc.largest.get(currency);
    if (largest && largest.length >= KEEP && acc.latest.length >= KEEP && minor < Math.abs(largest[KEEP - 1]!.amountMinor) && occurredAt < acc.latest[KEEP - 1]!.occurredAt) return;
    const top: TopTransaction = {
      fingerprint: row.fingerprint, occurredAt: row.occurredAt, counterparty: row.counterparty, description: row.description,
      amountMinor: row.amountMinor, currency: row.currency,
    };
    if (!largest) acc.largest.set(currency, (largest = []));
    keepTop(largest, top, byAmount);
    keepTop(acc.latest, top, byDate);
  }
}
