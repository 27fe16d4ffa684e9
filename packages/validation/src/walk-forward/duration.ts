import { ValidationInputError } from '../validation-input-error.js';

/**
 * A calendar length such as `3y` or `2w`, kept as whole months and days because months and years are not a fixed
 * number of days: `1y` from 2012-02-29 ends on 2013-02-28, not 365 days later.
 *
 * @example
 * const threeYears: Duration = { months: 36, days: 0 };
 */
export interface Duration {
  readonly months: number;
  readonly days: number;
}

const DURATION = /^([1-9][0-9]*)([dwmy])$/;

/**
 * Parses a window length written as a positive whole number and a unit: `d` days, `w` weeks, `m` months, `y` years.
 *
 * @param where the setting it came from, for the error message (e.g. `validation.walkForward.train`).
 * @throws {@link ValidationInputError} naming `where` for anything else.
 * @example
 * parseDuration('3y', 'validation.walkForward.train'); // { months: 36, days: 0 }
 * parseDuration('10d', 'validation.walkForward.step'); // { months: 0, days: 10 }
 */
export function parseDuration(text: string, where: string): Duration {
  const match = DURATION.exec(text);
  if (!match) {
    throw new ValidationInputError(
      `${where}: ${JSON.stringify(text)} is not a duration such as 10d, 2w, 6m or 3y (a positive whole number and d, w, m or y)`,
    );
  }
  const amount = Number(match[1]);
  switch (match[2]) {
    case 'y':
      return { months: amount * 12, days: 0 };
    case 'm':
      return { months: amount, days: 0 };
    case 'w':
      return { months: 0, days: amount * 7 };
    default:
      return { months: 0, days: amount };
  }
}
