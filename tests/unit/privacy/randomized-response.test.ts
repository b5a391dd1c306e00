import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random';
import {
  checkEpsilon, clampEpsilon, EpsilonError, estimateFromBits, estimateShare, keepProbability, randomizeBit, type Rng,
} from '../../../src/core/privacy';

/** n simulated members at true rate `rate`, each answering with randomized response: the count of 1s seen. */
function simulate(n: number, rate: number, epsilon: number, rng: Rng): number {
  let ones = 0;
  for (let i = 0; i < n; i++) ones += randomizeBit(rng() < rate, epsilon, rng);
  return ones;
}

describe('randomized response', () => {
  it('keeps the truth with p = e^ε/(1+e^ε)', () => {
    expect(keepProbability(1)).toBeCloseTo(Math.E / (1 + Math.E), 12);
    expect(keepProbability(2)).toBeCloseTo(0.8808, 4);
  });

  it('refuses ε ≤ 0, > 2 or not a number, and clamps form input', () => {
    for (const bad of [0, -1, 2.01, 10, NaN, Infinity]) expect(() => checkEpsilon(bad)).toThrow(EpsilonError);
    expect(() => randomizeBit(true, 3)).toThrow(EpsilonError);
    expect(checkEpsilon(2)).toBe(2);
    expect(clampEpsilon(5)).toBe(2);
    expect(clampEpsilon(-1)).toBe(1);
    expect(clampEpsilon(0.5)).toBe(0.5);
  });

  it('reports the truth at the keep rate and flips otherwise (the likelihood ratio is e^ε)', () => {
    const rng = seededRandom(7);
    const n = 200_000;
    let yesGivenYes = 0;
    let yesGivenNo = 0;
    for (let i = 0; i < n; i++) {
      yesGivenYes += randomizeBit(true, 1, rng);
      yesGivenNo += randomizeBit(false, 1, rng);
    }
    const ratio = yesGivenYes / yesGivenNo;
    expect(ratio).toBeGreaterThan(Math.E * 0.97);
    expect(ratio).toBeLessThan(Math.E * 1.03);
  });

  it('estimates exactly on the expected counts and inverts the flip', () => {
    const p = keepProbability(1);
    const n = 10_000;
    const rate = 0.3;
    const expectedOnes = Math.round(n * (rate * p + (1 - rate) * (1 - p)));
    const e = estimateShare(expectedOnes, n, 1);
    expect(e.estimate).toBeCloseTo(rate, 3);
    expect(e.variance).toBeCloseTo((e.observed * (1 - e.observed)) / (n * (2 * p - 1) ** 2), 12);
    expect(e.ci95[0]).toBeLessThan(rate);
    expect(e.ci95[1]).toBeGreaterThan(rate);
  });

  it('clips the interval to [0, 1] for display but keeps the raw estimate', () => {
    const e = estimateFromBits([0, 0, 0, 0, 0], 1);
    expect(e.estimate).toBeLessThan(0);
    expect(e.display.estimate).toBe(0);
    expect(e.display.ci95[0]).toBe(0);
    expect(e.display.ci95[1]).toBeLessThanOrEqual(1);
    expect(estimateShare(0, 0, 1).n).toBe(0);
    // One answer, or all answers alike: the Wald interval collapses to a point; the displayed one does not.
    const one = estimateShare(0, 1, 1);
    expect(one.ci95[1] - one.ci95[0]).toBe(0);
    expect(one.display.ci95[1]).toBeGreaterThan(0.5);
    const allYes = estimateShare(5, 5, 1);
    expect(allYes.display.ci95[0]).toBeLessThan(0.9);
    expect(allYes.display.ci95[1]).toBe(1);
    expect(() => estimateShare(5, 3, 1)).toThrow(RangeError);
  });

  it('10k members: the 95% CI covers the true rate in ~95% of trials (seeded)', () => {
    const rng = seededRandom(20261125);
    const trials = 400;
    const rate = 0.23;
    let covered = 0;
    let coveredDisplay = 0;
    for (let t = 0; t < trials; t++) {
      const e = estimateShare(simulate(10_000, rate, 1, rng), 10_000, 1);
      if (e.ci95[0] <= rate && rate <= e.ci95[1]) covered++;
      if (e.display.ci95[0] <= rate && rate <= e.display.ci95[1]) coveredDisplay++;
    }
    expect(coveredDisplay / trials).toBeGreaterThan(0.915);
    expect(coveredDisplay / trials).toBeLessThan(0.985);
    // Binomial(400, 0.95) has sd ≈ 0.011: ±0.035 is > 3 sd.
    expect(covered / trials).toBeGreaterThan(0.915);
    expect(covered / trials).toBeLessThan(0.985);
  });

  it('the error shrinks like 1/√n', () => {
    const rng = seededRandom(99);
    const rate = 0.4;
    const mae = (n: number, trials: number) => {
      let sum = 0;
      for (let t = 0; t < trials; t++) sum += Math.abs(estimateShare(simulate(n, rate, 1, rng), n, 1).estimate - rate);
      return sum / trials;
    };
    const small = mae(400, 300);
    const large = mae(40_000, 60);
    // 100× the members → 10× smaller error; allow a generous band for the sampling noise of the MAE itself.
    const ratio = small / large;
    expect(ratio).toBeGreaterThan(7);
    expect(ratio).toBeLessThan(14);
    // And the observed error matches the theory: E|N(0,σ²)| = σ·√(2/π).
    const p = keepProbability(1);
    const lambda = rate * p + (1 - rate) * (1 - p);
    const sigma = Math.sqrt((lambda * (1 - lambda)) / (400 * (2 * p - 1) ** 2));
    expect(small / (sigma * Math.sqrt(2 / Math.PI))).toBeGreaterThan(0.85);
    expect(small / (sigma * Math.sqrt(2 / Math.PI))).toBeLessThan(1.15);
  });
});
