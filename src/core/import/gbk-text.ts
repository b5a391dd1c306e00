import { CsvReader } from './csv-tokenizer';

/**
 * GB18030 (GBK) files read without decoding the whole file. Chromium's gb18030 TextDecoder runs at about
 * 50 MB/s (a 100k-row Alipay export took 280 ms, more than storing its rows), while most of such a file is ASCII:
 * times, amounts, order numbers. Every CSV structure byte (`"` `,` CR LF) is ASCII, and no GB18030 multi-byte
 * sequence contains one (trail bytes are 0x40–0xFE or the digits 0x30–0x39), so the records can be found on
 * the bytes themselves:
 *
 * - the file is read in blocks of about 1 MB that end after a line feed (a record cut by a block's end is read again
 *   from a longer block that starts where it starts). Each block is copied into one reused
 *   buffer with every byte ≥ 0x80 turned into DEL (0x7f) and decoded as ASCII, which is fast and gives one-byte
 *   strings; a cell without DEL is sliced from it as is. (A 15 MB masked copy of the whole file cost more than the
 *   masking: fresh memory is slow to touch on these machines.)
 * - a cell with DEL is decoded from the original bytes, through a cache keyed by those bytes: the columns with
 *   Chinese text (category, merchant, status, payment method) repeat the same few hundred values all year.
 *
 * A cell's bytes are decoded together with the structure byte after them, which is then dropped: a multi-byte
 * sequence never spans a structure byte, but in a malformed file one can be cut off right before it, and the
 * decoder only gives it back exactly as whole-file decoding does (U+FFFD, then the bytes it could not use, such as
 * the digit of a four-byte sequence) when it sees that next byte. A DEL that was already in the file only takes
 * the slower path.
 */
const MARK = 0x7f;
const LF = 0x0a;
const BLOCK = 1 << 20;

/** Turns every byte ≥ 0x80 of `buffer[0, length)` into DEL, four bytes at a time. `buffer` is 4-byte aligned. */
function maskHighBytes(buffer: Uint8Array, length: number): void {
  const view = new Int32Array(buffer.buffer, buffer.byteOffset, Math.ceil(length / 4));
  for (let w = 0; w < view.length; w++) {
    const x = view[w];
    const top = x & 0x80808080;
    if (top !== 0) {
      // 0x01 in every byte that had its top bit set; those bytes become 0x7f.
      const high = top >>> 7;
      view[w] = (x & ~Math.imul(high, 0xff)) | Math.imul(high, MARK);
    }
  }
}

/**
 * Where a block starting at `from` ends: just after the first LF at or past `from + size`, or at the end of the
 * file. That LF may sit inside a quoted cell; the reader then reads that record again from a longer block.
 */
export function blockEnd(bytes: Uint8Array, from: number, size: number): number {
  const lf = bytes.indexOf(LF, from + size - 1);
  return lf < 0 ? bytes.length : lf + 1;
}

interface CachedCell {
  start: number;
  end: number;
  text: string;
}

/** Decoded cells kept per reader; beyond this, cells with new text are decoded without being remembered. */
const CACHE_LIMIT = 65536;

export class GbkCsvReader extends CsvReader {
  private readonly decoder = new TextDecoder('gb18030');
  private readonly ascii = new TextDecoder('utf-8');
  private readonly cache = new Map<number, CachedCell>();
  private scratch = new Uint8Array(0);
  /** Byte offset of the current block. */
  private blockStart = 0;
  private blockStop = 0;

  constructor(private readonly bytes: Uint8Array, delimiter = ',', private readonly blockSize = BLOCK) {
    super('', delimiter);
  }

  protected override nextBlock(): boolean {
    if (this.blockStop >= this.bytes.length) return false;
    this.load(this.blockStop, this.blockSize);
    return true;
  }

  protected override extendBlock(from: number): void {
    const start = this.blockStart + from;
    this.load(start, Math.max(this.blockSize, 2 * (this.blockStop - start)));
  }

  protected override get lastBlock(): boolean {
    return this.blockStop >= this.bytes.length;
  }

  private load(from: number, size: number): void {
    const to = blockEnd(this.bytes, from, size);
    const length = to - from;
    if (this.scratch.length < length) this.scratch = new Uint8Array(Math.ceil(length / 4) * 4);
    this.scratch.set(this.bytes.subarray(from, to));
    maskHighBytes(this.scratch, length);
    this.text = this.ascii.decode(this.scratch.subarray(0, length));
    this.blockStart = from;
    this.blockStop = to;
  }

  protected override cut(start: number, end: number, high: boolean): string {
    if (!high) return this.text.slice(start, end);
    const bytes = this.bytes;
    start += this.blockStart;
    end += this.blockStart;
    // The file's last cell ends the stream, where a cut-off sequence reads as U+FFFD alone (mid-file the decoder
    // gives back the bytes it could not use): it is decoded on its own, and never read from or kept in the cache.
    if (end >= bytes.length) return this.decoder.decode(bytes.subarray(start, end));
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    // A small integer key: V8 keeps it unboxed.
    const key = hash & 0x3fffffff;
    const cached = this.cache.get(key);
    if (cached !== undefined && sameBytes(bytes, cached.start, cached.end, start, end)) return cached.text;
    // The byte after a cell is always a structure byte (ASCII, never a digit): decoding it too, then dropping it.
    const text = this.decoder.decode(bytes.subarray(start, end + 1)).slice(0, -1);
    if (cached === undefined && this.cache.size < CACHE_LIMIT) this.cache.set(key, { start, end, text });
    return text;
  }
}

function sameBytes(bytes: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (bytes[aStart + i] !== bytes[bStart + i]) return false;
  return true;
}
