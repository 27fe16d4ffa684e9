import { z } from 'zod';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One end of a backtest's time range: a calendar day `YYYY-MM-DD` (the whole day, UTC) or an ISO date-time in UTC
 * such as `2017-06-01T09:00:00Z` (that instant), so intraday sweeps can start and end within a day.
 *
 * @example
 * RangeBound.parse('2017-06-01');             // the whole of 1 June 2017
 * RangeBound.parse('2017-06-01T09:30:00Z');   // from (or until) 09:30 UTC
 */
export const RangeBound = z.union([z.iso.date(), z.iso.datetime()], {
  error: 'must be a date YYYY-MM-DD or a UTC date-time YYYY-MM-DDTHH:MM:SSZ',
});
export type RangeBound = z.infer<typeof RangeBound>;

/** The first millisecond a range starting at `start` covers: midnight UTC of a day, or the instant itself. */
export function rangeStartMs(start: RangeBound): number {
  return DATE_ONLY.test(start) ? Date.parse(`${start}T00:00:00Z`) : Date.parse(start);
}

/** The last millisecond a range ending at `end` covers, inclusive: the day's last millisecond, or the instant itself. */
export function rangeEndMs(end: RangeBound): number {
  return DATE_ONLY.test(end) ? Date.parse(`${end}T00:00:00Z`) + DAY_MS - 1 : Date.parse(end);
}
