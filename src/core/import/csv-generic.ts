import { parseAmountMinor } from '../money';
import { hash64 } from '../transaction';
import type { CsvDateFormat, CsvMapping } from './csv-mapping';
import { isBlankRow, tokenizeCsv, type CsvRow } from './csv-tokenizer';
import { expandYear, isoFrom, parseTime } from './dates';
import { fileError, lineError } from './errors';
import { finishResult } from './finish';
import { PAUSE_EVERY, type Draft, type ParseOptions, type ParseResult, type SkippedRow } from './types';

/**
 * Any other CSV: `inspectCsv` finds the delimiter and the header row for the mapping screen; with a mapping the
 * rows are read by `parseMappedCsv`. The header signature (delimiter + normalised header cells) is what a saved
 * mapping is remembered by, so the next export from the same bank maps itself.
 */
export interface CsvInspection {
  headers: string[];
  sampleRows: string[][];
  /** 1-based physical line of the header row. */
  headerLine: number;
  delimiter: ',' | ';' | '\t';
  signature: string;
}

const DELIMITERS = [',', ';', '\t'] as const;
const SAMPLE_ROWS = 8;
/** Bank exports sometimes put an account preamble above the table; the header is searched this far down. */
const HEADER_SEARCH = 30;

interface Table {
  rows: CsvRow[];
  /** Index of the header row in `rows`; -1 when no row names the columns. */
  header: number;
  delimiter: CsvInspection['delimiter'];
}

/**
 * The delimiter whose rows agree most on a width above one, and the first row of that width (the header); null when
 * no delimiter splits the head into columns.
 */
function findTable(text: string): Table | null {
  // Only the head decides; tokenising the whole file three times would cost as much as the import.
  const head = text.slice(0, 65536);
  let best: { score: number; delimiter: Table['delimiter']; width: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const rows = tokenizeCsv(head, delimiter).filter((r) => !isBlankRow(r.cells)).slice(0, HEADER_SEARCH + SAMPLE_ROWS);
    const counts = new Map<number, number>();
    for (const r of rows) if (r.cells.length > 1) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    for (const [width, count] of counts) {
      const score = count * 1000 + width;
      if (!best || score > best.score) best = { score, delimiter, width };
    }
  }
  if (!best) return null;
  const rows = tokenizeCsv(text, best.delimiter);
  const limit = Math.min(rows.length, HEADER_SEARCH + 1);
  // Preamble lines are often padded to the table's width (`IBAN …;;;`): a header names most of its columns.
  const named = Math.max(2, Math.ceil(best.width * 0.6));
  for (let r = 0; r < limit; r++) {
    const cells = rows[r].cells;
    if (cells.length !== best.width) continue;
    let filled = 0;
    for (const c of cells) if (c.trim() !== '') filled++;
    if (filled >= named) return { rows, header: r, delimiter: best.delimiter };
  }
  return { rows, header: -1, delimiter: best.delimiter };
}

export function headerSignature(headers: string[], delimiter: string): string {
  const normalised = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  return `csv:${delimiter === '\t' ? 'tab' : delimiter}:${normalised.length}:${hash64(normalised.join('\u0001'))}`;
}

function inspectTable(table: Table): CsvInspection {
  const header = table.rows[table.header];
  const headers = header.cells.map((c) => c.trim());
  const sampleRows: string[][] = [];
  for (let r = table.header + 1; r < table.rows.length && sampleRows.length < SAMPLE_ROWS; r++) {
    if (!isBlankRow(table.rows[r].cells)) sampleRows.push(table.rows[r].cells.map((c) => c.trim()));
  }
  return { headers, sampleRows, headerLine: header.line, delimiter: table.delimiter, signature: headerSignature(headers, table.delimiter) };
}

function tableOrThrow(text: string, fileName: string): Table {
  const table = findTable(text);
  // Only the last record can run to the end of the file. Refused here, when the file is first inspected, rather than
  // after the person mapped its columns: the mapping form's preview would show rows run together into one cell.
  // A quote near the top can swallow every row, so that no delimiter finds columns; any delimiter shows that quote.
  const rows = table?.rows ?? tokenizeCsv(text);
  const last = rows[rows.length - 1];
  if (last?.unterminated && !isBlankRow(last.cells)) throw lineError(fileName, last.line, 'a quoted cell is never closed', 'unclosed-quote');
  if (!table || table.header < 0) throw fileError(fileName, 'no table with columns was found; this does not look like a statement', { code: 'not-a-statement' });
  return table;
}

export function inspectCsvText(text: string, fileName: string): CsvInspection {
  return inspectTable(tableOrThrow(text, fileName));
}

/** Thrown when a CSV is not a known layout and no mapping was given: the UI opens the mapping screen. */
export function needsMapping(text: string, fileName: string): never {
  const inspection = inspectCsvText(text, fileName);
  throw fileError(fileName, 'this CSV layout is not known yet; pick which column is which', {
    code: 'needs-mapping', headers: inspection.headers, inspection,
  });
}

const DATE_PATTERNS: Record<CsvDateFormat, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  'DD/MM/YYYY': /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/,
  'MM/DD/YYYY': /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/,
  'DD.MM.YYYY': /^(\d{1,2})[.\/-](\d{1,2})[.\/-](\d{4}|\d{2})$/,
  YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
};
/** A time after the date, separated by a space or `T`. */
const DATE_AND_TIME = /^(\S+?)(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?$/;

/** Date text in the chosen layout (optionally with a time) → local ISO, or null. */
export function parseMappedDate(text: string, format: CsvDateFormat, timeText = ''): string | null {
  const split = DATE_AND_TIME.exec(text.trim());
  if (!split) return null;
  const m = DATE_PATTERNS[format].exec(split[1]);
  if (!m) return null;
  let year: number, month: number, day: number;
  if (format === 'YYYY-MM-DD' || format === 'YYYYMMDD') [year, month, day] = [+m[1], +m[2], +m[3]];
  else if (format === 'MM/DD/YYYY') [year, month, day] = [expandYear(m[3]), +m[1], +m[2]];
  else [year, month, day] = [expandYear(m[3]), +m[2], +m[1]];
  const time = split[2] ?? timeText.trim();
  if (!time) return isoFrom(year, month, day);
  const t = parseTime(time);
  return t ? isoFrom(year, month, day, t[0], t[1], t[2]) : null;
}

function validateMapping(mapping: CsvMapping, width: number, fileName: string): void {
  const cols = [mapping.dateColumn, mapping.amountColumn, mapping.debitColumn, mapping.creditColumn, mapping.payeeColumn, mapping.memoColumn, mapping.timeColumn, mapping.referenceColumn];
  const inRange = cols.every((c) => c === undefined || (Number.isInteger(c) && c >= 0 && c < width));
  const hasAmount = mapping.amountColumn !== undefined || (mapping.debitColumn !== undefined && mapping.creditColumn !== undefined);
  if (!inRange || !hasAmount || !/^[A-Z]{3}$/.test(mapping.currency) || !(mapping.dateFormat in DATE_PATTERNS)) {
    throw fileError(fileName, `the column mapping does not fit this file's ${width} columns`, { code: 'bad-mapping', params: { width } });
  }
}

export async function parseMappedCsv(text: string, fileName: string, mapping: CsvMapping, pause?: ParseOptions['pause']): Promise<ParseResult> {
  const table = tableOrThrow(text, fileName);
  const header = table.rows[table.header];
  validateMapping(mapping, header.cells.length, fileName);
  const { currency, decimal } = mapping;
  const cell = (cells: string[], col: number | undefined): string => (col === undefined ? '' : (cells[col] ?? '').trim());
  const amount = (text: string, line: number, what: 'amount' | 'debit' | 'credit'): number | null => {
    if (text === '') return null;
    const v = parseAmountMinor(text, { decimal, currency });
    if (v === null) throw lineError(fileName, line, `${what} '${text}' is not an amount with '${decimal}' as the decimal separator`, 'bad-amount', { field: what, value: text, decimal });
    return v;
  };
  const drafts: Draft[] = [];
  const skipped: SkippedRow[] = [];
  for (let r = table.header + 1; r < table.rows.length; r++) {
    if (pause && (r - table.header) % PAUSE_EVERY === 0) await pause(drafts.length);
    const { cells, line, unterminated } = table.rows[r];
    if (isBlankRow(cells)) continue;
    if (unterminated) throw lineError(fileName, line, 'a quoted cell is never closed', 'unclosed-quote');
    // Text past the header's last column means a value split at a comma it should have quoted (`-1,234.50`):
    // reading on would book the part before the comma, -1.00. Empty extra cells (a trailing delimiter) are harmless.
    if (cells.length > header.cells.length && cells.slice(header.cells.length).some((extra) => extra.trim() !== '')) {
      throw lineError(fileName, line, `the row has ${cells.length} cells where the header has ${header.cells.length}: a value may hold a comma without quotes`, 'extra-cells', { count: cells.length, width: header.cells.length });
    }
    const dateText = cell(cells, mapping.dateColumn);
    let amountMinor: number | null;
    if (mapping.amountColumn !== undefined) {
      amountMinor = amount(cell(cells, mapping.amountColumn), line, 'amount');
    } else {
      const debit = amount(cell(cells, mapping.debitColumn), line, 'debit');
      const credit = amount(cell(cells, mapping.creditColumn), line, 'credit');
      amountMinor = debit === null && credit === null ? null : (credit === null ? 0 : Math.abs(credit)) - (debit === null ? 0 : Math.abs(debit));
    }
    // Banks close tables with balance or total lines that have no date: they are no transactions.
    if (dateText === '') {
      skipped.push({ line, reason: 'the row has no date', code: 'no-date' });
      continue;
    }
    const occurredAt = parseMappedDate(dateText, mapping.dateFormat, cell(cells, mapping.timeColumn));
    if (occurredAt === null) throw lineError(fileName, line, `date '${dateText}' does not match the format ${mapping.dateFormat}`, 'bad-date', { value: dateText, format: mapping.dateFormat });
    if (amountMinor === null) throw lineError(fileName, line, 'the row has no amount', 'no-amount');
    const draft: Draft = {
      occurredAt,
      amountMinor,
      currency,
      counterparty: cell(cells, mapping.payeeColumn),
      description: cell(cells, mapping.memoColumn),
      kind: amountMinor < 0 ? 'expense' : 'income',
      status: 'completed',
      source: 'csv',
    };
    const reference = cell(cells, mapping.referenceColumn).replace(/[\t ]+/g, '');
    if (reference) draft.externalId = reference;
    drafts.push(draft);
  }
  return finishResult('csv', drafts, skipped);
}
