// Demand signals: mean absolute error of the randomized-response estimate at ε = 1, for 100, 1k and 10k members.
import { estimateShare, randomizeBit } from '../../../src/core/privacy';
import { seededRandom } from '../../../src/core/random';

const EPSILON = 1;
const TRUE_RATE = 0.3;

function meanAbsError(n: number, trials: number, rng: () => number): number {
  let sum = 0;
  for (let t = 0; t < trials; t++) {
    let ones = 0;
    for (let i = 0; i < n; i++) ones += randomizeBit(rng() < TRUE_RATE, EPSILON, rng);
    sum += Math.abs(estimateShare(ones, n, EPSILON).estimate - TRUE_RATE);
  }
  return sum / trials;
}

export default async function ldpBench(): Promise<Record<string, number>> {
  const rng = seededRandom(2026);
  return {
    ldp_abs_error_n100: meanAbsError(100, 2000, rng),
    ldp_abs_error_n1k: meanAbsError(1_000, 1000, rng),
    ldp_abs_error_n10k: meanAbsError(10_000, 300, rng),
  };
}
