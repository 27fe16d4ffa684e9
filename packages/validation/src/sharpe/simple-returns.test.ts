import { describe, expect, it } from 'vitest';
import { simpleReturns } from './simple-returns.js';

describe('simpleReturns', () => {
  it('gives one return per step between consecutive equity values', () => {
    const returns = simpleReturns([100, 110, 99, 99]);
    expect(Array.from(returns)).toHaveLength(3);
    expect(returns[0]).toBeCloseTo(0.1, 15);
    expect(returns[1]).toBeCloseTo(-0.1, 15);
    expect(returns[2]).toBe(0);
  });

  it('is empty for fewer than two equity values', () => {
    expect(simpleReturns([]).length).toBe(0);
    expect(simpleReturns([100]).length).toBe(0);
  });

  it('refuses a return from non-positive equity and non-finite values, naming the index', () => {
    expect(() => simpleReturns([100, 0, 50])).toThrow('simpleReturns: equity[1] is 0; a return needs positive equity');
    expect(() => simpleReturns([100, Number.NaN])).toThrow('simpleReturns: equity[1] is NaN, not a finite number');
    expect(simpleReturns([100, 0])[0], 'a final wipe-out is a -100 % return').toBe(-1);
  });
});
