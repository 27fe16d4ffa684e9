import { parseCalendarDay } from './calendar-day.js';
import type { CalendarWindow } from './cut-windows.js';

/**
 * The number of calendar days a window spans, both ends included: the length {@link annualizedReturn} annualizes
 * over.
 *
 * @example
 * windowDays({ start: '2003-01-01', end: '2003-12-31' }); // 365
 */
export function windowDays(window: CalendarWindow): number {
  return parseCalendarDay(window.end, 'window.end') - parseCalendarDay(window.start, 'window.start') + 1;
}
