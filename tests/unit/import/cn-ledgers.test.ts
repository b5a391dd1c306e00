// The Alipay and WeChat Pay samples (tests/fixtures/README.md says what each must yield), read through the
// shared ledger-table walk, plus its error paths.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../src/core/import/index';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));
const summary = (t: { amountMinor: number; kind: string; status: string }) => [t.amountMinor, t.kind, t.status];

describe('Alipay 2022+ layout (GBK, preamble, tabs after order ids)', () => {
  it('yields the six rows with refund, link and transfer semantics', async () => {
    const result = await parseStatement(fixture('alipay-2024-sample.csv'), 'alipay-2024-sample.csv');
    expect(result.format).toBe('alipay');
    expect(result.skipped).toEqual([]);
    expect(result.transactions.map(summary)).toEqual([
      [-3600, 'expense', 'completed'],
      [-8980, 'expense', 'completed'],
      [-4500, 'expense', 'refunded'],
      [4500, 'refund', 'completed'],
      [-16500, 'expense', 'completed'],
      [-20000, 'transfer', 'completed'],
    ]);
    const [starbucks, , payment, refund] = result.transactions;
    expect(starbucks).toMatchObject({ occurredAt: '2024-05-30T08:15:02', currency: 'CNY', counterparty: '星巴克', category: '餐饮美食', paymentMethod: '花呗', externalId: '2024053022001400000000000001', merchantOrderId: 'SBX20240530001' });
    expect(refund!.refundOf).toBe(payment!.fingerprint);
    expect(new Set(result.transactions.map((t) => t.fingerprint)).size).toBe(6);
  });
});

describe('Alipay legacy layout (space-padded cells, summary lines)', () => {
  it('reads both rows and marks the fully refunded one', async () => {
    const result = await parseStatement(fixture('alipay-legacy-sample.csv'), 'alipay-legacy-sample.csv');
    expect(result.format).toBe('alipay-legacy');
    expect(result.transactions.map(summary)).toEqual([[-12800, 'expense', 'completed'], [-59900, 'expense', 'refunded']]);
    expect(result.transactions[0]).toMatchObject({ occurredAt: '2018-01-15T12:30:00', counterparty: '外婆家' });
  });

  it('a partial 成功退款 becomes a refund row of its own, dated by 最近修改时间 and linked to the payment', async () => {
    // The sample's 羽绒服 row with 200.00 of its 599.00 refunded (the cell keeps its padding).
    const bytes = Buffer.from(fixture('alipay-legacy-sample.csv')).toString('latin1').replace(',0.00     ,599.00   ,', ',0.00     ,200.00   ,');
    const result = await parseStatement(new Uint8Array(Buffer.from(bytes, 'latin1')), 'partial.csv');
    expect(result.transactions.map(summary)).toEqual([[-12800, 'expense', 'completed'], [-59900, 'expense', 'completed'], [20000, 'refund', 'completed']]);
    const [, payment, refund] = result.transactions;
    expect(refund).toMatchObject({ occurredAt: '2018-01-10T09:00:00', description: '退款-羽绒服', counterparty: '某某旗舰店', refundOf: payment!.fingerprint });
    expect(new Set(result.transactions.map((t) => t.fingerprint)).size).toBe(3);
  });
});

describe('WeChat Pay', () => {
  it('CSV: ¥ amounts, quoted thousands, 信用卡还款 as a transfer', async () => {
    const result = await parseStatement(fixture('wechat-2024-sample.csv'), 'wechat-2024-sample.csv');
    expect(result.format).toBe('wechat-csv');
    expect(result.transactions.map(summary)).toEqual([
      [-4800, 'expense', 'completed'],
      [-200000, 'expense', 'completed'],
      [20000, 'income', 'completed'],
      [-100000, 'transfer', 'completed'],
    ]);
  });

  it('XLSX: the same columns from the sheet', async () => {
    const result = await parseStatement(fixture('wechat-2024-sample.xlsx'), 'wechat-2024-sample.xlsx');
    expect(result.format).toBe('wechat-xlsx');
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor, t.counterparty])).toEqual([
      ['2024-06-18T19:00:00', -32800, '海底捞'],
      ['2024-06-10T08:00:00', -3550, '滴滴出行'],
      ['2024-06-02T12:00:00', -2800, '喜茶'],
    ]);
  });

  it('skips a row with a bad amount, naming its physical line', async () => {
    const lines = readFileSync('tests/fixtures/wechat-2024-sample.csv', 'utf8').split('\n');
    const bad = lines.findIndex((l) => l.includes('¥') && /^\d{4}-/.test(l));
    lines[bad] = lines[bad]!.replace(/¥\d+\.\d\d/, '¥12..5');
    const result = await parseStatement(new TextEncoder().encode(lines.join('\n')), 'bad.csv');
    expect(result.transactions).toHaveLength(3);
    expect(result.skipped).toEqual([{ line: bad + 1, reason: "amount '¥12..5' is not a number", code: 'bad-amount', params: { value: '¥12..5' } }]);
  });

  it('refuses a header without the amount column, naming the line', async () => {
    const lines = readFileSync('tests/fixtures/wechat-2024-sample.csv', 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('交易时间,交易类型'));
    lines[header] = lines[header]!.replace('金额(元)', '价格');
    await expect(Promise.resolve().then(() => parseStatement(new TextEncoder().encode(lines.join('\n')), 'no-amount.csv')))
      .rejects.toMatchObject({ name: 'ImportError', line: header + 1, message: expect.stringContaining("no column '金额(元)'") });
  });
});
