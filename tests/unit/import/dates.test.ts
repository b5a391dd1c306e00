import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateTimeByPattern, normalizeDateTime } from '../../../src/core/import/dates';

describe('normalizeDateTime', () => {
  it('reads the common shapes as local ISO, and refuses impossible dates and times', () => {
    expect(normalizeDateTime('2025-05-25 12:34:56')).toBe('2025-05-25T12:34:56');
    expect(normalizeDateTime('2025-05-25T12:34:56')).toBe('2025-05-25T12:34:56');
    expect(normalizeDateTime('2024/5/3 8:15')).toBe('2024-05-03T08:15:00');
    expect(normalizeDateTime('2024-02-29')).toBe('2024-02-29');
    expect(normalizeDateTime('2023-02-29 10:00:00')).toBeNull();
    expect(normalizeDateTime('2025-05-25 24:00:00')).toBeNull();
    expect(normalizeDateTime('2025-13-01 10:00:00')).toBeNull();
    expect(normalizeDateTime('yesterday')).toBeNull();
  });

  it('the fast path for `YYYY-MM-DD HH:mm:ss` agrees with the general pattern on every such text', () => {
    const digit = fc.constantFrom(...'0123456789');
    const chars = (n: number) => fc.array(fc.oneof(digit, digit, digit, fc.constantFrom('-', ':', ' ', 'T', 'x', '/')), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const shaped = fc.tuple(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom(' ', 'T'))
      .map(([y, mo, d, h, mi, s, sep]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}${sep}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`);
    fc.assert(fc.property(fc.oneof(shaped, chars(19)), (text) => {
      expect(normalizeDateTime(text)).toBe(dateTimeByPattern(text));
    }), { numRuns: 3000 });
  });
});
