// The bench's generated Alipay export: real GBK bytes that decode back exactly and parse into N rows.
import { describe, expect, it } from 'vitest';
import { parseStatement, type ParseResult } from '../../../src/core/import/index';
import { encodeGbk, generateAlipayCsv, generateAlipayText } from '../../support/generate-alipay';

describe('generateAlipayCsv', () => {
  it('encodes GBK that TextDecoder reads back exactly', () => {
    const text = '交易时间,金额,￥1,020.50 支付宝（中国）';
    const bytes = encodeGbk(text);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length);
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(text);
    expect(() => encodeGbk('😀')).toThrow(/GBK/);
  });

  it('generates an N-row 2022+ layout the importer reads completely', async () => {
    const bytes = generateAlipayCsv(2000, 7);
    expect(new TextDecoder('gb18030').decode(bytes)).toBe(generateAlipayText(2000, 7));
    const result = (await parseStatement(bytes, 'gen.csv')) as ParseResult;
    expect(result.format).toBe('alipay');
    expect(result.skipped).toEqual([]);
    expect(result.transactions).toHaveLength(2000);
    expect(result.transactions.some((t) => t.amountMinor <= -100000)).toBe(true);
    expect(result.transactions.every((t) => t.kind === 'expense' && t.currency === 'CNY' && t.externalId)).toBe(true);
    expect(generateAlipayText(50, 7)).toBe(generateAlipayText(50, 7));
  });
});
