import { describe, expect, it } from 'vitest';
import { annualizedReturn } from './annualized-return.js';
import { walkForwardEfficiency } from './walk-forward-efficiency.js';
import { windowDays } from './window-days.js';

describe('annualizedReturn', () => {
  it('is the yearly rate that compounds to the total over the window', () => {
    expect(annualizedReturn(0.21, 2 * 365.25)).toBeCloseTo(0.1, 12);
    expect(annualizedReturn(0.1, 365.25)).toBeCloseTo(0.1, 12);
    expect(annualizedReturn(-1.2, 100), 'a total loss').toBe(-1);
  });

  it('refuses a window without days', () => {
    expect(() => annualizedReturn(0.1, 0)).toThrow(
      'annualizedReturn: needs days > 0 and a finite return, got 0.1 over 0',
    );
  });
});

describe('windowDays', () => {
  it('counts both ends', () => {
    expect(windowDays({ start: '2003-01-01', end: '2003-12-31' })).toBe(365);
    expect(windowDays({ start: '2004-02-29', end: '2004-02-29' })).toBe(1);
  });
});

describe('walkForwardEfficiency', () => {
  it('divides the annualized stitched out-of-sample return by the mean annualized in-sample return', () => {
    const folds = [
      { inSample: { totalReturn: 0.2, days: 730.5 }, outOfSample: { totalReturn: 0.05, days: 365.25 } },
      { inSample: { totalReturn: 0.44, days: 730.5 }, outOfSample: { totalReturn: -0.02, days: 365.25 } },
    ];
    const outOfSample = Math.sqrt(1.05 * 0.98) - 1;
    const inSample = (Math.sqrt(1.2) - 1 + (Math.sqrt(1.44) - 1)) / 2;
    expect(walkForwardEfficiency(folds)).toBeCloseTo(outOfSample / inSample, 12);
  });

  it('is null without folds or when the in-sample returns are not positive, where the ratio means nothing', () => {
    expect(walkForwardEfficiency([])).toBeNull();
    expect(
      walkForwardEfficiency([
        { inSample: { totalReturn: -0.1, days: 365 }, outOfSample: { totalReturn: 0.1, days: 365 } },
      ]),
    ).toBeNull();
  });
});
