import { describe, expect, it } from 'vitest';
import { DayCounts } from '../../../src/core/profile';

// The dense per-day counter must answer exactly like the Map it replaced, whatever order days arrive in.
describe('DayCounts', () => {
  it('matches a Map of day → count for totals, ranges and iteration', () => {
    const counts = new DayCounts();
    const reference = new Map<number, number>();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    // Days wander both ways from a start, plus a far outlier (spilled) and an unreadable one (NaN).
    const days = [20_000, 19_990, 20_400, ...Array.from({ length: 3000 }, () => 19_500 + Math.floor(rnd() * 1500)), 0, Number.NaN, 20_000];
    for (const day of days) {
      counts.add(day);
      reference.set(day, (reference.get(day) ?? 0) + 1);
    }
    const sum = (keep: (day: number) => boolean) => [...reference].reduce((n, [day, c]) => n + (keep(day) ? c : 0), 0);
    expect(counts.total()).toBe(days.length);
    for (const [after, upTo] of [[19_600, 20_000], [-Infinity, Infinity], [19_999.5, 20_000], [-1, 0], [30_000, 40_000]] as const) {
      expect(counts.countBetween(after, upTo)).toBe(sum((day) => day > after && day <= upTo));
    }
    expect(counts.get(20_000)).toBe(reference.get(20_000));
    expect(counts.get(0)).toBe(1);
    expect(counts.get(12_345)).toBe(0);
    const entries = [...counts];
    expect(new Map(entries.filter(([d]) => !Number.isNaN(d)))).toEqual(new Map([...reference].filter(([d]) => !Number.isNaN(d))));
    expect(entries.filter(([d]) => Number.isNaN(d))).toEqual([[Number.NaN, 1]]);
  });
});
