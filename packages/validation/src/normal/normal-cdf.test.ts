import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.js';

// Reference values from mpmath's ncdf at 40 significant digits.
const REFERENCE: ReadonlyArray<readonly [number, number]> = [
  [-38, 2.88542835e-316],
  [-30, 4.906713927148187e-198],
  [-10, 7.619853024160525e-24],
  [-6, 9.86587645037698e-10],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-1.5, 0.06680720126885807],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [0.66291, 0.7463059016102601],
  [0.7, 0.758036347776927],
  [1, 0.8413447460685429],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [5.5, 0.9999999810104375],
  [5.7, 0.9999999940096286],
  [8, 0.9999999999999993],
];

describe('normalCdf', () => {
  it('matches 40-digit reference values to 1e-15 absolute across all three of Cody’s ranges', () => {
    for (const [x, expected] of REFERENCE) {
      expect(Math.abs(normalCdf(x) - expected), `Φ(${x})`).toBeLessThan(1e-15);
    }
  });

  it('keeps full relative precision in the lower tail, where absolute error says nothing', () => {
    for (const [x, expected] of REFERENCE.filter(([x]) => x <= -3)) {
      expect(Math.abs(normalCdf(x) / expected - 1), `Φ(${x}) relative`).toBeLessThan(1e-13);
    }
  });

  it('is symmetric: Φ(−x) = 1 − Φ(x)', () => {
    for (const x of [0.1, 0.66, 0.67, 1.7, 4.2, 5.65, 5.66, 7]) {
      expect(Math.abs(normalCdf(-x) - (1 - normalCdf(x))), `x = ${x}`).toBeLessThan(1e-15);
    }
  });

  it('saturates at the far ends and propagates NaN', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
