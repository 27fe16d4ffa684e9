const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Epoch milliseconds of a `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` timestamp read as UTC, or
 * `undefined` when the text is not one of these or names a day or time that does not exist (2014-02-30, 24:00).
 * Files carry no zone, and reading them as UTC keeps a backtest independent of the machine's time zone.
 *
 * @example
 * ```ts
 * parseTimestamp('2017-04-19 09:00:00'); // 1492592400000
 * parseTimestamp('2014-02-30'); // undefined
 * ```
 */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const part = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)] as const;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time : undefined;
}
