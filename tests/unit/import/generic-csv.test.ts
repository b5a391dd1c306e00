// Any other CSV: inspection for the mapping screen, the 'needs-mapping' error, and reading rows with a mapping.
import { describe, expect, it } from 'vitest';
import { inspectCsv, parseStatement, type CsvMapping, type ParseResult } from '../../../src/core/import/index';
import { parseMappedDate } from '../../../src/core/import/csv-generic';

const bytes = (text: string) => new TextEncoder().encode(text);
const failure = async (text: string, name: string, options = {}) => {
  try {
    await parseStatement(bytes(text), name, options);
  } catch (e) {
    return e as { name: string; line?: number; code?: string; message: string; headers?: string[]; inspection?: { headers: string[]; signature: string } };
  }
  throw new Error('expected an ImportError');
};

const GERMAN = 'Kontoauszug Girokonto;;;\nIBAN DE00 1234;;;\n\nBuchungstag;Empfaenger;Verwendungszweck;Betrag\n02.01.2025;Bäckerei Müller;Brot;-3,50\n03.01.2025;"Arbeitgeber; GmbH";Gehalt;2.500,00\n;;Saldo;2.496,50\n';
const germanMapping: CsvMapping = { dateColumn: 0, dateFormat: 'DD.MM.YYYY', amountColumn: 3, payeeColumn: 1, memoColumn: 2, decimal: ',', currency: 'EUR' };

describe('inspectCsv', () => {
  it('finds the delimiter and the header under a preamble, with sample rows and a stable signature', () => {
    const inspection = inspectCsv(bytes(GERMAN), 'giro.csv');
    expect(inspection).toMatchObject({ headers: ['Buchungstag', 'Empfaenger', 'Verwendungszweck', 'Betrag'], headerLine: 4, delimiter: ';' });
    expect(inspection.sampleRows[1]).toEqual(['03.01.2025', 'Arbeitgeber; GmbH', 'Gehalt', '2.500,00']);
    // The next month's export (other rows, same columns) has the same signature; other columns do not.
    expect(inspectCsv(bytes('Buchungstag;Empfaenger;Verwendungszweck;Betrag\n01.02.2025;X;Y;-1,00\n'), 'feb.csv').signature).toBe(inspection.signature);
    expect(inspectCsv(bytes('Buchungstag;Empfaenger;Betrag\n01.02.2025;X;-1,00\n'), 'other.csv').signature).not.toBe(inspection.signature);
  });

  it('reads commas and tabs too', () => {
    expect(inspectCsv(bytes('Date,Description,Amount\n2025-01-01,"Coffee, large",-3.50\n'), 'a.csv')).toMatchObject({ delimiter: ',', headers: ['Date', 'Description', 'Amount'] });
    expect(inspectCsv(bytes('Date\tPayee\tAmount\n2025-01-01\tShop\t-3.50\n'), 'a.tsv')).toMatchObject({ delimiter: '\t' });
  });

  it('refuses a file whose quoted cell never closes at once, naming the line it opens on, before any mapping', async () => {
    const broken = 'Date,Description,Amount\n2024-03-01,Coffee,-4.50\n2024-03-02,"Unclosed quote,-12.00\n2024-03-03,Bookstore,-30.00\n';
    expect(() => inspectCsv(bytes(broken), 'broken.csv')).toThrow(expect.objectContaining({ name: 'ImportError', code: 'unclosed-quote', line: 3 }));
    // Imported without a mapping (the first try, or a remembered one), it is refused the same way, not sent to the form.
    expect(await failure(broken, 'broken.csv')).toMatchObject({ code: 'unclosed-quote', line: 3, message: 'broken.csv line 3: a quoted cell is never closed' });
    // A quote in the preamble swallows the whole table: the person is told about the quote, not 'no statement'.
    expect(await failure(`"Account: Giro\n${broken.replace('"', '')}`, 'giro.csv')).toMatchObject({ code: 'unclosed-quote', line: 1 });
    // A stray quote that only opens an empty last line loses nothing: the file still goes to the mapping form.
    expect(inspectCsv(bytes(`${GERMAN}"\n`), 'giro.csv').sampleRows).toHaveLength(3);
  });
});

describe('parseStatement on an unknown CSV', () => {
  it('without a mapping throws needs-mapping carrying the inspection', async () => {
    const err = await failure(GERMAN, 'giro.csv');
    expect(err).toMatchObject({ name: 'ImportError', code: 'needs-mapping', headers: ['Buchungstag', 'Empfaenger', 'Verwendungszweck', 'Betrag'] });
    expect(err.inspection!.signature).toBe(inspectCsv(bytes(GERMAN), 'giro.csv').signature);
  });

  it('with a mapping reads decimal commas, quoted delimiters, and skips the balance line without a date', async () => {
    const result = (await parseStatement(bytes(GERMAN), 'giro.csv', { csvMapping: germanMapping })) as ParseResult;
    expect(result.format).toBe('csv');
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor, t.currency, t.kind, t.counterparty, t.description])).toEqual([
      ['2025-01-02', -350, 'EUR', 'expense', 'Bäckerei Müller', 'Brot'],
      ['2025-01-03', 250000, 'EUR', 'income', 'Arbeitgeber; GmbH', 'Gehalt'],
    ]);
    expect(result.skipped).toEqual([{ line: 7, reason: 'the row has no date', code: 'no-date' }]);
  });

  it('reads a debit/credit pair, a time column and a reference', async () => {
    const text = 'Date,Time,Ref,Payee,Debit,Credit\n03/15/2025,08:05,A 1,Shop,"1,024.50",\n03/16/2025,17:00,A2,Employer,,"2,000.00"\n';
    const mapping: CsvMapping = { dateColumn: 0, dateFormat: 'MM/DD/YYYY', timeColumn: 1, referenceColumn: 2, payeeColumn: 3, debitColumn: 4, creditColumn: 5, decimal: '.', currency: 'USD' };
    const result = (await parseStatement(bytes(text), 'pair.csv', { csvMapping: mapping })) as ParseResult;
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor, t.kind, t.externalId])).toEqual([
      ['2025-03-15T08:05:00', -102450, 'expense', 'A1'],
      ['2025-03-16T17:00:00', 200000, 'income', 'A2'],
    ]);
  });

  it('refuses a row it cannot read, naming its line', async () => {
    const bad = GERMAN.replace('-3,50', 'drei');
    const err = await failure(bad, 'giro.csv', { csvMapping: germanMapping });
    expect(err).toMatchObject({ name: 'ImportError', line: 5 });
    expect(err.message).toContain('giro.csv line 5:');
    expect(await failure(GERMAN, 'giro.csv', { csvMapping: { ...germanMapping, dateFormat: 'YYYY-MM-DD' } })).toMatchObject({ line: 5 });
    // The decimal separator the person picked decides: '2.500,00' is not an amount with a decimal point.
    expect(await failure(GERMAN, 'giro.csv', { csvMapping: { ...germanMapping, decimal: '.' } })).toMatchObject({ line: 5 });
  });

  it('refuses a mapping that does not fit the columns', async () => {
    expect(await failure(GERMAN, 'giro.csv', { csvMapping: { ...germanMapping, amountColumn: 9 } })).toMatchObject({ code: 'bad-mapping' });
  });
});

describe('parseMappedDate', () => {
  it('reads each layout with an optional time and refuses impossible dates', () => {
    expect(parseMappedDate('2025-01-31', 'YYYY-MM-DD')).toBe('2025-01-31');
    expect(parseMappedDate('2025/1/3 9:05', 'YYYY-MM-DD')).toBe('2025-01-03T09:05:00');
    expect(parseMappedDate('31/01/2025', 'DD/MM/YYYY')).toBe('2025-01-31');
    expect(parseMappedDate('01/31/25', 'MM/DD/YYYY')).toBe('2025-01-31');
    expect(parseMappedDate('31.01.2025T23:59:59', 'DD.MM.YYYY')).toBe('2025-01-31T23:59:59');
    expect(parseMappedDate('20250131', 'YYYYMMDD', '12:00')).toBe('2025-01-31T12:00:00');
    expect(parseMappedDate('31/01/2025', 'MM/DD/YYYY')).toBeNull();
    expect(parseMappedDate('29.02.2025', 'DD.MM.YYYY')).toBeNull();
  });
});
