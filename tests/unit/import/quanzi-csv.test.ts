// Quanzi's own CSV: every stored field written out and read back exactly, text kept as text in spreadsheets, and
// a bad row skipped with its line and reason.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement, transactionsToCsv } from '../../../src/core/import/index';
import { QUANZI_CSV_HEADER } from '../../../src/core/import/quanzi-csv';
import type { Transaction } from '../../../src/core/transaction';

const FIXTURES = ['alipay-2024-sample.csv', 'alipay-legacy-sample.csv', 'wechat-2024-sample.csv', 'wechat-2024-sample.xlsx',
  'card-ofx2-sample.qfx', 'bank-sample.qif', 'camt053-v08-sample.xml'];
const utf8 = (text: string) => new TextEncoder().encode(text);

async function allFixtureRows(): Promise<Transaction[]> {
  const rows: Transaction[] = [];
  for (const name of FIXTURES) rows.push(...(await parseStatement(new Uint8Array(readFileSync(`tests/fixtures/${name}`)), name)).transactions);
  return rows;
}

describe("Quanzi's own CSV", () => {
  it('reads back every row of every fixture format exactly, fingerprints and refund links included', async () => {
    const rows = await allFixtureRows();
    const csv = transactionsToCsv(rows);
    expect(csv.startsWith(`\uFEFF${QUANZI_CSV_HEADER}\r\n`)).toBe(true);
    const back = await parseStatement(utf8(csv), 'quanzi-transactions.csv');
    expect(back.format).toBe('quanzi-csv');
    expect(back.skipped).toEqual([]);
    expect(back.transactions).toEqual(rows);
    expect(back.transactions.find((r) => r.kind === 'refund')!.refundOf).toBe(rows.find((r) => r.status === 'refunded' && r.counterparty === '天猫超市')!.fingerprint);
  });

  it("is what the committed sample holds: the writer's output for three of the fixtures, newest first", async () => {
    const rows: Transaction[] = [];
    for (const name of ['alipay-2024-sample.csv', 'wechat-2024-sample.csv', 'card-ofx2-sample.qfx']) {
      rows.push(...(await parseStatement(new Uint8Array(readFileSync(`tests/fixtures/${name}`)), name)).transactions);
    }
    rows.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
    expect(transactionsToCsv(rows)).toBe(readFileSync('tests/fixtures/quanzi-export-sample.csv', 'utf8'));
  });

  it('is written in Chinese for a Chinese UI (header, kind and status words) and reads back exactly, or in English', async () => {
    const rows = await allFixtureRows();
    const zh = transactionsToCsv(rows, 'zh');
    const [header, first] = zh.split('\r\n');
    expect(header).toBe('\uFEFF日期,金额,币种,交易对方,说明,分类,类型,状态,支付方式,交易号,商家订单号,退款原交易,来源,指纹');
    expect(first!.split(',').slice(6, 8)).toEqual(['支出', '已完成']);
    expect(zh).not.toMatch(/,(expense|income|refund|transfer),/);
    const back = await parseStatement(utf8(zh), '账单导出.csv');
    expect(back.format).toBe('quanzi-csv');
    expect(back.skipped).toEqual([]);
    expect(back.transactions).toEqual(rows);
    expect(back.transactions.filter((r) => r.status === 'refunded').length).toBeGreaterThan(0);
    // A bad word is named with the words of the file's own language.
    const bad = zh.replace(/,支出,已完成,/, ',支出,完成了,');
    const skipped = (await parseStatement(utf8(bad), '账单导出.csv')).skipped;
    expect(skipped).toEqual([{ line: 2, reason: "status '完成了' is not one of 已完成, 已退款, 已关闭, 处理中, 失败", code: 'bad-status', params: { value: '完成了', allowed: '已完成、已退款、已关闭、处理中、失败' } }]);
    const short = `${header}\r\n${first!.split(',').slice(0, 6).join(',')}\r\n`;
    expect((await parseStatement(utf8(short), '账单导出.csv')).skipped[0]!.reason).toMatch(/expected at least 8 \(日期 to 状态\)$/);
  });

  it('writes exact decimals in the currency’s own digits', () => {
    const row = (amountMinor: number, currency: string): Transaction => ({
      occurredAt: '2024-05-01', amountMinor, currency, counterparty: 'X', description: '', kind: 'expense', status: 'completed', source: 'qif', fingerprint: '0123456789abcdef',
    });
    const lines = transactionsToCsv([row(-4217, 'CAD'), row(-1200, 'JPY'), row(5, 'CNY'), row(-900719925474099, 'USD')]).split('\r\n');
    expect(lines.slice(1, 5).map((l) => l.split(',')[1])).toEqual(['-42.17', '-1200', '0.05', '-9007199254740.99']);
  });

  it('keeps formula-looking text as text in a spreadsheet, and reads it back unchanged', async () => {
    const base = { occurredAt: '2024-05-01T10:00:00', amountMinor: -100, currency: 'CNY', kind: 'expense', status: 'completed', source: 'alipay' } as const;
    const rows: Transaction[] = [
      { ...base, counterparty: '=HYPERLINK("http://evil.example","pay")', description: '+1 coffee, "large"', fingerprint: '0000000000000001' },
      { ...base, counterparty: "'quoted", description: '@home\nsecond line', category: '-5% off', fingerprint: '0000000000000002' },
    ];
    const csv = transactionsToCsv(rows);
    const dataLines = csv.split('\r\n').slice(1);
    // No cell of the file starts with a formula character.
    expect(dataLines[0]).toContain(`,"'=HYPERLINK(""http://evil.example"",""pay"")","'+1 coffee, ""large""",`);
    expect(csv).toContain(`,'-5% off,`);
    expect((await parseStatement(utf8(csv), 'q.csv')).transactions).toEqual(rows);
  });

  it('skips a damaged row with its line and reason, and fingerprints a row added by hand', async () => {
    const lines = [
      QUANZI_CSV_HEADER,
      '2024-05-01T10:00:00,-12.50,CNY,Shop,,,expense,completed,,,,,alipay,00000000000000aa',
      '2024-13-01,-1.00,CNY,Bad date,,,expense,completed,,,,,alipay,00000000000000ab',
      '2024-05-02,-1.0.0,CNY,Bad amount,,,expense,completed,,,,,alipay,00000000000000ac',
      '2024-05-02,-1.00,CNY,Bad kind,,,spending,completed,,,,,alipay,00000000000000ad',
      '2024-05-02,-1.00,CNY,Same fingerprint,,,expense,completed,,,,,alipay,00000000000000aa',
      '2024-05-03,-3.00,EUR,Added by hand,,,expense,completed,,,,,,',
      // Saved again by a spreadsheet: its own date shape, no decimals, quoted thousands.
      '2024/5/30 8:15,"-1,299",CAD,Resaved,,,expense,completed,,,,,ofx,00000000000000ae',
      '2024-05-04,-1.00,EUR,Cut short,',
    ];
    const result = await parseStatement(utf8(lines.join('\n')), 'edited.csv');
    expect(result.transactions.map((r) => r.counterparty)).toEqual(['Shop', 'Added by hand', 'Resaved']);
    expect(result.transactions[2]).toMatchObject({ occurredAt: '2024-05-30T08:15:00', amountMinor: -129900, fingerprint: '00000000000000ae' });
    expect(result.transactions[1]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(result.transactions[1]!.source).toBe('quanzi-csv');
    expect(result.skipped).toEqual([
      { line: 3, reason: "date '2024-13-01' is not a date (year first, as 2024-05-30 or 2024-05-30T08:15:00)", code: 'date-year-first', params: { value: '2024-13-01' } },
      { line: 4, reason: "amount '-1.0.0' is not a number", code: 'bad-amount', params: { value: '-1.0.0' } },
      { line: 5, reason: "kind 'spending' is not one of expense, income, refund, transfer", code: 'bad-kind', params: { value: 'spending', allowed: 'expense, income, refund, transfer' } },
      { line: 6, reason: 'fingerprint 00000000000000aa is on an earlier row too', code: 'repeated-fingerprint', params: { value: '00000000000000aa' } },
      { line: 9, reason: 'the row has 5 cells, expected at least 8 (Date to Status)', code: 'few-cells', params: { count: 5, expected: 8 } },
    ]);
  });

  it('never gives a row added by hand a fingerprint another row of the file carries', async () => {
    // A row copied in the spreadsheet with its fingerprint cleared is fingerprinted from the same order id again.
    const [exported] = (await parseStatement(utf8([QUANZI_CSV_HEADER, '2024-05-01T10:00:00,-12.50,CNY,Shop,,,expense,completed,,T-1,,,alipay,'].join('\n')), 'a.csv')).transactions;
    const lines = [
      QUANZI_CSV_HEADER,
      `2024-05-01T10:00:00,-12.50,CNY,Shop,,,expense,completed,,T-1,,,alipay,${exported!.fingerprint}`,
      '2024-05-01T10:00:00,-12.50,CNY,Shop,,,expense,completed,,T-1,,,alipay,',
    ];
    const { transactions } = await parseStatement(utf8(lines.join('\n')), 'copied.csv');
    expect(transactions).toHaveLength(2);
    expect(transactions[0]!.fingerprint).toBe(exported!.fingerprint);
    expect(new Set(transactions.map((r) => r.fingerprint)).size).toBe(2);
  });

  it('round-trips any text a statement can hold', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.trim());
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ counterparty: text, description: text, category: text }), { minLength: 1, maxLength: 8 }), async (cells) => {
      const rows: Transaction[] = cells.map((c, i) => ({
        occurredAt: '2024-05-01', amountMinor: -(i + 1) * 7, currency: 'CNY', counterparty: c.counterparty, description: c.description,
        ...(c.category ? { category: c.category } : {}), kind: 'expense', status: 'completed', source: 'alipay', fingerprint: i.toString(16).padStart(16, '0'),
      }));
      expect((await parseStatement(utf8(transactionsToCsv(rows)), 'q.csv')).transactions).toEqual(rows);
    }), { numRuns: 300 });
  });
});
