// The mapping form's preview reads each cell as the import will, before anything is saved. Found in a user test:
// June dates were booked as January (day-first picked, nothing on the form showed it), and "RMB" became a currency.
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../src/core/import/index';
import { currencyCode, datesAmbiguous, isCurrencyCode, readAmount, readDate } from '../../../src/ui/import/mapping-preview';

describe('the mapping preview', () => {
  it('says which day a date is read as, or that it is no date in the chosen format', () => {
    expect(readDate('06/01/2024', 'MM/DD/YYYY', 'en')).toEqual({ text: '06/01/2024', read: 'read as Jun 1, 2024', bad: false });
    expect(readDate('06/01/2024', 'DD/MM/YYYY', 'en').read).toBe('read as Jan 6, 2024');
    expect(readDate('07/15/2024', 'DD/MM/YYYY', 'zh-CN')).toMatchObject({ read: '不是 DD/MM/YYYY 格式的日期', bad: true });
    expect(readDate('  ', 'DD/MM/YYYY', 'en')).toEqual({ text: '  ', read: '', bad: false });
  });

  it('says the amount in the currency, one column or a debit and credit pair', () => {
    expect(readAmount({ amount: '-1.234,50' }, ',', 'EUR', 'en')).toMatchObject({ read: 'read as -€1,234.50', bad: false });
    expect(readAmount({ amount: 'Corner Cafe' }, '.', 'USD', 'en')).toMatchObject({ read: 'not an amount', bad: true });
    expect(readAmount({ debit: '4.50', credit: '' }, '.', 'USD', 'en')).toEqual({ text: '−4.50', read: 'read as -$4.50', bad: false });
    expect(readAmount({ debit: '', credit: '2000.00' }, '.', 'USD', 'en')).toMatchObject({ text: '+2000.00', read: 'read as $2,000.00' });
    expect(readAmount({ debit: '', credit: '' }, '.', 'USD', 'en').read).toBe('');
  });

  it('warns when nothing in the file tells day-first from month-first', () => {
    expect(datesAmbiguous(['06/01/2024', '06/03/2024', '06/11/2024'])).toBe(true);
    expect(datesAmbiguous(['06/01/2024', '07/15/2024'])).toBe(false);
    // The same day either way is no ambiguity.
    expect(datesAmbiguous(['05/05/2024'])).toBe(false);
  });

  it('takes RMB (any case) as CNY and refuses three letters that are no currency', () => {
    expect(currencyCode(' rmb ')).toBe('CNY');
    expect(currencyCode('eur')).toBe('EUR');
    expect(isCurrencyCode('CNY')).toBe(true);
    expect(isCurrencyCode('RMB')).toBe(false);
    expect(isCurrencyCode('ABC')).toBe(false);
  });
});

describe('a mapped CSV row with more cells than its header', () => {
  const mapping = { dateColumn: 0, dateFormat: 'MM/DD/YYYY' as const, amountColumn: 2, payeeColumn: 1, decimal: '.' as const, currency: 'USD' };
  const csv = (rows: string) => new TextEncoder().encode(`Date,Description,Amount\n${rows}`);

  it('stops at the line when the extra text is a value split at an unquoted comma', async () => {
    await expect(parseStatement(csv('07/01/2024,Shop X,-12.00\n07/02/2024,Shop Y,-1,234.50\n'), 'us.csv', { csvMapping: mapping }))
      .rejects.toMatchObject({ name: 'ImportError', line: 3, code: 'extra-cells', params: { count: 4, width: 3 } });
  });

  it('reads a row whose extra cells are empty (a trailing delimiter)', async () => {
    const result = await parseStatement(csv('07/01/2024,Shop X,-12.00\n07/02/2024,Shop Z,-3.00\n07/03/2024,Shop W,-5.00,\n'), 'us.csv', { csvMapping: mapping });
    expect(result.transactions.map((t) => t.amountMinor)).toEqual([-1200, -300, -500]);
  });
});
