import { CsvLayout, csvLayoutSpecs } from './csv-layout.js';
import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';

const normalizeCell = (cell: string): string => cell.trim().toLowerCase();

/**
 * Names the {@link CsvLayout} of a file from its header line, so one importer handles every source's format
 * without a per-file flag. Matching ignores case, surrounding spaces, a byte-order mark and a trailing `\r`.
 *
 * @throws {@link MarketDataError} with code `UNKNOWN_LAYOUT`, listing the headers it knows.
 * @example
 * ```ts
 * detectLayout('Date,Open,High,Low,Close,Adj Close,Volume'); // 'yahoo'
 * detectLayout(',Open,High,Low,Close,Volume'); // 'unnamed_index'
 * ```
 */
export function detectLayout(headerLine: string): CsvLayout {
  const cells = headerLine
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(',')
    .map(normalizeCell);
  const match = CsvLayout.options.find((layout) => {
    const expected = csvLayoutSpecs[layout].header;
    return expected.length === cells.length && expected.every((cell, i) => normalizeCell(cell) === cells[i]);
  });
  if (match !== undefined) return match;
  const known = CsvLayout.options.map((layout) => `${layout} (${csvLayoutSpecs[layout].header.join(',')})`);
  throw new MarketDataError(
    MarketDataErrorCode.unknownLayout,
    `unknown CSV header "${headerLine.trim()}"; known layouts: ${known.join('; ')}`,
  );
}
