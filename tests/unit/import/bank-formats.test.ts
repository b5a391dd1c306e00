// OFX/QFX, QIF and CAMT.053: the samples in tests/fixtures (README says what each must yield), the layout
// variants banks really send, and the errors that name the line to look at.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement, type ParseResult } from '../../../src/core/import/index';
import { parseOfxDate } from '../../../src/core/import/ofx';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/${name}`));
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = async (text: string, name: string, options = {}): Promise<ParseResult> => parseStatement(bytes(text), name, options);
const failure = async (text: string, name: string, options = {}): Promise<{ name: string; line?: number; code?: string; message: string }> => {
  try {
    await parseStatement(bytes(text), name, options);
  } catch (e) {
    return e as { name: string; line?: number; code?: string; message: string };
  }
  throw new Error('expected an ImportError');
};
const rows = (r: ParseResult) => r.transactions.map((t) => [t.occurredAt, t.amountMinor, t.currency, t.kind, t.counterparty, t.description]);

describe('OFX 2.x XML (card-ofx2-sample.qfx)', () => {
  it('reads the three rows with CURDEF, FITID, dates with and without time, thousands separators', async () => {
    const result = await parseStatement(fixture('card-ofx2-sample.qfx'), 'card-ofx2-sample.qfx');
    expect(result.format).toBe('ofx');
    expect(result.skipped).toEqual([]);
    expect(rows(result)).toEqual([
      ['2024-05-03T00:00:00', -4217, 'CAD', 'expense', 'TIM HORTONS #1234', 'COFFEE'],
      ['2024-05-12', -129900, 'CAD', 'expense', 'BEST BUY CANADA', ''],
      // A payment onto the card is the person's own money moving, not income.
      ['2024-05-25', 50000, 'CAD', 'transfer', 'PAYMENT - THANK YOU', ''],
    ]);
    expect(result.transactions.map((t) => t.externalId)).toEqual(['24050300001', '24051200002', '24052500003']);
    expect(result.transactions.every((t) => t.source === 'ofx' && t.status === 'completed')).toBe(true);
  });
});

const SGML = `OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nCHARSET:1252\r\n\r\n<OFX>\r\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\r\n<CURDEF>EUR\r\n<BANKTRANLIST>\r\n<STMTTRN>\r\n<TRNTYPE>DEBIT\r\n<DTPOSTED>20240102103000[+1:CET]\r\n<TRNAMT>-1.234,56\r\n<FITID> 7001 \r\n<NAME>Caf&eacute; &amp; Bar\r\n<MEMO>Lunch\r\n</STMTTRN>\r\n<STMTTRN>\r\n<TRNTYPE>CREDIT\r\n<DTPOSTED>20240103\r\n<TRNAMT>2500\r\n<FITID>7002\r\n<PAYEE><NAME>Employer AG<CITY>Bern</PAYEE>\r\n</STMTTRN>\r\n<STMTTRN>\r\n<TRNTYPE>XFER\r\n<DTPOSTED>202401041200\r\n<TRNAMT>-100.00\r\n<FITID>7003\r\n<NAME>To savings\r\n<CURRENCY><CURRATE>1.0<CURSYM>CHF</CURRENCY>\r\n</STMTTRN>\r\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\r\n</OFX>\r\n`;

describe('OFX 1.x SGML', () => {
  it('reads unclosed leaf tags, decimal commas, PAYEE names, per-row CURRENCY and XFER', async () => {
    const result = await parse(SGML, 'bank.ofx');
    expect(rows(result)).toEqual([
      ['2024-01-02T10:30:00', -123456, 'EUR', 'expense', 'Caf&eacute; & Bar', 'Lunch'],
      ['2024-01-03', 250000, 'EUR', 'income', 'Employer AG', ''],
      ['2024-01-04T12:00:00', -10000, 'CHF', 'transfer', 'To savings', ''],
    ]);
    expect(result.transactions[0]!.externalId).toBe('7001');
  });

  it('names the line of a transaction whose TRNAMT cannot be read', async () => {
    const broken = SGML.replace('<TRNAMT>2500', '<TRNAMT>25 hundred');
    const err = await failure(broken, 'bank.ofx');
    expect(err).toMatchObject({ name: 'ImportError', code: 'bad-amount', line: 21, params: { field: 'TRNAMT', value: '25 hundred' } });
    expect(err.message).toContain("bank.ofx line 21: TRNAMT '25 hundred'");
  });

  it('refuses a statement without CURDEF and a row without a date, naming the line', async () => {
    expect(await failure(SGML.replace('<CURDEF>EUR\r\n', ''), 'bank.ofx')).toMatchObject({ code: 'no-currency', line: 9, params: { field: 'CURDEF' } });
    // No date at all: the line where the transaction starts.
    expect(await failure(SGML.replace('<DTPOSTED>20240103\r\n', ''), 'bank.ofx')).toMatchObject({ code: 'no-date', line: 18, params: { field: 'DTPOSTED' } });
    expect(await failure(SGML.replace('<DTPOSTED>20240103', '<DTPOSTED>20241303'), 'bank.ofx')).toMatchObject({ code: 'bad-date', line: 20, params: { field: 'DTPOSTED', value: '20241303' } });
  });
});

describe('OFX dates', () => {
  it('keeps the wall-clock time the bank wrote and validates the zone suffix', () => {
    expect(parseOfxDate('20240503')).toBe('2024-05-03');
    expect(parseOfxDate('20240503235959.999[-7:MST]')).toBe('2024-05-03T23:59:59');
    expect(parseOfxDate('20240503120000[+5.5:IST]')).toBe('2024-05-03T12:00:00');
    expect(parseOfxDate('20240503120000[0:GMT]')).toBe('2024-05-03T12:00:00');
    expect(parseOfxDate('20240503120000 [-5]')).toBe('2024-05-03T12:00:00');
    expect(parseOfxDate('20240503120000[-25:XXX]')).toBeNull();
    expect(parseOfxDate('20240230')).toBeNull();
    expect(parseOfxDate('2024-05-03')).toBeNull();
  });
});

describe('QIF (bank-sample.qif)', () => {
  it('reads ISO, apostrophe-year and 2-digit-year dates, T/U amounts with thousands separators', async () => {
    const result = await parseStatement(fixture('bank-sample.qif'), 'bank-sample.qif');
    expect(result.format).toBe('qif');
    expect(rows(result)).toEqual([
      ['2024-05-02', -1250, 'USD', 'expense', 'COSTA COFFEE', ''],
      ['2024-05-06', -102499, 'USD', 'expense', 'IKEA', 'bookshelf'],
      ['2024-05-15', 200000, 'USD', 'income', 'SALARY', ''],
    ]);
    expect(new Set(result.transactions.map((t) => t.fingerprint)).size).toBe(3);
  });

  it('uses the default currency, reads day-first files, categories and transfers', async () => {
    const text = '!Type:CCard\nD25/12/2023\nT-12.00\nPPub\nLDining:Drinks/Work\n^\nD02/01/24\nT500.00\nPPayment\nL[Checking]\n^\nD3/1/24\nT-1.50\nPPub\n^';
    const result = await parse(text, 'card.qif', { defaultCurrency: 'gbp' });
    expect(rows(result)).toEqual([
      ['2023-12-25', -1200, 'GBP', 'expense', 'Pub', ''],
      ['2024-01-02', 50000, 'GBP', 'transfer', 'Payment', ''],
      ['2024-01-03', -150, 'GBP', 'expense', 'Pub', ''],
    ]);
    expect(result.transactions[0]!.category).toBe('Dining:Drinks');
    expect(result.transactions[1]!.category).toBeUndefined();
  });

  it('skips account and category lists; investment buys take cash out', async () => {
    const text = '!Option:AutoSwitch\n!Account\nNChecking\nTBank\n^\n!Clear:AutoSwitch\n!Type:Cat\nNFood\nE\n^\n!Type:Invst\nD1/5/2024\nNBuy\nYACME\nT1,000.00\n^\nD1/6/2024\nNShrsIn\nYACME\nQ10\n^\nD1/7/2024\nNDiv\nYACME\nT12.34\n^\n';
    const result = await parse(text, 'invest.qif');
    expect(result.transactions.map((t) => [t.occurredAt, t.amountMinor])).toEqual([['2024-01-05', -100000], ['2024-01-07', 1234]]);
  });

  it('identical rows stay two rows', async () => {
    const result = await parse('!Type:Bank\nD2024-01-01\nT-3.00\nPCoffee\n^\nD2024-01-01\nT-3.00\nPCoffee\n^\n', 'twice.qif');
    expect(new Set(result.transactions.map((t) => t.fingerprint)).size).toBe(2);
  });

  it('names the line of a date or amount it cannot read', async () => {
    expect(await failure('!Type:Bank\nD2024-01-01\nT-3.00\n^\nD13/13/2024\nT-1\n^\n', 'bad.qif')).toMatchObject({ name: 'ImportError', line: 5 });
    const err = await failure('!Type:Bank\nD2024-01-01\nT-3.00\n^\nD2024-01-02\nPShop\nTabc\n^\n', 'bad.qif');
    expect(err).toMatchObject({ line: 7 });
    expect(err.message).toBe("bad.qif line 7: amount 'abc' is not a number");
    expect(await failure('!Type:Bank\nD2024-01-01\n^\n', 'bad.qif')).toMatchObject({ line: 3 });
  });
});

describe('CAMT.053', () => {
  it('v08 sample: Pty nesting, Sts/Cd, AcctSvcrRef, remittance info', async () => {
    const result = await parseStatement(fixture('camt053-v08-sample.xml'), 'camt053-v08-sample.xml');
    expect(result.format).toBe('camt053');
    expect(rows(result)).toEqual([
      ['2024-05-04', -123456, 'EUR', 'expense', 'KLM Royal Dutch Airlines', 'Ticket AMS-PVG'],
      ['2024-05-06', -850, 'EUR', 'expense', 'Albert Heijn 1234', ''],
      ['2024-05-25', 250000, 'EUR', 'income', 'Voorbeeld BV', 'Salaris mei'],
    ]);
    expect(result.transactions.map((t) => [t.externalId, t.status])).toEqual([['NL-0001', 'completed'], ['NL-0002', 'completed'], ['NL-0003', 'completed']]);
  });

  const v02 = (entry: string) => `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n<BkToCstmrStmt><Stmt>\n${entry}\n</Stmt></BkToCstmrStmt></Document>\n`;
  const entry = (amt: string, extra = '') => `<Ntry><Amt Ccy="JPY">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><DtTm>2024-03-01T23:30:00+09:00</DtTm></BookgDt>${extra}
<NtryDtls><TxDtls><Refs><EndToEndId>E2E-9</EndToEndId></Refs><RltdPties><Dbtr><Nm>Tanaka</Nm></Dbtr><Cdtr><Nm>Me</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Rent</Ustrd><Ustrd>March</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

  it('v02: Cdtr/Dbtr/Nm without Pty, plain Sts, DtTm, zero-decimal currencies', async () => {
    const result = await parse(v02(entry('120000')), 'v02.xml');
    expect(rows(result)).toEqual([['2024-03-01T23:30:00', 120000, 'JPY', 'income', 'Tanaka', 'Rent March']]);
    expect(result.transactions[0]).toMatchObject({ status: 'pending', externalId: 'E2E-9' });
  });

  it('names the line of an entry with a bad amount; broken XML names its line', async () => {
    const err = await failure(v02(entry('120000') + '\n' + entry('12.5.0')), 'bad.xml');
    expect(err).toMatchObject({ name: 'ImportError', line: 6, code: 'bad-amount', params: { field: 'Amt', value: '12.5.0' } });
    expect(err.message).toContain("Amt '12.5.0'");
    expect(await failure(v02('<Ntry><Amt Ccy="EUR">1</Amt>\n</Stmt>'), 'broken.xml')).toMatchObject({ name: 'ImportError', code: 'broken-xml', line: 5 });
  });

  it('says a file that stops mid-way looks cut off, at its last line, naming the element it stopped in', async () => {
    const whole = new TextDecoder().decode(fixture('camt053-v08-sample.xml'));
    const cut = whole.slice(0, whole.indexOf('Albert Heijn'));
    const err = await failure(cut, 'cut.xml');
    expect(err).toMatchObject({ name: 'ImportError', code: 'cut-off', line: cut.trimEnd().split('\n').length, params: { element: 'Nm' } });
    expect(err.message).toBe(`cut.xml line ${err.line}: the file ends inside <Nm> (Document › BkToCstmrStmt › Stmt › Ntry › NtryDtls › TxDtls › RltdPties › Cdtr › Pty › Nm): it looks cut off. Export or download the statement again.`);
  });
});

describe('pausing a long parse', () => {
  it('calls pause with the rows read so far, and what pause throws comes out unchanged', async () => {
    const text = '!Type:Bank\n' + Array.from({ length: 30_000 }, (_, i) => `D2024-01-01\nT-1.00\nPShop ${i}\n^`).join('\n');
    const seen: number[] = [];
    const result = await parse(text, 'big.qif', { pause: async (n: number) => { seen.push(n); } });
    expect(result.transactions).toHaveLength(30_000);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    class Stop extends Error {}
    const stop = new Stop('cancelled');
    await expect(parse(text, 'big.qif', { pause: async (n: number) => { if (n > 5000) throw stop; } })).rejects.toBe(stop);
  });
});
