import { z } from 'zod';

/**
 * The CSV header layouts found in the price files we import, named after how the time is written.
 * - `yahoo`: `Date,Open,High,Low,Close,Adj Close,Volume`, the Yahoo Finance daily download.
 * - `unnamed_index`: `,Open,High,Low,Close,Volume`, a pandas `to_csv` whose index (a date or a date-time) has no name.
 * - `date_time_columns`: `Date,Time,Open,High,Low,Close,Volume,OpenInterest`, intraday bars with date and time apart.
 */
export const CsvLayout = z.enum(['yahoo', 'unnamed_index', 'date_time_columns']);
export type CsvLayout = z.infer<typeof CsvLayout>;

/** Where each field sits in a row of one {@link CsvLayout}; column indices are 0-based. */
export interface CsvLayoutSpec {
  /** Header cells as they appear in the file; matched case-insensitively after trimming. */
  header: readonly string[];
  /** Columns that, joined by a space, form the timestamp. */
  time: readonly number[];
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Present only for layouts that carry a split- and dividend-adjusted close. */
  adjClose?: number;
}

/** The column map of every {@link CsvLayout}, the single place a new layout is added. */
export const csvLayoutSpecs: Readonly<Record<CsvLayout, CsvLayoutSpec>> = {
  yahoo: {
    header: ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'],
    time: [0],
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    adjClose: 5,
    volume: 6,
  },
  unnamed_index: {
    header: ['', 'Open', 'High', 'Low', 'Close', 'Volume'],
    time: [0],
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    volume: 5,
  },
  date_time_columns: {
    header: ['Date', 'Time', 'Open', 'High', 'Low', 'Close', 'Volume', 'OpenInterest'],
    time: [0, 1],
    open: 2,
    high: 3,
    low: 4,
    close: 5,
    volume: 6,
  },
};
