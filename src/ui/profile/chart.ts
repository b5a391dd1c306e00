import type { Chart as ChartType, ChartConfiguration } from 'chart.js';

/** chart.js is loaded only when a chart is first drawn, so it never weighs on the first page load. */
let loading: Promise<typeof ChartType> | undefined;

export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js/auto').then((m) => m.default as unknown as typeof ChartType);
  return loading;
}

export async function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Promise<ChartType> {
  const Chart = await loadChart();
  return new Chart(canvas, config);
}

/** Monthly spending per topic as stacked datasets, one currency (the most used) so bars add up. */
export function monthlyDatasets(rows: { month: string; topic: string; currency: string; minor: number }[], label: (topic: string) => string) {
  const byCurrency = new Map<string, number>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.minor);
  const currency = [...byCurrency].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'CNY';
  const mine = rows.filter((r) => r.currency === currency);
  const months = [...new Set(mine.map((r) => r.month))].sort().slice(-12);
  const topics = [...new Set(mine.map((r) => r.topic))];
  const datasets = topics.map((topic) => ({
    label: label(topic),
    data: months.map((m) => mine.filter((r) => r.topic === topic && r.month === m).reduce((s, r) => s + r.minor, 0) / 100),
  }));
  return { currency, months, datasets };
}
