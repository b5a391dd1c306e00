/**
 * Purchases per day (day index = days since 1970-01-01) for one merchant of one topic: the evidence that audience
 * criteria such as "3 times in 90 days" are checked against. A Map per merchant cost ~1 entry per row at 1M rows
 * (most of the profile's allocation and GC); a dense counter array over the days seen costs 4 bytes per day.
 */
const MIN_WINDOW = 64;
/** About 45 years: a timestamp farther than that from the rest goes to the (rare) spill map instead. */
const MAX_SPAN = 1 << 14;

export class DayCounts implements Iterable<[number, number]> {
  /** Day index of counts[0]. */
  private first = 0;
  private counts = new Uint32Array(0);
  /** Days the dense window cannot hold: NaN from an unreadable timestamp, or an outlier far from the rest. */
  private spill: Map<number, number> | undefined;
  /** Kept as rows arrive so reading a profile (after every import) does not rescan every merchant's days. */
  private sum = 0;

  add(day: number, n = 1): void {
    this.sum += n;
    const i = day - this.first;
    if (i >= 0 && i < this.counts.length) {
      this.counts[i]! += n;
      return;
    }
    if (Number.isInteger(day) && this.grow(day)) {
      this.counts[day - this.first]! += n;
      return;
    }
    this.spill ??= new Map();
    this.spill.set(day, (this.spill.get(day) ?? 0) + n);
  }

  /** Widens the window to hold `day`, with slack on the growing side so a run of new days reallocates rarely. */
  private grow(day: number): boolean {
    const length = this.counts.length;
    if (!length) {
      this.first = day - (MIN_WINDOW >> 1);
      this.counts = new Uint32Array(MIN_WINDOW);
      return true;
    }
    const low = Math.min(this.first, day);
    const high = Math.max(this.first + length, day + 1);
    if (high - low > MAX_SPAN) return false;
    const slack = Math.max(MIN_WINDOW, length >> 1);
    const from = day < this.first ? low - slack : low;
    const to = day >= this.first + length ? high + slack : high;
    const next = new Uint32Array(to - from);
    next.set(this.counts, this.first - from);
    this.first = from;
    this.counts = next;
    return true;
  }

  get(day: number): number {
    const i = day - this.first;
    return i >= 0 && i < this.counts.length ? this.counts[i]! : (this.spill?.get(day) ?? 0);
  }

  /** Every purchase, including those on unreadable days. */
  total(): number {
    return this.sum;
  }

  /** Purchases on days `after < day <= upTo`. */
  countBetween(after: number, upTo: number): number {
    let n = 0;
    const from = Math.max(0, Math.floor(after) + 1 - this.first);
    const to = Math.min(this.counts.length, Math.floor(upTo) + 1 - this.first);
    for (let i = from; i < to; i++) n += this.counts[i]!;
    if (this.spill) for (const [day, count] of this.spill) if (day > after && day <= upTo) n += count;
    return n;
  }

  /** [day, count] for each day with purchases, dense days in order, then spilled ones. */
  *[Symbol.iterator](): Iterator<[number, number]> {
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]) yield [this.first + i, this.counts[i]!];
    if (this.spill) yield* this.spill;
  }
}
