/**
 * One OHLCV bar as read from a file, before it becomes a db row or an engine `Bar`: what the market-data reader
 * yields and what the db importer writes, so both sides of that hand-over name one type.
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
