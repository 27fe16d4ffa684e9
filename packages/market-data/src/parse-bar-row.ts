import type { ParsedBar } from '@fleet/contracts';
import { BarRule, type BarRuleViolation } from './bar-rule.js';
import { checkOhlc } from './check-ohlc.js';
import type { CsvLayoutSpec } from './csv-layout.js';
import { isPositiveDecimal, normalizeDecimal } from './decimal-string.js';
import { parseTimestamp } from './parse-timestamp.js';

/** A validated row: the bar plus the adjusted close for layouts that have one. */
export interface BarRow {
  bar: ParsedBar;
  adjClose: string | undefined;
}

const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'adjClose'] as const;

/**
 * Turns the cells of one data row into a {@link BarRow}, or names the first {@link BarRule} the row breaks, checked in
 * the order column count, timestamp, numeric prices, volume, OHLC. It knows nothing of neighbouring rows, so the
 * order of timestamps is checked by the caller.
 *
 * @example
 * ```ts
 * parseBarRow(['2006-01-02', '09:05:00', '3578.73', '3587.88', '3578.73', '3582.99', '0', '0'], csvLayoutSpecs.date_time_columns);
 * // { bar: { time: 1136192700000, open: '3578.73', … }, adjClose: undefined }
 * ```
 */
export function parseBarRow(cells: readonly string[], spec: CsvLayoutSpec): BarRow | BarRuleViolation {
  if (cells.length !== spec.header.length) {
    return {
      rule: BarRule.columnCount,
      detail: `expected ${spec.header.length} columns, found ${cells.length}`,
    };
  }
  const timeText = spec.time.map((column) => cells[column] ?? '').join(' ');
  const time = parseTimestamp(timeText);
  if (time === undefined) return { rule: BarRule.timestamp, detail: `unparseable timestamp "${timeText}"` };

  const prices: Partial<Record<(typeof PRICE_FIELDS)[number], string>> = {};
  for (const field of PRICE_FIELDS) {
    const column = spec[field];
    if (column === undefined) continue;
    const text = cells[column] ?? '';
    const value = normalizeDecimal(text);
    if (value === undefined) return { rule: BarRule.numericPrice, detail: `${field} "${text}" is not a number` };
    prices[field] = value;
  }
  const volumeText = cells[spec.volume] ?? '';
  const volume = normalizeDecimal(volumeText);
  if (volume === undefined) return { rule: BarRule.numericVolume, detail: `volume "${volumeText}" is not a number` };
  if (volume.startsWith('-')) return { rule: BarRule.nonNegativeVolume, detail: `volume ${volume} is negative` };

  const { open = '', high = '', low = '', close = '', adjClose } = prices;
  if (adjClose !== undefined && !isPositiveDecimal(adjClose)) {
    return { rule: BarRule.positivePrice, detail: `adjClose ${adjClose} is not > 0` };
  }
  const bar: ParsedBar = { time, open, high, low, close, volume };
  return checkOhlc(bar) ?? { bar, adjClose };
}
