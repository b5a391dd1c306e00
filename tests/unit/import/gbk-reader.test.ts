// The GB18030 reader finds records on the bytes and decodes only the cells with Chinese text. It must read exactly
// what decoding the whole file and tokenizing the text reads: same cells, same lines, same unterminated flag.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, cellsOf, type RowCursor } from '../../../src/core/import/csv-tokenizer';
import { GbkCsvReader, blockEnd } from '../../../src/core/import/gbk-text';
import { encodeGbk } from '../../support/generate-alipay';

function records(reader: RowCursor): { cells: string[]; line: number; unterminated: boolean }[] {
  const out = [];
  while (reader.advance()) out.push({ cells: cellsOf(reader), line: reader.line, unterminated: reader.unterminated });
  return out;
}

function expectSameAsDecoded(bytes: Uint8Array, blockSize: number, delimiter = ','): void {
  const decoded = records(new CsvReader(new TextDecoder('gb18030').decode(bytes), delimiter));
  expect(records(new GbkCsvReader(bytes, delimiter, blockSize))).toEqual(decoded);
}

/** The first record's cells, once the whole file has been checked against the decoded text (blocks of one byte). */
function firstRecord(bytes: Uint8Array): string[] {
  expectSameAsDecoded(bytes, 1);
  const reader = new GbkCsvReader(bytes);
  reader.advance();
  return cellsOf(reader);
}

// Pieces that stress the reader: Chinese text (two-byte GBK), structure characters, quotes, line breaks, DEL.
const piece = fc.constantFrom('交易成功', '星巴克', '支出', '￥', '—', 'a', '12.50', '"', '""', ',', '\r\n', '\n', '\r', ' ', '\t', '\x7f', '-', '中性交易');

describe('GbkCsvReader', () => {
  it('reads any GBK text exactly as decoding it whole and tokenizing would, across block boundaries', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (pieces, blockSize) => {
        expectSameAsDecoded(encodeGbk(pieces.join('')), blockSize);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any bytes at all (malformed GB18030 included) exactly as decoding them whole and tokenizing would', () => {
    // Lead bytes, GB18030 four-byte digits and structure bytes, so sequences get cut off right before delimiters.
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x81, 0x82, 0xfe, 0x30, 0x39, 0x2c, 0x22, 0x0a, 0x0d));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 80 }), fc.integer({ min: 1, max: 40 }), (values, blockSize) => {
        expectSameAsDecoded(Uint8Array.from(values), blockSize);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the digit of a four-byte sequence cut off before a delimiter, as the decoder does', () => {
    // 0x81 0x35 starts a four-byte sequence; the comma cuts it: U+FFFD, then the digit 5 it could not use.
    expect(firstRecord(Uint8Array.from([0x61, 0x81, 0x35, 0x2c, 0x62, 0x81, 0x35, 0x82, 0x0a]))).toEqual(['a\ufffd5', 'b\ufffd5\ufffd']);
  });

  it('reads the same cut-off sequence at the very end of the file as the end of the stream: U+FFFD alone', () => {
    // Mid-file the digit comes back; at the end it is lost. The first cell's text must not be reused for the last.
    expect(firstRecord(Uint8Array.from([0x81, 0x30, 0x2c, 0x81, 0x30]))).toEqual(['\ufffd0', '\ufffd']);
  });

  it('reads a real-layout export with quoted amounts and repeated merchants', () => {
    const lines = ['交易时间,交易分类,交易对方,商品说明,收/支,金额,交易状态'];
    for (let i = 0; i < 300; i++) {
      lines.push(`2025-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,餐饮美食,${i % 3 ? '星巴克' : '瑞幸咖啡'},"拿铁 ""大杯"" ${i}",支出,"1,0${i % 10}0.00",交易成功`);
    }
    const bytes = encodeGbk(lines.join('\r\n'));
    for (const blockSize of [1, 64, 1000, 1 << 20]) expectSameAsDecoded(bytes, blockSize);
    const reader = new GbkCsvReader(bytes);
    reader.advance();
    reader.advance();
    expect(cellsOf(reader)).toEqual(['2025-01-01 10:00:00', '餐饮美食', '瑞幸咖啡', '拿铁 "大杯" 0', '支出', '1,000.00', '交易成功']);
  });

  it('reads a stray lead byte before a delimiter as the decoder does: U+FFFD, then the delimiter', () => {
    expect(firstRecord(Uint8Array.from([0xd0, 0xc7, 0x81, 0x2c, 0x61, 0x0d, 0x0a, 0x62, 0x81]))).toEqual(['星\ufffd', 'a']);
  });

  it('keeps a tab-delimited file and an unterminated quote the same as the decoded text', () => {
    expectSameAsDecoded(encodeGbk('名称\t金额\r\n星巴克\t"12.00\r\n未完'), 4, '\t');
  });

  it('ends blocks after a line feed, and reads a record cut by a block end again from a longer block', () => {
    const bytes = new TextEncoder().encode('a,"x\ny"\nb\nc');
    expect(blockEnd(bytes, 0, 1)).toBe(5); // after the LF inside the quotes: the record is cut there
    expect(blockEnd(bytes, 8, 1)).toBe(10);
    expect(blockEnd(bytes, 10, 1)).toBe(bytes.length);
    expectSameAsDecoded(bytes, 1);
    // A quote inside an unquoted cell is text, so quote counting cannot find record ends (found by fast-check).
    expectSameAsDecoded(encodeGbk('交易成功"\r"\n交易成功'), 1);
    expectSameAsDecoded(encodeGbk('a,"b""\n""c"\r\nd'), 1);
  });
});
