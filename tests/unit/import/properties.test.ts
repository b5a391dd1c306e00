// Property tests (fast-check): whatever bytes arrive, the importers answer with a result or an ImportError (never
// another exception, never the 'internal' fallback); and parse → store → re-import adds zero rows.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isImportError, parseStatement, type CsvMapping, type ParseOptions, type ParseResult } from '../../../src/core/import/index';
import { QuanziDB } from '../../../src/db/schema';
import { TransactionStore } from '../../../src/db/transactions';

const FIXTURES = ['alipay-2024-sample.csv', 'alipay-legacy-sample.csv', 'wechat-2024-sample.csv', 'wechat-2024-sample.xlsx',
  'card-ofx2-sample.qfx', 'bank-sample.qif', 'camt053-v08-sample.xml', 'quanzi-export-sample.csv'] as const;
const fixtureBytes = new Map(FIXTURES.map((name) => [name, new Uint8Array(readFileSync(`tests/fixtures/${name}`))]));
const OCCURRED_AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;

/** Parses and checks the contract on whichever way it ends. Returns the result, or undefined after an ImportError. */
async function parseChecked(bytes: Uint8Array, fileName: string, options?: ParseOptions): Promise<ParseResult | undefined> {
  let result: ParseResult;
  try {
    result = await parseStatement(bytes, fileName, options);
  } catch (e) {
    if (!isImportError(e)) throw new Error(`not an ImportError: ${String(e)}`, { cause: e });
    const err = e as { code?: string; line?: number; message: string };
    if (err.code === 'internal') throw new Error(`internal error escaped: ${err.message}`);
    expect(err.message.length).toBeGreaterThan(0);
    if (err.line !== undefined) expect(Number.isInteger(err.line) && err.line >= 1).toBe(true);
    return undefined;
  }
  const fingerprints = new Set<string>();
  for (const t of result.transactions) {
    expect(Number.isSafeInteger(t.amountMinor)).toBe(true);
    expect(t.occurredAt).toMatch(OCCURRED_AT);
    expect(t.currency).toMatch(/^[A-Z]{3}$/);
    fingerprints.add(t.fingerprint);
  }
  expect(fingerprints.size).toBe(result.transactions.length);
  for (const s of result.skipped) expect(Number.isInteger(s.line) && s.line >= 1).toBe(true);
  return result;
}

type Mutation =
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  // Insert bytes that mean something to the parsers: delimiters, quotes, line ends, tag brackets, digits.
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.constantFrom(0x2c, 0x3b, 0x09, 0x22, 0x0a, 0x0d, 0x3c, 0x3e, 0x2f, 0x2d, 0x2e, 0x30, 0x39, 0x5e, 0x21, 0xe4, 0xbd, 0x00, 0xff), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(source);
  for (const m of mutations) {
    const at = bytes.length ? m.at % bytes.length : 0;
    if (m.op === 'flip' && bytes.length) bytes[at] = m.byte;
    else if (m.op === 'insert') bytes.splice(at, 0, ...m.bytes);
    else if (m.op === 'delete') bytes.splice(at, m.length);
    else if (m.op === 'truncate') bytes = bytes.slice(0, at);
    else if (m.op === 'duplicate') bytes.splice(at, 0, ...bytes.slice(at, at + m.length));
  }
  return new Uint8Array(bytes);
}

describe('any input ends in a result or an ImportError', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('x.csv', 'x.qif', 'x.ofx', 'x.xml', 'x.xlsx'), async (bytes, name) => {
        await parseChecked(bytes, name);
      }),
      { numRuns: 300 },
    );
  });

  it('random text made of the formats\' own tokens', async () => {
    const token = fc.constantFrom('!Type:Bank\n', '!Account\n', 'D2024-05-02\n', "D5/6'24\n", 'T-1,024.99\n', 'U12\n', 'PShop\n', '^\n', 'L[Cash]\n',
      'OFXHEADER:100\n', '<OFX>', '<STMTTRN>', '</STMTTRN>', '<CURDEF>EUR', '<TRNAMT>-1.5', '<DTPOSTED>20240503[-7:MST]', '<FITID>1', '<NAME>a&amp;b',
      '<?xml version="1.0"?>', '<Document>', '</Document>', '<BkToCstmrStmt>', '<Stmt>', '</Stmt>', '<Ntry>', '</Ntry>', '<Amt Ccy="EUR">1.00</Amt>', '<CdtDbtInd>DBIT</CdtDbtInd>',
      '交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注\n', '2024-05-30 08:15:02,餐饮,星巴克,,,支出,36.00,花呗,交易成功,1\t,2\t,\n',
      'Date;Payee;Amount\n', '01.02.2025;X;-1,00\n', ',', ';', '"', '\n', '\r\n', '-----\n', 'abc', '12.5');
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), async (tokens) => {
        await parseChecked(new TextEncoder().encode(tokens.join('')), 'tokens.txt');
      }),
      { numRuns: 400 },
    );
  });

  for (const name of FIXTURES) {
    it(`mutated ${name}`, async () => {
      const source = fixtureBytes.get(name)!;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          await parseChecked(mutate(source, mutations), name);
        }),
        { numRuns: name.endsWith('.xlsx') ? 60 : 150 },
      );
    });
  }

  it('mutated generic CSV read with a mapping', async () => {
    const csv = new TextEncoder().encode('Buchungstag;Empfaenger;Verwendungszweck;Betrag\n02.01.2025;Bäckerei;Brot;-3,50\n03.01.2025;"Arbeitgeber; GmbH";Gehalt;2.500,00\n');
    const csvMapping: CsvMapping = { dateColumn: 0, dateFormat: 'DD.MM.YYYY', amountColumn: 3, payeeColumn: 1, memoColumn: 2, decimal: ',', currency: 'EUR' };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        await parseChecked(mutate(csv, mutations), 'bank.csv', { csvMapping });
      }),
      { numRuns: 150 },
    );
  });
});

let dbCounter = 0;
const freshStore = () => new TransactionStore(new QuanziDB(`import-props-${++dbCounter}`));

async function storeTwice(bytes: Uint8Array, name: string, options?: ParseOptions): Promise<{ first: number; second: number; duplicates: number; rows: number }> {
  const store = freshStore();
  const first = (await parseStatement(bytes, name, options)) as ParseResult;
  const a = await store.importRows({ fileName: name, format: first.format, transactions: first.transactions, skipped: first.skipped.length });
  const again = (await parseStatement(bytes, name, options)) as ParseResult;
  const b = await store.importRows({ fileName: name, format: again.format, transactions: again.transactions, skipped: again.skipped.length });
  return { first: a.record.added, second: b.record.added, duplicates: b.record.duplicates, rows: first.transactions.length };
}

describe('parse → store → re-import adds zero rows', () => {
  it('every fixture', async () => {
    for (const name of FIXTURES) {
      const { first, second, duplicates, rows } = await storeTwice(fixtureBytes.get(name)!, name);
      expect([name, first, second, duplicates]).toEqual([name, rows, 0, rows]);
    }
  });

  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-03-${String(d).padStart(2, '0')}`);
  const cents = fc.integer({ min: -999_999, max: 999_999 });
  const payee = fc.constantFrom('Coffee', 'Rent', 'Shop', 'Salary');
  const money = (c: number) => `${c < 0 ? '-' : ''}${Math.floor(Math.abs(c) / 100).toLocaleString('en-US')}.${String(Math.abs(c) % 100).padStart(2, '0')}`;

  it('generated QIF files, identical rows included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(day, cents, payee), { minLength: 1, maxLength: 40 }), async (records) => {
        const text = '!Type:Bank\n' + records.map(([d, c, p]) => `D${d}\nT${money(c)}\nP${p}\n^\n`).join('');
        const { first, second, duplicates } = await storeTwice(new TextEncoder().encode(text), 'gen.qif');
        expect([first, second, duplicates]).toEqual([records.length, 0, records.length]);
      }),
      { numRuns: 40 },
    );
  });

  it('generated mapped CSV files, and a later export that overlaps by FITID-like references', async () => {
    const csvMapping: CsvMapping = { dateColumn: 0, dateFormat: 'YYYY-MM-DD', amountColumn: 2, payeeColumn: 1, referenceColumn: 3, decimal: '.', currency: 'USD' };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(day, cents, payee), { minLength: 2, maxLength: 40 }), fc.nat(), async (records, cut) => {
        const line = ([d, c, p]: [string, number, string], i: number) => `${d},${p},"${money(c)}",REF${i}`;
        const all = records.map(line);
        const store = freshStore();
        const parse = async (lines: string[]) => (await parseStatement(new TextEncoder().encode('Date,Payee,Amount,Ref\n' + lines.join('\n')), 'gen.csv', { csvMapping })) as ParseResult;
        const older = await parse(all.slice(0, 1 + (cut % all.length)));
        await store.importRows({ fileName: 'old.csv', format: 'csv', transactions: older.transactions, skipped: 0 });
        const later = await parse(all);
        const { record } = await store.importRows({ fileName: 'new.csv', format: 'csv', transactions: later.transactions, skipped: 0 });
        expect(record.added + older.transactions.length).toBe(records.length);
        const again = await store.importRows({ fileName: 'new.csv', format: 'csv', transactions: (await parse(all)).transactions, skipped: 0 });
        expect(again.record.added).toBe(0);
      }),
      { numRuns: 30 },
    );
  });
});

describe('amount text is read exactly', () => {
  it('plain and grouped amounts equal their digits, for 0-, 2- and 3-decimal currencies', async () => {
    const { parseAmountMinor, minorDigits } = await import('../../../src/core/money');
    fc.assert(
      fc.property(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.constantFrom('JPY', 'EUR', 'KWD'), fc.nat({ max: 3 }), fc.boolean(), (negative, whole, currency, fracDigits, grouped) => {
        const digits = minorDigits(currency);
        const frac = fracDigits ? String(whole % 10n ** BigInt(fracDigits)).padStart(fracDigits, '0') : '';
        const wholeText = grouped ? whole.toLocaleString('en-US') : whole.toString();
        const text = `${negative ? '-' : ''}${wholeText}${frac ? '.' + frac : ''}`;
        const parsed = parseAmountMinor(text, { currency });
        const expected = fracDigits > digits && !/^0*$/.test(frac.slice(digits)) ? null : BigInt(whole.toString() + (frac + '000').slice(0, digits));
        if (expected === null || expected > BigInt(Number.MAX_SAFE_INTEGER)) expect(parsed).toBeNull();
        else expect(parsed).toBe(negative && expected !== 0n ? -Number(expected) : Number(expected));
      }),
      { numRuns: 500 },
    );
  });
});
