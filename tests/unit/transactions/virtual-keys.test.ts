import { describe, expect, it } from 'vitest';
import { renderedIndexes, rowAfterKey } from '../../../src/ui/transactions/virtual';

describe('the transactions list and the keyboard', () => {
  it('keeps the focused row rendered wherever it is, in order, once', () => {
    expect(renderedIndexes({ start: 10, end: 13 }, undefined, 100)).toEqual([10, 11, 12]);
    expect(renderedIndexes({ start: 10, end: 13 }, 11, 100)).toEqual([10, 11, 12]);
    expect(renderedIndexes({ start: 10, end: 13 }, 2, 100)).toEqual([2, 10, 11, 12]);
    expect(renderedIndexes({ start: 10, end: 13 }, 80, 100)).toEqual([10, 11, 12, 80]);
    // The rows changed under it (a filter): a row past the end is not made up.
    expect(renderedIndexes({ start: 0, end: 3 }, 80, 3)).toEqual([0, 1, 2]);
  });

  it('moves one row, a screenful, or to the ends, and never past them', () => {
    expect(rowAfterKey('ArrowDown', 5, 100, 12)).toBe(6);
    expect(rowAfterKey('ArrowDown', 99, 100, 12)).toBe(99);
    expect(rowAfterKey('ArrowUp', 0, 100, 12)).toBe(0);
    expect(rowAfterKey('PageDown', 5, 100, 12)).toBe(16);
    expect(rowAfterKey('PageDown', 95, 100, 12)).toBe(99);
    expect(rowAfterKey('PageUp', 5, 100, 12)).toBe(0);
    expect(rowAfterKey('Home', 50, 100, 12)).toBe(0);
    expect(rowAfterKey('End', 50, 100, 12)).toBe(99);
    expect(rowAfterKey('Enter', 50, 100, 12)).toBeUndefined();
  });
});
