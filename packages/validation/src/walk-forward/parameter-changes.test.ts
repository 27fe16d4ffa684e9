import { describe, expect, it } from 'vitest';
import { parameterChanges } from './parameter-changes.js';

describe('parameterChanges', () => {
  it('counts the folds whose chosen set differs from the previous fold’s, whatever the key order', () => {
    expect(
      parameterChanges([
        { fast: 10, slow: 50 },
        { slow: 50, fast: 10 },
        { fast: 20, slow: 50 },
        { fast: 10, slow: 50 },
      ]),
    ).toBe(2);
  });

  it('is 0 for fewer than two folds or a set that never changes', () => {
    expect(parameterChanges([])).toBe(0);
    expect(parameterChanges([{ mode: 'long' }])).toBe(0);
    expect(parameterChanges([{ mode: 'long' }, { mode: 'long' }])).toBe(0);
  });

  it('tells a number from its string and compares nested values', () => {
    expect(parameterChanges([{ n: 1 }, { n: '1' }])).toBe(1);
    expect(parameterChanges([{ w: [1, 2] }, { w: [1, 2] }, { w: [2, 1] }])).toBe(1);
  });
});
