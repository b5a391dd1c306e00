import type { Transaction } from '../transaction';
import type { CsvMapping } from './csv-mapping';

export interface SkippedRow {
  /** 1-based physical line in the file (or the sheet row for .xlsx). */
  line: number;
  reason: string;
}

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
}
