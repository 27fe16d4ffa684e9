import { describe, expect, it } from 'vitest';
import { inverseNormalCdf } from './inverse-normal-cdf.js';
import { normalCdf } from './normal-cdf.js';

// Reference quantiles from mpmath at 60 digits (√2·erfinv(2p − 1), or a root of ln Φ(z) = ln p in the deep tail),
// each for the exact double nearest p: near 1, p's own rounding moves the quantile by up to 1e-12.
const REFERENCE: ReadonlyArray<readonly [number, number]> = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965326],
  [1e-20, -9.262340089798407],
  [1e-10, -6.361340902404057],
  [1e-5, -4.264890793922825],
  [0.001, -3.0902323061678136],
  [0.01, -2.326347874040841],
  [0.025, -1.9599639845400543],
  [0.075, -1.439531470938456],
  [0.1, -1.2815515655446004],
  [0.3, -0.5244005127080408],
  [0.5, 0],
  [0.7, 0.5244005127080407],
  [0.9, 1.2815515655446006],
  [0.925, 1.4395314709384561],
  [0.95, 1.6448536269514722],
  [0.975, 1.9599639845400538],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.99999, 4.264890793923841],
];

describe('inverseNormalCdf', () => {
  it('matches 60-digit reference quantiles to 1e-9 (in fact to about 1e-15 relative)', () => {
    for (const [p, expected] of REFERENCE) {
      const actual = inverseNormalCdf(p);
      expect(Math.abs(actual - expected), `Φ⁻¹(${p})`).toBeLessThan(1e-9);
      expect(Math.abs(actual - expected), `Φ⁻¹(${p}) to 1e-15 relative`).toBeLessThanOrEqual(
        1e-15 * Math.max(1, Math.abs(expected)),
      );
    }
  });

  it('inverts normalCdf on all three of Wichura’s ranges', () => {
    // Above z ≈ 3, Φ(z) rounds to a double close to 1 and the round trip loses digits whatever the algorithm.
    for (const z of [-8, -5.1, -4.9, -2, -1.2, -0.1, 0.4, 1.9, 3.3]) {
      expect(Math.abs(inverseNormalCdf(normalCdf(z)) - z), `z = ${z}`).toBeLessThan(1e-9);
    }
  });

  it('rejects probabilities outside (0, 1) with a message naming the function and value', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => inverseNormalCdf(p)).toThrow(/inverseNormalCdf: probability must be strictly between 0 and 1/);
    }
  });
});
