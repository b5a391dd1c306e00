import { analysis } from '../../app/analysis-client';
import type { ShownTransaction } from '../../app/api/import-api';
import type { TransactionFilter } from '../../db/transactions';

/** Fixed row height (px, = 3.5rem at 16px) so the visible slice is a division, not a measurement. */
export const ROW_HEIGHT = 56;
const OVERSCAN = 8;
const PAGE = 100;

export function visibleRange(scrollTop: number, viewportHeight: number, total: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(total, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  return { start, end };
}

/**
 * The rows to render: the visible range, and the row holding keyboard focus wherever it is. A focused row scrolled
 * out of the range would otherwise be taken out of the page, and focus would fall to <body>.
 */
export function renderedIndexes(range: { start: number; end: number }, focused: number | undefined, total: number): number[] {
  const indexes: number[] = [];
  if (focused !== undefined && focused < range.start && focused < total) indexes.push(focused);
  for (let i = range.start; i < range.end; i++) indexes.push(i);
  if (focused !== undefined && focused >= range.end && focused < total) indexes.push(focused);
  return indexes;
}

/** Where a key moves focus from row `index`: arrows one row, Page keys one screenful, Home and End the ends. */
export function rowAfterKey(key: string, index: number, total: number, rowsPerScreen: number): number | undefined {
  const last = total - 1;
  const step = Math.max(1, rowsPerScreen - 1);
  switch (key) {
    case 'ArrowDown': return Math.min(last, index + 1);
    case 'ArrowUp': return Math.max(0, index - 1);
    case 'PageDown': return Math.min(last, index + step);
    case 'PageUp': return Math.max(0, index - step);
    case 'Home': return 0;
    case 'End': return last;
    default: return undefined;
  }
}

/**
 * Pages of 100 rows fetched from the worker for one filter; `changed` fires when a page arrives. `stale`: the cache
 * this one replaces for the same filter (the rows changed), whose rows are shown until their fresh page is in.
 */
export class PageCache {
  private pages = new Map<number, ShownTransaction[] | 'loading'>();

  constructor(private readonly filter: TransactionFilter, private readonly changed: () => void, private stale?: PageCache) {
    // Only one step back: older caches are let go.
    if (stale) stale.stale = undefined;
  }

  /** A row already fetched, without fetching. */
  peek(index: number): ShownTransaction | undefined {
    const page = Math.floor(index / PAGE);
    const rows = this.pages.get(page);
    return rows === undefined || rows === 'loading' ? undefined : rows[index - page * PAGE];
  }

  get(index: number): ShownTransaction | undefined {
    const page = Math.floor(index / PAGE);
    const rows = this.pages.get(page);
    if (rows === undefined) {
      this.pages.set(page, 'loading');
      void analysis().queryTransactions(this.filter, page * PAGE, PAGE).then((result) => {
        this.pages.set(page, result.rows);
        this.changed();
      });
      return this.stale?.peek(index);
    }
    return rows === 'loading' ? this.stale?.peek(index) : rows[index - page * PAGE];
  }
}
