// What the import screen says when a file is refused: the file and line once, the reason in the UI language for
// the errors people commonly hit, the parser's English reason (without its prefix) for the rest.
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { asImportError } from '../../../src/core/import/errors';
import { parseStatement, type CsvMapping } from '../../../src/core/import/index';
import { formatName, importErrorText, skippedReasonText, type ShownFailure } from '../../../src/ui/import/import-text';

/** The error as the page receives it: through the worker's structured clone, with the file's name beside it. */
const refusal = async (content: string | Uint8Array, fileName: string, options = {}): Promise<ShownFailure> => {
  try {
    await parseStatement(typeof content === 'string' ? new TextEncoder().encode(content) : content, fileName, options);
  } catch (e) {
    return structuredClone({ ...(e as { toJSON(): object }).toJSON(), fileName }) as ShownFailure;
  }
  throw new Error('expected an ImportError');
};
const both = (f: ShownFailure) => [importErrorText(f, 'en'), importErrorText(f, 'zh-CN')];

const GERMAN = 'Buchungstag;Empfaenger;Verwendungszweck;Betrag\n02.01.2025;Bäckerei Müller;Brot;-12,50\n';
const german: CsvMapping = { dateColumn: 0, dateFormat: 'DD.MM.YYYY', amountColumn: 3, payeeColumn: 1, decimal: ',', currency: 'EUR' };

describe('importErrorText', () => {
  it('an amount that does not read with the chosen separator: file and line once, reason in each language', async () => {
    const f = await refusal(GERMAN, 'german.csv', { csvMapping: { ...german, decimal: '.' } });
    expect(both(f)).toEqual([
      "german.csv, line 2: amount '-12,50' is not an amount with '.' as the decimal separator",
      'german.csv 第 2 行：金额“-12,50”不是以“.”为小数点的金额',
    ]);
  });

  it('a quote that never closes names its line, in each language', async () => {
    const text = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n2024-03-02,"Unclosed quote,-12.00\n2024-03-03,Bookstore,-30.00\n';
    const f = await refusal(text, 'broken.csv', { csvMapping: { dateColumn: 0, dateFormat: 'YYYY-MM-DD', amountColumn: 2, payeeColumn: 1, decimal: '.', currency: 'EUR' } });
    expect(both(f)).toEqual([
      'broken.csv, line 3: a quote (") opens a cell here and is never closed, so the rest of the file would read as one cell',
      'broken.csv 第 3 行：这一行有一个引号（"）没有闭合，之后的内容都会被当成同一格',
    ]);
  });

  it('a debit column names itself as debit', async () => {
    const text = 'Date,Debit,Credit\n2025-01-02,"3,50",\n';
    const f = await refusal(text, 'pair.csv', { csvMapping: { dateColumn: 0, dateFormat: 'YYYY-MM-DD', debitColumn: 1, creditColumn: 2, decimal: '.', currency: 'EUR' } });
    expect(both(f)).toEqual([
      "pair.csv, line 2: debit '3,50' is not an amount with '.' as the decimal separator",
      'pair.csv 第 2 行：支出“3,50”不是以“.”为小数点的金额',
    ]);
  });

  it('a date that is not in the chosen format', async () => {
    const f = await refusal('Date,Amount\n03/15/2024,-12.50\n', 'generic-bank.csv', { csvMapping: { dateColumn: 0, dateFormat: 'YYYY-MM-DD', amountColumn: 1, decimal: '.', currency: 'USD' } });
    expect(both(f)).toEqual([
      "generic-bank.csv, line 2: date '03/15/2024' does not match the date format YYYY-MM-DD",
      'generic-bank.csv 第 2 行：日期“03/15/2024”不符合日期格式 YYYY-MM-DD',
    ]);
  });

  it('a row without an amount', async () => {
    const f = await refusal('Date,Amount,Note\n2025-01-02,,x\n', 'gap.csv', { csvMapping: { dateColumn: 0, dateFormat: 'YYYY-MM-DD', amountColumn: 1, decimal: '.', currency: 'USD' } });
    expect(both(f)).toEqual(['gap.csv, line 2: the row has no amount', 'gap.csv 第 2 行：这一行没有金额']);
  });

  it('an empty file, and files that are no statements (binary, or text without a table)', async () => {
    expect(both(await refusal('', 'empty.csv'))).toEqual(['empty.csv: the file is empty', 'empty.csv：文件是空的']);
    expect(both(await refusal('   \n\n', 'blank.csv'))).toEqual(['blank.csv: the file is empty', 'blank.csv：文件是空的']);
    const binary = Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x7f, 0x00, 0x03, 0x00]);
    expect(both(await refusal(binary, 'notes.txt'))).toEqual(['notes.txt: this is not a statement file Quanzi can read', 'notes.txt：这不是圈子能读取的账单文件']);
    expect(both(await refusal('Dear diary\ntoday was fine\n', 'diary.txt'))).toEqual(['diary.txt: this is not a statement file Quanzi can read', 'diary.txt：这不是圈子能读取的账单文件']);
  });

  it('a CSV that needs a mapping, and a mapping that does not fit', async () => {
    expect(importErrorText(await refusal(GERMAN, 'german.csv'), 'zh-CN')).toBe('german.csv：圈子还不认识这种 CSV 格式，请选择各列分别是什么');
    const f = await refusal(GERMAN, 'german.csv', { csvMapping: { ...german, amountColumn: 9 } });
    expect(both(f)).toEqual(["german.csv: the column mapping does not fit this file's 4 columns", 'german.csv：列的对应关系与这个文件的 4 列不符']);
  });

  it('a ledger whose header lacks a column, or that has no header row', async () => {
    const lines = readFileSync('tests/fixtures/wechat-2024-sample.csv', 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('交易时间,交易类型'));
    lines[header] = lines[header]!.replace('金额(元)', '价格');
    const f = await refusal(lines.join('\n'), 'wechat.csv');
    expect(both(f)).toEqual([`wechat.csv, line ${header + 1}: the header has no column '金额(元)'`, `wechat.csv 第 ${header + 1} 行：表头里没有“金额(元)”列`]);
    // What parseLedgerTable throws when the table never starts (the layouts are found by that header, so a real file
    // reaching it is hard to build).
    const noHeader: ShownFailure = { fileName: 'a.csv', message: 'a.csv: no Alipay header row (交易时间,交易分类,…) was found', code: 'no-header', params: { format: 'alipay', columns: '交易时间,交易分类' } };
    expect(both(noHeader)).toEqual(['a.csv: no Alipay CSV header row (交易时间,交易分类,…) was found', 'a.csv：找不到支付宝账单 CSV 的表头行（交易时间,交易分类…）']);
  });

  it('a bank format’s amount is worded in each language, naming the field it is in', async () => {
    const f = await refusal('!Type:Bank\nD2024-01-01\nT-3.00\n^\nD2024-01-02\nPShop\nTabc\n^\n', 'bad.qif');
    expect(both(f)).toEqual(["bad.qif, line 7: the amount 'abc' (T) is not a number", 'bad.qif 第 7 行：金额“abc”（T）不是数字']);
  });

  it('a damaged .xlsx says what is wrong with it in each language, with no line (the file is a zip, not lines) and no library English', async () => {
    const whole = new Uint8Array(readFileSync('tests/fixtures/wechat-2024-sample.xlsx'));
    const cut = await refusal(whole.subarray(0, Math.floor(whole.length / 2)), 'bill.xlsx');
    expect(cut.code).toBe('bad-workbook');
    expect(cut.line).toBeUndefined();
    expect(both(cut)).toEqual([
      'bill.xlsx: this .xlsx is incomplete: its end is missing, as when a download breaks off. Download or export the bill from WeChat again.',
      'bill.xlsx：这个 .xlsx 文件不完整：缺少文件末尾，像是下载中断了。请从微信重新下载或导出账单。',
    ]);

    // A part whose XML breaks off: still the workbook, not a line of an XML file the person never sees.
    const parts = unzipSync(whole);
    const sheet = Object.keys(parts).find((name) => name.startsWith('xl/worksheets/sheet'))!;
    const brokenSheet = await refusal(zipSync({ ...parts, [sheet]: strToU8('<worksheet><sheetData><row r="1">') }), 'bill.xlsx');
    expect(brokenSheet.code).toBe('bad-workbook');
    expect(brokenSheet.line).toBeUndefined();
    expect(both(brokenSheet)[1]).toBe('bill.xlsx：这个 .xlsx 文件已损坏：其中的工作表不完整或格式有误。请从微信重新导出账单。');

    const noSheet = await refusal(zipSync(Object.fromEntries(Object.entries(parts).filter(([name]) => !name.startsWith('xl/worksheets/')))), 'bill.xlsx');
    expect(both(noSheet)[0]).toBe('bill.xlsx: this .xlsx has no worksheet to read. Export the bill from WeChat again.');

    // Compressed data scrambled in the middle: the zip's directory is intact, its contents are not.
    const scrambled = whole.slice();
    const nameAt = Buffer.from(whole).indexOf(sheet);
    const dataAt = nameAt + sheet.length + (whole[nameAt - 2]! | (whole[nameAt - 1]! << 8));
    for (let i = dataAt + 10; i < dataAt + 60; i++) scrambled[i]! ^= 0x55;
    expect(both(await refusal(scrambled, 'bill.xlsx'))[0]).toBe('bill.xlsx: this .xlsx is damaged: its compressed data cannot be read. Export the bill from WeChat again.');
  });

  it('a workbook that is not a WeChat Pay bill is told to go through CSV, in each language', async () => {
    const parts = unzipSync(new Uint8Array(readFileSync('tests/fixtures/wechat-2024-sample.xlsx')));
    const f = await refusal(zipSync({ ...parts, 'xl/sharedStrings.xml': strToU8('<sst><si><t>Date</t></si></sst>') }), 'sheet.xlsx');
    expect(both(f)).toEqual([
      'sheet.xlsx: this workbook is not a WeChat Pay bill. Save it as CSV to map its columns.',
      'sheet.xlsx：这个工作簿不是微信支付账单。请另存为 CSV，再对应各列。',
    ]);
  });

  it('an error it has no words for keeps the English reason, once, inside a Chinese sentence', () => {
    const f: ShownFailure = { fileName: 'a.ofx', message: 'a.ofx: the statement is odd', code: 'bad-structure', reason: 'the statement is odd' };
    expect(both(f)).toEqual(['a.ofx: the statement is odd', 'a.ofx：无法读取（the statement is odd）']);
  });

  it('an unexpected failure says what broke', () => {
    const f = structuredClone({ ...asImportError(new Error('boom'), 'x.csv').toJSON(), fileName: 'x.csv' }) as ShownFailure;
    expect(both(f)).toEqual(['x.csv: it could not be read (boom)', 'x.csv：无法读取（boom）']);
  });

  it('a failure without a reason (not from a parser) drops its own file/line prefix rather than repeating it', () => {
    expect(importErrorText({ fileName: 'a.csv', line: 3, message: 'a.csv line 3: something odd' }, 'en')).toBe('a.csv, line 3: something odd');
    expect(importErrorText({ fileName: 'a.csv', message: 'a.csv: something odd' }, 'zh-CN')).toBe('a.csv：无法读取（something odd）');
    expect(importErrorText({ fileName: 'a.csv', message: 'The statement readers are not part of this build.', code: 'unsupported' }, 'en'))
      .toBe('a.csv: The statement readers are not part of this build.');
    // A coded error missing the values its wording needs is not worded with holes in it.
    expect(importErrorText({ fileName: 'a.csv', line: 2, message: 'a.csv line 2: date x is bad', code: 'bad-date' }, 'en')).toBe('a.csv, line 2: date x is bad');
  });
});

describe('formatName', () => {
  it('names every format the parsers write, in both languages', () => {
    const ids = ['alipay', 'alipay-legacy', 'wechat-csv', 'wechat-xlsx', 'ofx', 'qif', 'camt053', 'csv', 'quanzi-csv'];
    expect(ids.map((id) => formatName(id, 'en'))).toEqual(['Alipay CSV', 'Alipay CSV, older layout', 'WeChat Pay CSV', 'WeChat Pay XLSX', 'Bank OFX/QFX', 'QIF', 'CAMT.053', 'Mapped CSV', 'Quanzi CSV']);
    expect(ids.map((id) => formatName(id, 'zh-CN'))).toEqual(['支付宝账单 CSV', '支付宝旧版账单 CSV', '微信支付账单 CSV', '微信支付账单 XLSX', '银行 OFX/QFX', 'QIF', 'CAMT.053', '自定义列 CSV', '圈子 CSV']);
  });

  it('shows an id it has no name for as it is', () => {
    expect(formatName('mt940', 'zh-CN')).toBe('mt940');
  });
});

describe('skippedReasonText', () => {
  it('words a skipped row’s common reason in the UI language, from what the parser found', async () => {
    const bad = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n,Balance,100.00\n';
    const result = await parseStatement(new TextEncoder().encode(bad), 'bank.csv', { csvMapping: { dateColumn: 0, dateFormat: 'YYYY-MM-DD', amountColumn: 2, payeeColumn: 1, decimal: '.', currency: 'EUR' } });
    const [row] = structuredClone(result.skipped);
    expect([skippedReasonText(row!, 'en'), skippedReasonText(row!, 'zh-CN')]).toEqual(['the row has no date', '这一行没有日期']);
    const cells = { reason: 'the row has 3 cells, expected at least 7', code: 'few-cells' as const, params: { count: 3, expected: 7 } };
    expect(skippedReasonText(cells, 'zh-CN')).toBe('这一行只有 3 格，至少应有 7 格');
    expect(skippedReasonText({ reason: "amount 'x' is not a number", code: 'bad-amount', params: { value: 'x' } }, 'zh-CN')).toBe('金额“x”不是数字');
  });

  it('a reason without a code, or without the values its words need, is shown as the parser wrote it', () => {
    expect(skippedReasonText({ reason: "kind 'spending' is not one of …" }, 'zh-CN')).toBe("kind 'spending' is not one of …");
    expect(skippedReasonText({ reason: 'the row has 3 cells', code: 'few-cells', params: { count: 3 } }, 'zh-CN')).toBe('the row has 3 cells');
  });
});
