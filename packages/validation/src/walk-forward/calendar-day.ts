import { ValidationInputError } from '../validation-input-error.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` UTC calendar day. */
export function parseCalendarDay(text: string, where: string): number {
  const match = ISO_DATE.exec(text);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : Number.NaN;
  if (!match || formatCalendarDay(day) !== text) {
    throw new ValidationInputError(`${where}: ${JSON.stringify(text)} is not a calendar day YYYY-MM-DD`);
  }
  return day;
}

/** The `YYYY-MM-DD` text of a day number. */
export function formatCalendarDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds UTC of the start of a day number. */
export function calendarDayStartMs(day: number): number {
  return day * DAY_MS;
}

/**
 * `day` plus whole months then days; a month end that does not exist clamps to the month's last day (Jan 31 + 1m is
 * Feb 28 or 29), and each offset is taken from the same origin so repeated steps do not drift.
 */
export function addToCalendarDay(day: number, months: number, days: number): number {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / DAY_MS;
  return shifted + days;
}
