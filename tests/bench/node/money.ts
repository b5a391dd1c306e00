// Amount parsing sits on the import hot path: every row's amount text goes through it.
import { parseAmountMinor } from '../../../src/core/money';

export default async function moneyBench(): Promise<Record<string, number>> {
  const samples = ['36.00', '"5,000.00"'.slice(1, -1), '¥1,020.50', '-42.17', '1.234,56', '(12.00)', '0.01', '199'];
  const n = 1_000_000;
  let checksum = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) checksum += parseAmountMinor(samples[i & 7]!, { decimal: i % 8 === 4 ? ',' : '.' }) ?? 0;
  const ms = performance.now() - start;
  if (checksum === 0) throw new Error('amount parsing produced nothing');
  return { money_parse_per_s: Math.round(n / (ms / 1000)) };
}
