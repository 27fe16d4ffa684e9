/**
 * One OHLCV bar as read from a file, before it becomes a db row or an engine `Bar`.
 * Prices stay the file's decimal strings so that no float rounding happens between the file and the numeric column.
 */
export interface ParsedBar {
  /** The row's timestamp in epoch milliseconds, read as UTC; files do not say whether it marks the bar's open or close. */
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

/**
 * Upper bound on the bars in one yielded chunk, so that an import of any size holds at most this many bars at once
 * and the db layer can insert each chunk as one statement.
 */
export const MAX_BARS_PER_CHUNK = 5000;
