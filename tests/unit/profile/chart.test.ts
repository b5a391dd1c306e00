import { describe, expect, it } from 'vitest';
import { monthlySpendingIn, spendingCurrencies } from '../../../src/ui/profile/chart';

const rows = [
  { month: '2024-04', topic: 'coffee', currency: 'CNY', minor: 3_600 },
  { month: '2024-05', topic: 'coffee', currency: 'CNY', minor: 1_550 },
  { month: '2024-05', topic: 'dining', currency: 'CNY', minor: 8_980 },
  { month: '2024-05', topic: 'flights', currency: 'EUR', minor: 45_000 },
  { month: '2024-06', topic: 'dining', currency: 'JPY', minor: 1_200 },
];

describe('monthly spending chart', () => {
  it('offers every currency spent in, the most spent first', () => {
    expect(spendingCurrencies(rows)).toEqual(['EUR', 'CNY', 'JPY']);
    expect(spendingCurrencies([])).toEqual([]);
  });

  it('sums one currency per topic and month, exactly in minor units, and scales the bars by the currency’s digits', () => {
    const cny = monthlySpendingIn(rows, 'CNY', (topic) => topic.toUpperCase());
    expect(cny.months).toEqual(['2024-04', '2024-05']);
    expect(cny.topics).toEqual(['coffee', 'dining']);
    expect(cny.minor).toEqual([[3_600, 1_550], [0, 8_980]]);
    expect(cny.datasets).toEqual([{ label: 'COFFEE', data: [36, 15.5] }, { label: 'DINING', data: [0, 89.8] }]);
    // Yen has no minor unit: 1,200 minor units are ¥1,200.
    expect(monthlySpendingIn(rows, 'JPY', String).datasets).toEqual([{ label: 'dining', data: [1_200] }]);
  });

  it('keeps the last 12 months that have spending', () => {
    const year = Array.from({ length: 14 }, (_, i) => ({ month: `2023-${String(i + 1).padStart(2, '0')}`.replace('2023-13', '2024-01').replace('2023-14', '2024-02'), topic: 'coffee', currency: 'CNY', minor: i + 1 }));
    const { months, minor } = monthlySpendingIn(year, 'CNY', String);
    expect(months).toEqual([...year.slice(2).map((r) => r.month)]);
    expect(minor[0]).toEqual(year.slice(2).map((r) => r.minor));
  });
});

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('chart colours', () => {
  it('every bar colour stands out from the card it is drawn on by at least 3:1, in both themes', async () => {
    const { LIGHT_PALETTE, DARK_PALETTE } = await import('../../../src/ui/profile/chart');
    for (const colour of LIGHT_PALETTE) expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
    for (const colour of DARK_PALETTE) expect(contrast(colour, '#292524'), colour).toBeGreaterThanOrEqual(3);
  });
});
