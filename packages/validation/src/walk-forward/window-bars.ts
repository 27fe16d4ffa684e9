import { calendarDayStartMs, parseCalendarDay } from './calendar-day.js';
import type { CalendarWindow } from './cut-windows.js';

/**
 * Bar indexes `from` (included) to `to` (excluded) of one series, half-open so consecutive windows share no bar;
 * empty when `from === to`.
 *
 * @example
 * const { from, to } = windowBars(fold.outOfSample, series.time);
 */
export interface BarRange {
  readonly from: number;
  readonly to: number;
}

function firstAtOrAfter(barTimes: ArrayLike<number>, ms: number): number {
  let low = 0;
  let high = barTimes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((barTimes[middle] as number) < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The bars of a series that fall in a calendar window: those opening on or after the window's first day (00:00 UTC)
 * and before the day after its last. Indicators may read bars before `from` as warm-up; orders start at `from`.
 *
 * @param barTimes bar open times, epoch milliseconds UTC, ascending (a `BarSeries.time`).
 * @example
 * windowBars({ start: '2003-01-01', end: '2003-12-31' }, series.time); // { from: 756, to: 1008 }
 */
export function windowBars(window: CalendarWindow, barTimes: ArrayLike<number>): BarRange {
  const startMs = calendarDayStartMs(parseCalendarDay(window.start, 'window.start'));
  const afterMs = calendarDayStartMs(parseCalendarDay(window.end, 'window.end') + 1);
  const from = firstAtOrAfter(barTimes, startMs);
  return { from, to: Math.max(from, firstAtOrAfter(barTimes, afterMs)) };
}
