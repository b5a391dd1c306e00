/**
 * Randomized response (Warner 1965) as ε-local differential privacy for one yes/no answer.
 *
 * The device keeps its true bit with probability p = e^ε / (1 + e^ε) and flips it otherwise. For any
 * observed bit, P(report | truth) / P(report | ¬truth) = p / (1 − p) = e^ε, which is exactly ε-LDP.
 * ε = 1 keeps the truth with p ≈ 0.731; ε = 2 with p ≈ 0.881. Quanzi refuses ε above MAX_EPSILON.
 *
 * Estimator (unbiased). With true share π of "yes", the chance of observing a 1 is
 *     λ = π·p + (1 − π)(1 − p) = (1 − p) + π(2p − 1),
 * so with λ̂ = (observed 1s) / n:
 *     π̂ = (λ̂ − (1 − p)) / (2p − 1),
 *     Var(π̂) = λ(1 − λ) / (n (2p − 1)²), estimated by plugging in λ̂,
 *     95% CI = π̂ ± 1.959964 · √Var(π̂)   (normal approximation).
 * π̂ itself may fall outside [0, 1] (it is unbiased, so it must be allowed to); the raw figures stay
 * available for pooling.
 *
 * Display (`display`): π̂ clipped to [0, 1], and an interval that does not collapse for small n or when every
 * answer is the same bit (there the plug-in variance above is 0 and the Wald interval has zero width): the
 * Wilson score interval for λ,
 *     (λ̂ + z²/2n ± z·√(λ̂(1 − λ̂)/n + z²/4n²)) / (1 + z²/n),
 * mapped through the same line π = (λ − (1 − p)) / (2p − 1) and clipped to [0, 1]. For large n it agrees with
 * the Wald interval.
 */
export const DEFAULT_EPSILON = 1;
export const MAX_EPSILON = 2;
export const Z95 = 1.959963984540054;

export class EpsilonError extends Error {
  constructor(epsilon: number) {
    super(`epsilon must be a number in (0, ${MAX_EPSILON}]; got ${epsilon}`);
    this.name = 'EpsilonError';
  }
}

/** Refuses anything but 0 < ε ≤ MAX_EPSILON (a larger ε would reveal too much about one person). */
export function checkEpsilon(epsilon: number): number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0 || epsilon > MAX_EPSILON) throw new EpsilonError(epsilon);
  return epsilon;
}

/** Clamps a requested ε into (0, MAX_EPSILON] (for form input); non-numbers give the default. */
export function clampEpsilon(epsilon: number): number {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) return DEFAULT_EPSILON;
  return Math.min(epsilon, MAX_EPSILON);
}

/** Probability of reporting the true bit: p = e^ε / (1 + e^ε). */
export function keepProbability(epsilon: number): number {
  checkEpsilon(epsilon);
  return 1 / (1 + Math.exp(-epsilon));
}

/** A random source in [0, 1). On devices it is crypto-backed (`secureRandom`); tests inject `seededRandom`. */
export type Rng = () => number;

/** crypto.getRandomValues, 32 bits into [0, 1). Never Math.random for a privacy coin. */
export const secureRandom: Rng = () => {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0]! / 4294967296;
};

/** The noised bit that leaves the device: the truth with probability p, its flip otherwise. */
export function randomizeBit(truth: boolean | 0 | 1, epsilon: number = DEFAULT_EPSILON, rng: Rng = secureRandom): 0 | 1 {
  const p = keepProbability(epsilon);
  const bit = truth ? 1 : 0;
  return rng() < p ? bit : ((1 - bit) as 0 | 1);
}

export interface RrEstimate {
  /** Number of answers. */
  n: number;
  /** Observed 1s. */
  ones: number;
  epsilon: number;
  /** λ̂: observed share of 1s. */
  observed: number;
  /** π̂: unbiased estimate of the true share (may leave [0, 1]). */
  estimate: number;
  /** Estimated variance of π̂. */
  variance: number;
  standardError: number;
  /** Raw 95% CI π̂ ± z·SE. */
  ci95: [number, number];
  /** What a person should be shown: estimate and CI clipped to [0, 1]. */
  display: { estimate: number; ci95: [number, number] };
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));

/** π̂, its variance and 95% CI from the count of 1s among n answers at one ε (see the formulas above). */
export function estimateShare(ones: number, n: number, epsilon: number): RrEstimate {
  const p = keepProbability(epsilon);
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(ones) || ones < 0 || ones > n) throw new RangeError('need 0 ≤ ones ≤ n, integers');
  if (n === 0) {
    return { n, ones, epsilon, observed: NaN, estimate: NaN, variance: NaN, standardError: NaN, ci95: [0, 1], display: { estimate: NaN, ci95: [0, 1] } };
  }
  const lambda = ones / n;
  const spread = 2 * p - 1;
  const estimate = (lambda - (1 - p)) / spread;
  const variance = (lambda * (1 - lambda)) / (n * spread * spread);
  const standardError = Math.sqrt(variance);
  const ci95: [number, number] = [estimate - Z95 * standardError, estimate + Z95 * standardError];
  const z2 = Z95 * Z95;
  const centre = (lambda + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((lambda * (1 - lambda)) / n + z2 / (4 * n * n));
  const toShare = (l: number) => clip01((l - (1 - p)) / spread);
  return {
    n, ones, epsilon, observed: lambda, estimate, variance, standardError, ci95,
    display: { estimate: clip01(estimate), ci95: [toShare(centre - half), toShare(centre + half)] },
  };
}

/** Convenience: estimate from the noised bits themselves. */
export function estimateFromBits(bits: readonly (0 | 1)[], epsilon: number): RrEstimate {
  let ones = 0;
  for (const b of bits) ones += b;
  return estimateShare(ones, bits.length, epsilon);
}
