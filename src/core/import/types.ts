import type { Transaction } from '../transaction';
import type { CsvMapping } from './csv-mapping';

export interface SkippedRow {
  /** 1-based physical line in the file (or the sheet row for .xlsx). */
  line: number;
  /** In English; the screen words the common ones from `code` and `params` in the UI language instead. */
  reason: string;
  code?: SkipCode;
  params?: Record<string, string | number>;
}

/**
 * Why a row was skipped: `few-cells` { count, expected }, `bad-date` { value }, `bad-amount` { value },
 * `unclosed-quote`, `no-date`; and Quanzi's own CSV's: `date-year-first` { value }, `bad-currency` { value },
 * `bad-kind` and `bad-status` { value, allowed } (the words the file's language accepts), `bad-fingerprint` { value },
 * `repeated-fingerprint` { value }.
 */
export type SkipCode =
  | 'few-cells' | 'bad-date' | 'bad-amount' | 'unclosed-quote' | 'no-date'
  | 'date-year-first' | 'bad-currency' | 'bad-kind' | 'bad-status' | 'bad-fingerprint' | 'repeated-fingerprint';

export interface ParseResult {
  format: string;
  transactions: Transaction[];
  skipped: SkippedRow[];
}

/** A transaction before fingerprints are assigned (they depend on the whole file). */
export type Draft = Omit<Transaction, 'fingerprint'>;

export interface ParseOptions {
  /** Column mapping for a CSV that is not a known layout. */
  csvMapping?: CsvMapping;
  /** Currency for formats that do not state one (QIF). Defaults to USD. */
  defaultCurrency?: string;
  /**
   * Awaited every PAUSE_EVERY rows of the large formats with the rows read so far. The worker yields to its
   * message queue there (so a Cancel can arrive during a long parse) and throws to stop; what it throws passes
   * through parseStatement unchanged.
   */
  pause?: (rowsSoFar: number) => Promise<void>;
}

export const PAUSE_EVERY = 8192;
