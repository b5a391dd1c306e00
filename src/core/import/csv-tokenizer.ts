/**
 * RFC 4180 tokenizer that remembers the physical line each record starts on (quoted cells may span lines), so an
 * error can point at the line a person sees in a text editor. CRLF, LF and lone CR all end a line.
 * Written as one pass over char codes: it runs over 100k-row files.
 */
export interface CsvRow {
  cells: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** True when a quoted cell never closed (the record then runs to the end of the file). */
  unterminated: boolean;
}

/**
 * One record at a time, its cells read on demand. The ledger importers read 9 of a row's 12 cells: making strings
 * (and a cells array, and a row object) only for what is read halved the garbage of a 100k-row import.
 */
export interface RowCursor {
  /** Moves to the next record; false at the end. */
  advance(): boolean;
  /** 1-based physical line where the current record starts. */
  readonly line: number;
  readonly unterminated: boolean;
  /** Cells in the current record. */
  readonly count: number;
  /** Cell i of the current record, '' when the record has fewer cells. */
  cell(i: number): string;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Every code at or above DEL may need decoding in a byte-level reader (see gbk-text.ts). */
const HIGH = 0x7f;

const PLAIN = 0;
/** Flag: the cell holds codes ≥ 0x7f. */
const HAS_HIGH = 1;
/** Flag: the value was built while scanning (escaped quotes, text after the closing quote, unterminated). */
const BUILT = 2;

/**
 * Reads one record per `advance()`. Streaming matters for big files: rows that are consumed at once die young,
 * while a 100k-row array of cell arrays survives into the old generation and makes every GC expensive.
 *
 * Cells are kept as [start, end) offsets into the text and cut on demand. `cut` is the one place a cell becomes a
 * string, so a reader over undecoded bytes (GbkCsvReader) only has to override it.
 */
export class CsvReader implements RowCursor {
  private i: number;
  private nextLine: number;
  private readonly delim: number;
  private starts = new Int32Array(32);
  private ends = new Int32Array(32);
  private flags = new Uint8Array(32);
  private built: string[] = [];
  line = 0;
  unterminated = false;
  count = 0;

  constructor(protected text: string, delimiter = ',', start = 0, startLine = 1) {
    this.i = start;
    this.nextLine = startLine;
    this.delim = delimiter.charCodeAt(0);
  }

  /**
   * Readers that hand over their input in blocks: `nextBlock` sets the block after the current one as `text`,
   * `extendBlock(from)` sets a longer block that starts at `from` in the current one (a record ran past the end),
   * and `lastBlock` says whether the text ends the input. Offsets in `text` restart at 0 with every block.
   */
  protected nextBlock(): boolean {
    return false;
  }

  protected extendBlock(from: number): void {
    void from;
  }

  protected get lastBlock(): boolean {
    return true;
  }

  /** The string for text[start, end); `high` says whether a code ≥ 0x7f is in it. */
  protected cut(start: number, end: number, high: boolean): string {
    void high;
    return this.text.slice(start, end);
  }

  private push(start: number, end: number, flags: number, value?: string): void {
    const n = this.count;
    if (n === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (k) => new Int32Array(k));
      this.ends = grow(this.ends, (k) => new Int32Array(k));
      this.flags = grow(this.flags, (k) => new Uint8Array(k));
    }
    this.starts[n] = start;
    this.ends[n] = end;
    this.flags[n] = flags;
    if (value !== undefined) this.built[n] = value;
    this.count = n + 1;
  }

  cell(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const flags = this.flags[i];
    if (flags & BUILT) return this.built[i];
    return this.cut(this.starts[i], this.ends[i], (flags & HAS_HIGH) !== 0);
  }

  advance(): boolean {
    for (;;) {
      this.count = 0;
      if (this.i >= this.text.length) {
        if (!this.nextBlock()) return false;
        this.i = 0;
      }
      if (this.scanRecord()) return true;
      // The record ran past the end of a block: read it again from a block that starts where it starts.
      this.extendBlock(this.i);
      this.i = 0;
    }
  }

  /** Reads the record at `i`; false (and nothing kept) when it runs past the end of a block that is not the last. */
  private scanRecord(): boolean {
    const text = this.text;
    const n = text.length;
    const delim = this.delim;
    const last = this.lastBlock;
    let i = this.i;
    let line = this.nextLine;
    this.line = line;
    this.unterminated = false;
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        const first = j;
        let segStart = j;
        let value: string | undefined;
        let high = 0;
        for (;;) {
          if (j >= n) {
            if (!last) return false;
            value = (value ?? '') + this.cut(segStart, n, high !== 0);
            this.unterminated = true;
            break;
          }
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (text.charCodeAt(j + 1) === QUOTE) {
              value = (value ?? '') + this.cut(segStart, j + 1, high !== 0);
              high = 0;
              j += 2;
              segStart = j;
              continue;
            }
            if (j + 1 >= n && !last) return false;
            if (value !== undefined) value += this.cut(segStart, j, high !== 0);
            j++;
            break;
          }
          if (c >= HIGH) high = HAS_HIGH;
          else if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) line++;
          j++;
        }
        // Lenient: text between a closing quote and the delimiter (`"a"b`) is kept rather than lost.
        let k = j;
        let tailHigh = false;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === CR || c === LF) break;
          if (c >= HIGH) tailHigh = true;
          k++;
        }
        if (k >= n && !last) return false;
        if (k > j) value = (value ?? this.cut(first, j - 1, high !== 0)) + this.cut(j, k, tailHigh);
        if (value !== undefined) this.push(first, first, BUILT, value);
        else this.push(first, j - 1, high);
        i = k;
      } else {
        let k = i;
        let high = 0;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === delim || c === CR || c === LF) break;
          if (c >= HIGH) high = HAS_HIGH;
          k++;
        }
        if (k >= n && !last) return false;
        this.push(i, k, high);
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) {
          if (!last) return false;
          this.push(i, i, PLAIN);
          break;
        }
        continue;
      }
      if (c === CR && i + 1 >= n && !last) return false;
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    this.i = i;
    this.nextLine = line;
    return true;
  }

  /** The next record with all its cells, or undefined at the end. */
  next(): CsvRow | undefined {
    if (!this.advance()) return undefined;
    return { cells: cellsOf(this), line: this.line, unterminated: this.unterminated };
  }
}

export function cellsOf(row: RowCursor): string[] {
  const cells: string[] = new Array(row.count);
  for (let c = 0; c < row.count; c++) cells[c] = row.cell(c);
  return cells;
}

export function tokenizeCsv(text: string, delimiter = ',', start = 0, startLine = 1): CsvRow[] {
  const reader = new CsvReader(text, delimiter, start, startLine);
  const rows: CsvRow[] = [];
  for (let row = reader.next(); row; row = reader.next()) rows.push(row);
  return rows;
}

/** A RowCursor over rows already in memory (the xlsx sheet). */
export function cursorOf(rows: CsvRow[]): RowCursor {
  let index = -1;
  let current: CsvRow | undefined;
  return {
    advance() {
      current = rows[++index];
      return current !== undefined;
    },
    get line() { return current?.line ?? 0; },
    get unterminated() { return current?.unterminated ?? false; },
    get count() { return current?.cells.length ?? 0; },
    cell: (i) => current?.cells[i] ?? '',
  };
}

export function isBlankRow(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/** isBlankRow for the current record of a cursor. */
export function isBlankRecord(row: RowCursor): boolean {
  for (let i = 0; i < row.count; i++) if (row.cell(i).trim() !== '') return false;
  return true;
}
