// The rarer reasons a file is refused (OFX, QIF, CAMT.053) or a row of Quanzi's own CSV is skipped: each parser gives
// a code and the values its words need, and the screen words them in English and in Chinese.
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../src/core/import/index';
import { QUANZI_CSV_HEADER } from '../../../src/core/import/quanzi-csv';
import type { SkippedRow } from '../../../src/core/import/types';
import { importErrorText, skippedReasonText, type ShownFailure } from '../../../src/ui/import/import-text';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** The refusal as the page gets it: through the worker's structured clone, with the file name beside it. */
const refusal = async (text: string, fileName: string): Promise<ShownFailure> => {
  try {
    await parseStatement(utf8(text), fileName);
  } catch (e) {
    return structuredClone({ ...(e as { toJSON(): object }).toJSON(), fileName }) as ShownFailure;
  }
  throw new Error('expected an ImportError');
};
const both = (f: ShownFailure) => [importErrorText(f, 'en'), importErrorText(f, 'zh-CN')];
const bothSkipped = (row: SkippedRow) => [skippedReasonText(row, 'en'), skippedReasonText(row, 'zh-CN')];

const ofx = (transaction: string, curdef = '<CURDEF>EUR\n') =>
  `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n${curdef}<BANKTRANLIST>\n<STMTTRN>\n${transaction}</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n`;
const camt = (entry: string) =>
  `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n<BkToCstmrStmt><Stmt>\n${entry}\n</Stmt></BkToCstmrStmt></Document>\n`;
const ntry = ({ amt = '<Amt Ccy="EUR">5.00</Amt>', ind = 'DBIT', date = '<BookgDt><Dt>2024-03-01</Dt></BookgDt>' } = {}) =>
  `<Ntry>${amt}<CdtDbtInd>${ind}</CdtDbtInd>${date}</Ntry>`;

describe('OFX refusals', () => {
  it('a missing or unreadable date, amount or currency: code, field and value, worded in each language', async () => {
    expect(both(await refusal(ofx('<TRNAMT>-5.00\n'), 'a.ofx'))).toEqual(['a.ofx, line 8: the record has no date (DTPOSTED)', 'a.ofx 第 8 行：这条记录没有日期（DTPOSTED）']);
    expect(both(await refusal(ofx('<DTPOSTED>2024-03-01\n<TRNAMT>-5.00\n'), 'a.ofx')))
      .toEqual(["a.ofx, line 9: the date '2024-03-01' (DTPOSTED) is not a date", 'a.ofx 第 9 行：日期“2024-03-01”（DTPOSTED）不是日期']);
    expect(both(await refusal(ofx('<DTPOSTED>20240301\n'), 'a.ofx'))).toEqual(['a.ofx, line 8: the record has no amount (TRNAMT)', 'a.ofx 第 8 行：这条记录没有金额（TRNAMT）']);
    expect(both(await refusal(ofx('<DTPOSTED>20240301\n<TRNAMT>five\n'), 'a.ofx')))
      .toEqual(["a.ofx, line 10: the amount 'five' (TRNAMT) is not a number", 'a.ofx 第 10 行：金额“five”（TRNAMT）不是数字']);
    expect(both(await refusal(ofx('<DTPOSTED>20240301\n<TRNAMT>-5\n', ''), 'a.ofx'))).toEqual(['a.ofx, line 7: the record has no currency (CURDEF)', 'a.ofx 第 7 行：这条记录没有币种（CURDEF）']);
    expect(both(await refusal(ofx('<DTPOSTED>20240301\n<TRNAMT>-5\n', '<CURDEF>EURO\n'), 'a.ofx')))
      .toEqual(["a.ofx, line 8: currency 'EURO' is not a three-letter ISO 4217 code", 'a.ofx 第 8 行：币种“EURO”不是三个字母的 ISO 4217 代码']);
  });
});

describe('QIF refusals', () => {
  it('a missing date or amount, a date that does not read, and records before any !Type: header', async () => {
    expect(both(await refusal('!Type:Bank\nT-3.00\n^\n', 'a.qif'))).toEqual(['a.qif, line 3: the record has no date (D)', 'a.qif 第 3 行：这条记录没有日期（D）']);
    expect(both(await refusal('!Type:Bank\nD2024-01-01\nPShop\n^\n', 'a.qif'))).toEqual(['a.qif, line 4: the record has no amount (T)', 'a.qif 第 4 行：这条记录没有金额（T）']);
    expect(both(await refusal('!Type:Bank\nD13/13/2024\nT-1\n^\n', 'a.qif')))
      .toEqual(["a.qif, line 2: the date '13/13/2024' (D) is not a date", 'a.qif 第 2 行：日期“13/13/2024”（D）不是日期']);
    const headless: ShownFailure = { fileName: 'a.qif', line: 1, message: 'a.qif line 1: the file does not start with a !Type: header', code: 'no-type-header', reason: 'the file does not start with a !Type: header' };
    expect(both(headless)).toEqual(['a.qif, line 1: there is no !Type: header line before the records', 'a.qif 第 1 行：记录之前没有 !Type: 标题行']);
  });
});

describe('CAMT.053 refusals', () => {
  it('an entry without a currency or booking date, a bad amount or indicator', async () => {
    expect(both(await refusal(camt(ntry({ amt: '<Amt>5.00</Amt>' })), 'c.xml'))).toEqual(['c.xml, line 4: the record has no currency (Ccy)', 'c.xml 第 4 行：这条记录没有币种（Ccy）']);
    expect(both(await refusal(camt(ntry({ amt: '<Amt Ccy="EUR">-5.00</Amt>' })), 'c.xml')))
      .toEqual(["c.xml, line 4: the amount '-5.00' (Amt) is not a number", 'c.xml 第 4 行：金额“-5.00”（Amt）不是数字']);
    expect(both(await refusal(camt(ntry({ ind: 'BOTH' })), 'c.xml')))
      .toEqual(["c.xml, line 4: CdtDbtInd 'BOTH' is neither DBIT (money out) nor CRDT (money in)", 'c.xml 第 4 行：CdtDbtInd“BOTH”既不是 DBIT（支出）也不是 CRDT（收入）']);
    expect(both(await refusal(camt(ntry({ date: '' })), 'c.xml'))).toEqual(['c.xml, line 4: the record has no date (BookgDt)', 'c.xml 第 4 行：这条记录没有日期（BookgDt）']);
  });

  it('XML that is cut off or broken, and a document without a statement', async () => {
    const whole = camt(ntry());
    expect(both(await refusal(whole.slice(0, whole.indexOf('</CdtDbtInd>')), 'c.xml'))).toEqual([
      'c.xml, line 4: the file ends inside <CdtDbtInd>: it looks cut off. Export or download the statement again.',
      'c.xml 第 4 行：文件在 <CdtDbtInd> 中间就结束了，看起来不完整。请重新导出或下载账单。',
    ]);
    const broken = await refusal(camt('<Ntry><Amt Ccy="EUR">1</Amt>\n</Stmt>'), 'c.xml');
    expect(broken).toMatchObject({ code: 'broken-xml', line: 5 });
    expect(importErrorText(broken, 'zh-CN')).toBe(`c.xml 第 5 行：XML 已损坏（${broken.params!.detail}）`);
    const empty = await refusal('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrAcctRpt2/></Document>\n', 'c.xml');
    expect(both(empty)).toEqual(['c.xml: no BkToCstmrStmt element was found', 'c.xml：找不到 BkToCstmrStmt 元素']);
  });
});

describe("Quanzi CSV's skipped rows", () => {
  const row = (date: string, currency: string, kind: string, status: string, fingerprint: string) =>
    `${date},-1.00,${currency},Shop,,,${kind},${status},,,,,alipay,${fingerprint}`;

  it('carry a code and values for every reason, worded in each language', async () => {
    const text = [
      QUANZI_CSV_HEADER,
      row('2024-05-01', 'CNY', 'expense', 'completed', '00000000000000aa'),
      row('01/05/2024', 'CNY', 'expense', 'completed', ''),
      row('2024-05-01', 'yuan', 'expense', 'completed', ''),
      row('2024-05-01', 'CNY', 'spending', 'completed', ''),
      row('2024-05-01', 'CNY', 'expense', 'done', ''),
      row('2024-05-01', 'CNY', 'expense', 'completed', 'xyz'),
      row('2024-05-01', 'CNY', 'expense', 'completed', '00000000000000aa'),
      '2024-05-01,-1.00,CNY',
    ].join('\n');
    const { skipped } = structuredClone(await parseStatement(utf8(text), 'q.csv'));
    expect(skipped.map((s) => [s.line, s.code])).toEqual([
      [3, 'date-year-first'], [4, 'bad-currency'], [5, 'bad-kind'], [6, 'bad-status'], [7, 'bad-fingerprint'], [8, 'repeated-fingerprint'], [9, 'few-cells'],
    ]);
    expect(skipped.map((s) => skippedReasonText(s, 'en'))).toEqual([
      'date “01/05/2024” is not a date written year first (as 2024-05-30 or 2024-05-30T08:15:00)',
      'currency “yuan” is not a three-letter code',
      'kind “spending” is not one of expense, income, refund, transfer',
      'status “done” is not one of completed, refunded, closed, pending, failed',
      'fingerprint “xyz” is not 16 hex digits',
      'fingerprint 00000000000000aa is on an earlier row too',
      'the row has 3 cells, expected at least 8',
    ]);
    expect(skipped.map((s) => skippedReasonText(s, 'zh-CN'))).toEqual([
      '日期“01/05/2024”不是年份在前的日期（如 2024-05-30 或 2024-05-30T08:15:00）',
      '币种“yuan”不是三个字母的代码',
      '类型“spending”不是 expense, income, refund, transfer 之一',
      '状态“done”不是 completed, refunded, closed, pending, failed 之一',
      '指纹“xyz”不是 16 位十六进制数',
      '指纹 00000000000000aa 在前面的行里已经出现过',
      '这一行只有 3 格，至少应有 8 格',
    ]);
  });

  it('a Chinese file lists its own words', async () => {
    const header = '日期,金额,币种,交易对方,说明,分类,类型,状态,支付方式,交易号,商家订单号,退款原交易,来源,指纹';
    const { skipped } = await parseStatement(utf8(`${header}\n${row('2024-05-01', 'CNY', '花钱', '已完成', '')}\n`), '账单.csv');
    expect(bothSkipped(skipped[0]!)).toEqual(['kind “花钱” is not one of 支出、收入、退款、转账', '类型“花钱”不是 支出、收入、退款、转账 之一']);
  });

  it('a code whose values are missing, or that this build does not know, shows the parser’s English', () => {
    expect(bothSkipped({ line: 2, reason: "kind 'x' is not one of …", code: 'bad-kind', params: { value: 'x' } })).toEqual(["kind 'x' is not one of …", "kind 'x' is not one of …"]);
    expect(skippedReasonText({ reason: 'newer reason', code: 'toString' as SkippedRow['code'] }, 'zh-CN')).toBe('newer reason');
  });
});
