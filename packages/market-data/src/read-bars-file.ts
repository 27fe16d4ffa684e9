import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParsedBar } from '@fleet/contracts';
import type { CsvLayout } from './csv-layout.js';
import { detectInterval } from './detect-interval.js';
import { detectLayout } from './detect-layout.js';
import { type ParseOptions, parseBarsCsv } from './parse-bars-csv.js';
import { symbolFromFileName } from './symbol-from-file-name.js';

/** A whole price file in memory with what its header, spacing and name say about it. */
export interface BarsFile {
  layout: CsvLayout;
  /** As named by {@link detectInterval}. */
  interval: string;
  /** As named by {@link symbolFromFileName}. */
  symbol: string;
  bars: ParsedBar[];
}

/**
 * Reads and validates a whole price file into memory, for tests, fixtures and `fleet backtest --data`; imports of
 * large files should stream with {@link parseBarsCsv} instead. Errors name the file by its base name.
 *
 * @param options - As for {@link parseBarsCsv}; `fileName` defaults to the base name of `path`.
 * @throws {@link MarketDataError} as {@link parseBarsCsv} does, and `UNKNOWN_INTERVAL` for a file with a single bar.
 * @example
 * ```ts
 * const { symbol, interval, bars } = await readBarsFile('data/samples/orcl-1995-2014.csv', { adjusted: true });
 * // symbol 'ORCL', interval '1d', bars.length 5036
 * ```
 */
export async function readBarsFile(path: string, options: ParseOptions = {}): Promise<BarsFile> {
  const text = await readFile(path, 'utf8');
  const bars: ParsedBar[] = [];
  for await (const chunk of parseBarsCsv(text, { ...options, fileName: options.fileName ?? basename(path) }))
    bars.push(...chunk);
  const headerLine = /[^\r\n]+/.exec(text)?.[0] ?? '';
  return {
    layout: detectLayout(headerLine),
    interval: detectInterval(bars.map((bar) => bar.time)),
    symbol: symbolFromFileName(path),
    bars,
  };
}
