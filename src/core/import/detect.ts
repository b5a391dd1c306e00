/**
 * Encoding and format sniffing. Encoding: BOM, then UTF-16 without BOM (zero-byte pattern), then strict UTF-8,
 * then (for Western bank formats) windows-1252, else GB18030 — which is what Alipay's "GBK" exports really are.
 */
import { CsvReader } from './csv-tokenizer';
import { GbkCsvReader } from './gbk-text';
import { isQuanziCsv } from './quanzi-csv';

export type TextFormat = 'alipay' | 'alipay-legacy' | 'wechat-csv' | 'ofx' | 'qif' | 'camt053' | 'quanzi-csv' | 'csv';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  // ASCII-heavy UTF-16 has a zero in nearly every pair on one side and almost none on the other.
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

const WESTERN_MARKERS = /OFXHEADER|<OFX>|^\s*!(Type|Account|Option)|camt\.05[234]|<BkToCstmrStmt/i;

/** Bytes of a GB18030 file decoded up front to tell its format: far more than the 32k characters looked at. */
const HEAD_BYTES = 65536;

/**
 * A statement's text, decoded as little as its parser needs: a GB18030 file (a 100k-row Alipay export is 15 MB)
 * is only decoded whole when a parser asks for `text()`; the CSV importers read it cell by cell (gbk-text.ts).
 */
export interface StatementText {
  encoding: TextEncoding;
  /** At least the first 32k characters (all of them when the file is shorter). */
  head: string;
  /** The whole text, decoded on first use. */
  text(): string;
  /** A CSV reader over the whole text. */
  csv(delimiter?: string): CsvReader;
}

function decodedStatement(text: string, encoding: TextEncoding): StatementText {
  return { encoding, head: text.slice(0, 32768), text: () => text, csv: (delimiter) => new CsvReader(text, delimiter) };
}

function gb18030Statement(bytes: Uint8Array): StatementText {
  let text: string | undefined;
  return {
    encoding: 'gb18030',
    head: bytes.length <= HEAD_BYTES ? (text = new TextDecoder('gb18030').decode(bytes)) : new TextDecoder('gb18030').decode(bytes.subarray(0, HEAD_BYTES), { stream: true }),
    text: () => (text ??= new TextDecoder('gb18030').decode(bytes)),
    csv: (delimiter) => (text !== undefined ? new CsvReader(text, delimiter) : new GbkCsvReader(bytes, delimiter)),
  };
}

export function openStatement(bytes: Uint8Array): StatementText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodedStatement(new TextDecoder('utf-8').decode(bytes), 'utf-8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodedStatement(new TextDecoder('utf-16le').decode(bytes), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodedStatement(new TextDecoder('utf-16be').decode(bytes), 'utf-16be');
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return decodedStatement(new TextDecoder(utf16).decode(bytes), utf16);
  try {
    return decodedStatement(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
  } catch {
    // Not UTF-8. Western bank formats are usually windows-1252; Chinese apps export GBK (a subset of GB18030).
  }
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  if (WESTERN_MARKERS.test(head)) return decodedStatement(new TextDecoder('windows-1252').decode(bytes), 'windows-1252');
  return gb18030Statement(bytes);
}

/** Share of characters in the head that no statement contains: control characters and U+FFFD. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad > n * 0.02;
}

const ALIPAY_HEADER = /交易时间\s*,\s*交易分类\s*,\s*交易对方/;
const ALIPAY_LEGACY_HEADER = /交易号\s*,\s*商家订单号\s*,\s*交易创建时间/;
const WECHAT_HEADER = /交易时间\s*,\s*交易类型\s*,\s*交易对方/;
const OFX_MARKER = /OFXHEADER\s*[:=]|<OFX[\s>]/i;
const CAMT_MARKER = /camt\.05[234]|<(\w+:)?BkToCstmrStmt[\s>]/;
const QIF_MARKER = /^\s*!(Type|Account|Option|Clear)\b/i;

/** Which parser a decoded text belongs to, or null when it is no statement at all. */
export function detectTextFormat(text: string): TextFormat | null {
  const head = text.slice(0, 32768);
  if (isQuanziCsv(head)) return 'quanzi-csv';
  if (QIF_MARKER.test(head)) return 'qif';
  if (OFX_MARKER.test(head)) return 'ofx';
  if (CAMT_MARKER.test(head)) return 'camt053';
  if (ALIPAY_HEADER.test(head)) return 'alipay';
  if (ALIPAY_LEGACY_HEADER.test(head)) return 'alipay-legacy';
  if (WECHAT_HEADER.test(head)) return 'wechat-csv';
  if (/[,;\t]/.test(head)) return 'csv';
  return null;
}
