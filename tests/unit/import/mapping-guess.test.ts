// The mapping form's first guesses: a US or European bank CSV imports with the form's defaults.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectCsv, parseStatement, type CsvMapping, type ParseResult } from '../../../src/core/import/index';
import { columnSamples, defaultCurrency, guessCurrency, guessDateFormat, guessDecimal, guessMapping, startingPoint, type MappingGuess } from '../../../src/ui/import/mapping-guess';

describe('guessDateFormat', () => {
  it('a day above 12 decides month-first or day-first', () => {
    expect(guessDateFormat(['03/05/2024', '03/15/2024'])).toBe('MM/DD/YYYY');
    expect(guessDateFormat(['05/03/2024', '15/03/2024'])).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['3/15/24 10:22'])).toBe('MM/DD/YYYY');
  });

  it('dotted day-first dates get the dotted format', () => {
    expect(guessDateFormat(['15.03.2024', '02.01.2025'])).toBe('DD.MM.YYYY');
  });

  it('samples that do not decide keep the first format that reads them all', () => {
    expect(guessDateFormat(['03/04/2024', '11/12/2024'])).toBe('DD/MM/YYYY');
    expect(guessDateFormat(['2024-03-15', '2024/3/16 08:00'])).toBe('YYYY-MM-DD');
    expect(guessDateFormat(['20240315'])).toBe('YYYYMMDD');
    expect(guessDateFormat([])).toBe('YYYY-MM-DD');
  });

  it('one unreadable sample does not throw the guess off', () => {
    expect(guessDateFormat(['03/15/2024', '03/16/2024', 'Total'])).toBe('MM/DD/YYYY');
  });
});

describe('guessDecimal', () => {
  it('reads a decimal comma from European amounts', () => {
    expect(guessDecimal(['-12,50', '1.234,56', '2.500'], 'EUR')).toBe(',');
    expect(guessDecimal(['-3,5'], 'EUR')).toBe(',');
  });

  it('keeps the point for US amounts and for amounts either reads', () => {
    expect(guessDecimal(['-12.50', '1,234.56', '1,500'], 'USD')).toBe('.');
    expect(guessDecimal(['100', '-20'], 'USD')).toBe('.');
    expect(guessDecimal([], 'USD')).toBe('.');
  });
});

describe('columnSamples', () => {
  it('takes the non-blank cells of one column; -1 (no column) has none', () => {
    expect(columnSamples([['a', ' 1 '], ['b', ''], ['c']], 1)).toEqual(['1']);
    expect(columnSamples([['a']], -1)).toEqual([]);
  });
});

describe('guessCurrency', () => {
  const file = (headers: string[], ...rows: string[][]) => ({ headers, sampleRows: rows });
  it('takes a currency the file names: an ISO code in a column, or a sign', () => {
    expect(guessCurrency(file(['Date', 'Amount', 'Currency'], ['2024-01-02', '-3.50', 'GBP'], ['2024-01-03', '-1.00', 'GBP']), 'en')).toBe('GBP');
    expect(guessCurrency(file(['Date', 'Amount'], ['2024-01-02', '-3,50 €']), 'en')).toBe('EUR');
    expect(guessCurrency(file(['日期', '金额'], ['2024-01-02', '¥36.00']), 'en')).toBe('CNY');
  });
  it('a euro-area bank’s header words mean EUR; nothing to go by is the UI language’s currency', () => {
    expect(guessCurrency(file(['Date opération', 'Libellé', 'Montant']), 'en')).toBe('EUR');
    expect(guessCurrency(file(['Date', 'Payee', 'Amount'], ['03/15/2024', 'Blue Bottle', '-12.50']), 'en')).toBe('USD');
    expect(guessCurrency(file(['Date', 'Payee', 'Amount'], ['03/15/2024', 'Blue Bottle', '-12.50']), 'zh-CN')).toBe('CNY');
    // A three-letter word that is not a currency is not taken for one.
    expect(guessCurrency(file(['Date', 'Memo', 'Amount'], ['2024-01-02', 'THE END', '-1.00']), 'en')).toBe('USD');
  });
});

describe('defaultCurrency', () => {
  it('is CNY in Chinese and USD in English', () => {
    expect(defaultCurrency('zh-CN')).toBe('CNY');
    expect(defaultCurrency('en')).toBe('USD');
  });
});

describe('guessMapping: the form as it opens imports the file', () => {
  const importAsGuessed = async (name: string, locale: 'en' | 'zh-CN'): Promise<{ guess: MappingGuess; result: ParseResult }> => {
    const bytes = new Uint8Array(readFileSync(`tests/fixtures/${name}`));
    const guess = guessMapping(inspectCsv(bytes, name), locale);
    const { dateColumn, dateFormat, amountColumn, payeeColumn, memoColumn, decimal, currency } = guess;
    const mapping: CsvMapping = { dateColumn, dateFormat, amountColumn, payeeColumn, memoColumn, decimal, currency };
    return { guess, result: await parseStatement(bytes, name, { csvMapping: mapping }) };
  };

  it('a US export: month-first dates, decimal point, USD in English', async () => {
    const { guess, result } = await importAsGuessed('generic-us-bank.csv', 'en');
    expect(guess).toMatchObject({ dateColumn: 0, payeeColumn: 1, amountColumn: 2, memoColumn: 3, dateFormat: 'MM/DD/YYYY', decimal: '.', currency: 'USD' });
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor, t.counterparty])).toEqual([
      ['2024-03-15', -1250, 'Blue Bottle Coffee'], ['2024-03-16', -4500, 'Uniqlo'], ['2024-03-20', 150000, 'ACME Payroll'],
    ]);
  });

  it('a German export: dotted day-first dates, decimal comma; EUR in either language (its headers are a euro bank’s)', async () => {
    const { guess, result } = await importAsGuessed('generic-eu-bank.csv', 'zh-CN');
    expect(guess).toMatchObject({ dateColumn: 0, payeeColumn: 1, memoColumn: 2, amountColumn: 3, dateFormat: 'DD.MM.YYYY', decimal: ',', currency: 'EUR' });
    expect((await importAsGuessed('generic-eu-bank.csv', 'en')).guess.currency).toBe('EUR');
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor, t.counterparty])).toEqual([
      ['2024-03-15', -1250, 'Rewe'], ['2024-03-16', -123456, 'IKEA'], ['2024-04-01', 250000, 'Arbeitgeber GmbH'],
    ]);
  });

  // Found in a user test: both files opened on "one signed amount column", with the payee or the description as
  // the amount, and were refused once saved.
  it('debit and credit columns (English and German) open as the pair, the description as the payee', () => {
    const inspect = (text: string, name: string) => inspectCsv(new TextEncoder().encode(text), name);
    const english = guessMapping(inspect('Date,Description,Debit,Credit,Balance\n06/03/2024,Corner Cafe,4.50,,995.50\n06/04/2024,Salary,,2000.00,2995.50\n', 'dc.csv'), 'en');
    expect(english).toMatchObject({ amountMode: 'pair', debitColumn: 2, creditColumn: 3, payeeColumn: 1, memoColumn: -1, decimal: '.' });
    const german = guessMapping(inspect('Datum;Empfänger;Soll;Haben\n03.06.2024;Rewe;12,50;\n04.06.2024;Arbeitgeber;;2.500,00\n', 'sh.csv'), 'en');
    expect(german).toMatchObject({ amountMode: 'pair', debitColumn: 2, creditColumn: 3, payeeColumn: 1, decimal: ',', currency: 'EUR' });
  });

  it('without a named amount column, the column whose values read as amounts', () => {
    const guess = guessMapping(inspectCsv(new TextEncoder().encode('When,Who,Value,Note\n2024-06-01,Shop X,-12.50,lunch\n2024-06-02,Shop Y,-3.00,tea\n'), 'odd.csv'), 'en');
    expect(guess).toMatchObject({ amountMode: 'single', amountColumn: 2, dateColumn: 0 });
  });
});

describe('startingPoint: a file sent back to the form', () => {
  it('starts from the mapping it was read with; the guesses fill only what that mapping left out', () => {
    const guess = guessMapping(inspectCsv(new TextEncoder().encode('Date,Description,Debit,Credit\n06/01/2024,Cafe,4.50,\n'), 'dc.csv'), 'en');
    expect(startingPoint(guess, undefined)).toBe(guess);
    const start: CsvMapping = { dateColumn: 0, dateFormat: 'DD/MM/YYYY', amountColumn: 2, decimal: ',', currency: 'CNY' };
    expect(startingPoint(guess, start)).toEqual({
      ...guess, dateFormat: 'DD/MM/YYYY', amountMode: 'single', amountColumn: 2, payeeColumn: -1, memoColumn: -1, decimal: ',', currency: 'CNY',
    });
  });
});
