import { describe, expect, it } from 'vitest';
import { cutWindows } from './cut-windows.js';

const range = { start: '2000-01-01', end: '2004-12-31' };

describe('cutWindows', () => {
  it('splits at a holdout: in-sample up to the day before, out-of-sample from it to the end', () => {
    expect(cutWindows(range, { holdout: '2003-06-15' })).toEqual([
      {
        index: 0,
        inSample: { start: '2000-01-01', end: '2003-06-14' },
        outOfSample: { start: '2003-06-15', end: '2004-12-31' },
      },
    ]);
  });

  it('rolls train and test windows forward by step', () => {
    const folds = cutWindows(range, { walkForward: { train: '3y', test: '1y', step: '1y' } });
    expect(folds).toEqual([
      {
        index: 0,
        inSample: { start: '2000-01-01', end: '2002-12-31' },
        outOfSample: { start: '2003-01-01', end: '2003-12-31' },
      },
      {
        index: 1,
        inSample: { start: '2001-01-01', end: '2003-12-31' },
        outOfSample: { start: '2004-01-01', end: '2004-12-31' },
      },
    ]);
  });

  it('keeps every in-sample window at the range start when anchored', () => {
    const folds = cutWindows(range, { walkForward: { train: '2y', test: '1y', step: '1y', anchored: true } });
    expect(folds.map((fold) => fold.inSample)).toEqual([
      { start: '2000-01-01', end: '2001-12-31' },
      { start: '2000-01-01', end: '2002-12-31' },
      { start: '2000-01-01', end: '2003-12-31' },
    ]);
    expect(folds.map((fold) => fold.outOfSample.start)).toEqual(['2002-01-01', '2003-01-01', '2004-01-01']);
  });

  it('cuts the last test window short at the range end and stops once a test window would start after it', () => {
    const folds = cutWindows(
      { start: '2000-01-01', end: '2001-02-10' },
      { walkForward: { train: '6m', test: '3m', step: '3m' } },
    );
    expect(folds.map((fold) => fold.outOfSample)).toEqual([
      { start: '2000-07-01', end: '2000-09-30' },
      { start: '2000-10-01', end: '2000-12-31' },
      { start: '2001-01-01', end: '2001-02-10' },
    ]);
  });

  it('counts months on the calendar without drifting from a month end, and weeks and days as days', () => {
    const folds = cutWindows(
      { start: '2011-01-31', end: '2011-12-31' },
      { walkForward: { train: '1m', test: '1m', step: '1m' } },
    );
    expect(folds.slice(0, 3).map((fold) => fold.outOfSample.start)).toEqual(['2011-02-28', '2011-03-31', '2011-04-30']);
    const weekly = cutWindows(
      { start: '2020-01-01', end: '2020-01-31' },
      { walkForward: { train: '2w', test: '10d', step: '10d' } },
    );
    expect(weekly.map((fold) => fold.outOfSample)).toEqual([
      { start: '2020-01-15', end: '2020-01-24' },
      { start: '2020-01-25', end: '2020-01-31' },
    ]);
  });

  it('refuses malformed durations and dates, a holdout outside the range, and a train window that leaves no test day', () => {
    expect(() => cutWindows(range, { walkForward: { train: '3x', test: '1y', step: '1y' } })).toThrow(
      'validation.walkForward.train: "3x" is not a duration such as 10d, 2w, 6m or 3y (a positive whole number and d, w, m or y)',
    );
    expect(() => cutWindows(range, { walkForward: { train: '3y', test: '0d', step: '1y' } })).toThrow(
      /^validation\.walkForward\.test: "0d"/,
    );
    expect(() => cutWindows(range, { holdout: '2003-02-30' })).toThrow(
      'validation.holdout: "2003-02-30" is not a calendar day YYYY-MM-DD',
    );
    expect(() => cutWindows(range, { holdout: '2000-01-01' })).toThrow(/must be after the start 2000-01-01/);
    expect(() => cutWindows(range, { holdout: '2005-01-01' })).toThrow(/not after the end 2004-12-31/);
    expect(() => cutWindows(range, { walkForward: { train: '5y', test: '1y', step: '1y' } })).toThrow(
      'validation.walkForward.train: 5y leaves no out-of-sample days in 2000-01-01..2004-12-31',
    );
    expect(() => cutWindows({ start: '2004-01-01', end: '2003-01-01' }, { holdout: '2003-06-01' })).toThrow(
      'end: 2003-01-01 is before start 2004-01-01',
    );
  });
});
