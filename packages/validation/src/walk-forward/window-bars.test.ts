import { describe, expect, it } from 'vitest';
import { windowBars } from './window-bars.js';

// Daily bars at 00:00 UTC plus one intraday bar, 2003-01-02 .. 2003-01-09 (no bars on the weekend).
const times = Float64Array.from(
  ['2003-01-02', '2003-01-03', '2003-01-06', '2003-01-06T14:30:00Z', '2003-01-07', '2003-01-08', '2003-01-09'].map(
    (text) => Date.parse(text),
  ),
);

describe('windowBars', () => {
  it('maps a calendar window to the bars opening on its days, the last day included', () => {
    expect(windowBars({ start: '2003-01-03', end: '2003-01-06' }, times)).toEqual({ from: 1, to: 4 });
  });

  it('starts at the first bar after a window start that falls on a day without bars', () => {
    expect(windowBars({ start: '2003-01-04', end: '2003-01-07' }, times)).toEqual({ from: 2, to: 5 });
  });

  it('clips to the series and is empty when no bar falls in the window', () => {
    expect(windowBars({ start: '2002-01-01', end: '2010-01-01' }, times)).toEqual({ from: 0, to: 7 });
    expect(windowBars({ start: '2003-01-04', end: '2003-01-05' }, times)).toEqual({ from: 2, to: 2 });
    expect(windowBars({ start: '2004-01-01', end: '2004-12-31' }, times)).toEqual({ from: 7, to: 7 });
  });
});
