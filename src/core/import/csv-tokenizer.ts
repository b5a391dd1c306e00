/**
 * RFC 4180 tokenizer that remembers the physical line each record starts on (quoted cells may span lines), so an
 * error can point at the line a person sees in a text editor. CRLF, LF and lone CR all end a line.
 * Written as one pass over char codes with slices: it runs over 100k-row files.
 */
export interface CsvRow {
  cells: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** True when a quoted cell never closed (the record then runs to the end of the file). */
  unterminated: boolean;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Where rows come from: a whole tokenized file, or a reader that tokenizes as it is asked. */
export interface RowSource {
  /** The next record, or undefined at the end. */
  next(): CsvRow | undefined;
}

/**
 * Reads one record per `next()` call. Streaming matters for big files: rows that are consumed at once die young,
 * while a 100k-row array of cell arrays survives into the old generation and makes every GC expensive.
 */
export class CsvReader implements RowSource {
  private i: number;
  private line: number;
  private readonly delim: number;

  constructor(private readonly text: string, delimiter = ',', start = 0, startLine = 1) {
    this.i = start;
    this.line = startLine;
    this.delim = delimiter.charCodeAt(0);
  }

  next(): CsvRow | undefined {
    const text = this.text;
    const n = text.length;
    const delim = this.delim;
    let i = this.i;
    if (i >= n) return undefined;
    let line = this.line;
    const rowLine = line;
    const cells: string[] = [];
    let unterminated = false;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let segStart = j;
        let value = '';
        for (;;) {
          if (j >= n) {
            value += text.slice(segStart, n);
            unterminated = true;
            break;
          }
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              value += text.slice(segStart, j + 1);
              j += 2;
              segStart = j;
              continue;
            }
            value += text.slice(segStart, j);
            j++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) line++;
          j++;
        }
        // Lenient: text between a closing quote and the delimiter (`"a"b`) is kept rather than lost.
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === CR || c === LF) break;
          k++;
        }
        if (k > j) value += text.slice(j, k);
        cells.push(value);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === CR || c === LF) break;
          k++;
        }
        cells.push(text.slice(i, k));
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    this.i = i;
    this.line = line;
    return { cells, line: rowLine, unterminated };
  }
}

export function tokenizeCsv(text: string, delimiter = ',', start = 0, startLine = 1): CsvRow[] {
  const reader = new CsvReader(text, delimiter, start, startLine);
  const rows: CsvRow[] = [];
  for (let row = reader.next(); row; row = reader.next()) rows.push(row);
  return rows;
}

/** A RowSource over rows already in memory (the xlsx sheet). */
export function rowsOf(rows: CsvRow[]): RowSource {
  let index = 0;
  return { next: () => rows[index++] };
}

export function isBlankRow(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}
