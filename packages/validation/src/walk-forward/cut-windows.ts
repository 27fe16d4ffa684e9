import { ValidationInputError } from '../validation-input-error.js';
import { addToCalendarDay, formatCalendarDay, parseCalendarDay } from './calendar-day.js';
import { parseDuration } from './duration.js';

/**
 * A span of UTC calendar days, both ends included, as the sweep file writes dates, so folds print as users wrote them.
 *
 * @example
 * const window: CalendarWindow = { start: '2012-01-01', end: '2014-12-31' };
 */
export interface CalendarWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * One in-sample window where parameters are chosen and the out-of-sample window right after it where they run; the
 * unit a walk-forward schedules, selects and reports on.
 *
 * @example
 * const [fold] = cutWindows({ start: '2000-01-01', end: '2014-12-31' }, { holdout: '2012-01-01' });
 */
export interface Fold {
  readonly index: number;
  readonly inSample: CalendarWindow;
  readonly outOfSample: CalendarWindow;
}

/**
 * Rolling (or anchored) walk-forward windows as the sweep file's `validation.walkForward` writes them; durations are
 * {@link parseDuration} strings.
 *
 * @example
 * const spec: WalkForwardSpec = { train: '3y', test: '1y', step: '1y', anchored: false };
 */
export interface WalkForwardSpec {
  readonly train: string;
  readonly test: string;
  readonly step: string;
  /**
   * Whether every in-sample window starts at the range start (growing) instead of rolling forward by `step`.
   * @defaultValue false
   */
  readonly anchored?: boolean;
}

/**
 * How a sweep's date range is split: one holdout date, or walk-forward folds (the sweep file's `validation`).
 *
 * @example
 * const spec: WindowSpec = { holdout: '2012-01-01' };
 */
export type WindowSpec = { readonly holdout: string } | { readonly walkForward: WalkForwardSpec };

function holdoutFold(start: number, end: number, holdout: string): Fold[] {
  const split = parseCalendarDay(holdout, 'validation.holdout');
  if (!(split > start && split <= end)) {
    throw new ValidationInputError(
      `validation.holdout: ${holdout} must be after the start ${formatCalendarDay(start)} and not after the end ${formatCalendarDay(end)}`,
    );
  }
  return [
    {
      index: 0,
      inSample: { start: formatCalendarDay(start), end: formatCalendarDay(split - 1) },
      outOfSample: { start: holdout, end: formatCalendarDay(end) },
    },
  ];
}

function walkForwardFolds(start: number, end: number, spec: WalkForwardSpec): Fold[] {
  const train = parseDuration(spec.train, 'validation.walkForward.train');
  const test = parseDuration(spec.test, 'validation.walkForward.test');
  const step = parseDuration(spec.step, 'validation.walkForward.step');
  const folds: Fold[] = [];
  for (let k = 0; ; k++) {
    const testStart = addToCalendarDay(start, train.months + k * step.months, train.days + k * step.days);
    if (testStart > end) break;
    const testAfter = addToCalendarDay(
      start,
      train.months + k * step.months + test.months,
      train.days + k * step.days + test.days,
    );
    const trainStart = spec.anchored ? start : addToCalendarDay(start, k * step.months, k * step.days);
    folds.push({
      index: k,
      inSample: { start: formatCalendarDay(trainStart), end: formatCalendarDay(testStart - 1) },
      outOfSample: { start: formatCalendarDay(testStart), end: formatCalendarDay(Math.min(testAfter - 1, end)) },
    });
  }
  if (folds.length === 0) {
    throw new ValidationInputError(
      `validation.walkForward.train: ${spec.train} leaves no out-of-sample days in ${formatCalendarDay(start)}..${formatCalendarDay(end)}`,
    );
  }
  return folds;
}

/**
 * Cuts a sweep's `start..end` range into folds on the calendar.
 *
 * - `holdout: D`: one fold, in-sample `start .. D − 1 day`, out-of-sample `D .. end`.
 * - `walkForward: {train, test, step, anchored}`: fold k tests on `start + train + k·step` for `test` (the last
 *   test window is cut short at `end`) after training on the `train` before it, or on everything since `start`
 *   when anchored. Folds stop once a test window would start after `end`.
 *
 * Why calendar, not bar counts: "train 3 years, test 1 year" must mean the same dates on every symbol; use
 * {@link windowBars} to map a window to one series' bars.
 *
 * @param range the sweep's first and last day, both included.
 * @throws {@link ValidationInputError} naming the setting for malformed dates or durations, a holdout outside the
 *   range, or walk-forward windows that leave no out-of-sample day.
 * @example
 * cutWindows({ start: '2000-01-01', end: '2004-12-31' }, { walkForward: { train: '3y', test: '1y', step: '1y' } });
 * // [{ index: 0, inSample: { start: '2000-01-01', end: '2002-12-31' }, outOfSample: { start: '2003-01-01', end: '2003-12-31' } },
 * //  { index: 1, inSample: { start: '2001-01-01', end: '2003-12-31' }, outOfSample: { start: '2004-01-01', end: '2004-12-31' } }]
 */
export function cutWindows(range: CalendarWindow, spec: WindowSpec): Fold[] {
  const start = parseCalendarDay(range.start, 'start');
  const end = parseCalendarDay(range.end, 'end');
  if (end < start) throw new ValidationInputError(`end: ${range.end} is before start ${range.start}`);
  return 'holdout' in spec ? holdoutFold(start, end, spec.holdout) : walkForwardFolds(start, end, spec.walkForward);
}
