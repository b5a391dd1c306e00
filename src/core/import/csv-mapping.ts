/** The column mapping a person picks for a CSV that is not a known layout. Remembered per header signature. */
export type CsvDateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'YYYYMMDD';

export const CSV_DATE_FORMATS: readonly CsvDateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYYMMDD'];

export interface CsvMapping {
  /** Columns are 0-based indexes into the header row of `inspectCsv`. */
  dateColumn: number;
  /** The date part's layout; a time (`HH:mm` or `HH:mm:ss`) after a space or `T` is read too. */
  dateFormat: CsvDateFormat;
  /** Optional separate time column (`HH:mm[:ss]`). */
  timeColumn?: number;
  /** Either one signed amount column... */
  amountColumn?: number;
  /** ...or a debit (money out) and a credit (money in) column. */
  debitColumn?: number;
  creditColumn?: number;
  payeeColumn?: number;
  memoColumn?: number;
  /** Optional column holding the bank's own reference for a row (becomes externalId). */
  referenceColumn?: number;
  decimal: '.' | ',';
  /** ISO 4217 code used for every row. */
  currency: string;
}
