import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import { minorDigits } from '../../core/money';

/** chart.js is loaded only when a chart is first drawn, so it never weighs on the first page load. */
let loading: Promise<typeof ChartType> | undefined;

export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js/auto').then((m) => m.default as unknown as typeof ChartType);
  return loading;
}

export async function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Promise<ChartType> {
  const Chart = await loadChart();
  // Chart.js draws labels and grid lines in fixed greys (#666 on the dark theme is about 3:1): the theme's own
  // colours instead, read when the chart is drawn (a screen opened after a theme change draws it again). The grid
  // gets its colour on the scale defaults: changing `defaults.borderColor` switches off the plugin that colours
  // the bars, which then came out grey.
  const style = getComputedStyle(canvas);
  Chart.defaults.color = style.getPropertyValue('--muted').trim() || Chart.defaults.color;
  const grid = style.getPropertyValue('--border').trim();
  if (grid) Chart.defaults.scale.grid.color = grid;
  // Chart.js's pastel defaults are about 1.7:1 on the light theme: bars in colours of at least 3:1 on the theme's card
  // (WCAG 1.4.11), each edged in the card colour so stacked series stay apart where two colours sit close.
  const dark = getComputedStyle(document.documentElement).colorScheme === 'dark';
  const palette = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const edge = style.getPropertyValue('--card').trim() || undefined;
  config.data.datasets.forEach((dataset, i) => {
    const bar = dataset as { backgroundColor?: unknown; borderColor?: unknown; borderWidth?: unknown };
    bar.backgroundColor ??= palette[i % palette.length];
    if (edge) bar.borderColor ??= edge;
    bar.borderWidth ??= 1;
  });
  return new Chart(canvas, config);
}

/** Tailwind's 700 shades, each at least 4.5:1 on white. */
export const LIGHT_PALETTE = ['#c2410c', '#1d4ed8', '#15803d', '#7e22ce', '#be123c', '#0f766e', '#a16207', '#4338ca'];
/** Their 400 shades, each at least 3:1 on the dark theme's card (#292524). */
export const DARK_PALETTE = ['#fb923c', '#60a5fa', '#4ade80', '#c084fc', '#fb7185', '#2dd4bf', '#facc15', '#818cf8'];

type MonthlyRow = { month: string; topic: string; currency: string; minor: number };

/** The currencies spent in, the most spent first (by minor units: a rough order, enough to pick a default). */
export function spendingCurrencies(rows: MonthlyRow[]): string[] {
  const byCurrency = new Map<string, number>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.minor);
  return [...byCurrency].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

/**
 * Monthly spending per topic in one currency (bars only add up within one), over the last 12 months with any.
 * `minor` keeps the exact integer sums for the table; `datasets` holds the chart's values in major units.
 */
export function monthlySpendingIn(rows: MonthlyRow[], currency: string, label: (topic: string) => string) {
  const mine = rows.filter((r) => r.currency === currency);
  const months = [...new Set(mine.map((r) => r.month))].sort().slice(-12);
  const topics = [...new Set(mine.map((r) => r.topic))];
  const minor = topics.map((topic) => months.map((m) => mine.filter((r) => r.topic === topic && r.month === m).reduce((s, r) => s + r.minor, 0)));
  const scale = 10 ** minorDigits(currency);
  const datasets = topics.map((topic, i) => ({ label: label(topic), data: minor[i]!.map((value) => value / scale) }));
  return { months, topics, minor, datasets };
}
