import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ParsedBar } from '@fleet/contracts';
import type { CsvLayout } from './csv-layout.js';
import { detectInterval } from './detect-interval.js';
import { detectLayout } from './detect-layout.js';
import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';
import { type ParseOptions, parseBarsCsv } from './parse-bars-csv.js';
import { symbolFromFileName } from './symbol-from-file-name.js';

/** How {@link streamBarsFile} reads a file: as {@link parseBarsCsv}, plus an interval that skips detection. */
export interface StreamBarsFileOptions extends ParseOptions {
  /**
   * The bar interval to report instead of detecting it, for files whose spacing does not say it (a single bar).
   * @defaultValue detected from the first chunk
   */
  interval?: string;
}

/** A price file opened for streaming: what its header, spacing and name say, and its bars in chunks. */
export interface BarsStream {
  layout: CsvLayout;
  /** As named by {@link detectInterval} over the first chunk, or the interval given in the options. */
  interval: string;
  /** As named by {@link symbolFromFileName}. */
  symbol: string;
  /** Size of the file in bytes, the total of a progress bar. */
  size: number;
  /** Bytes read from the file so far, the progress of a progress bar. */
  bytesRead: () => number;
  /** Every validated bar of the file, first chunk included; can be iterated once. Errors surface while iterating. */
  chunks: AsyncIterable<ParsedBar[]>;
}

/**
 * Opens a price file for an import of any size: reads and validates only its first chunk (up to
 * {@link MAX_BARS_PER_CHUNK} bars) to tell its layout and interval, then streams the rest on demand, so a caller can
 * name the series before writing anything and hold one chunk at a time. A bad row later in the file surfaces while
 * iterating `chunks`, so an importer should write the whole stream in one transaction. Errors name the file as
 * `fileName`, by default the path as given.
 *
 * @throws {@link MarketDataError} as {@link parseBarsCsv} does for the first chunk, and `UNKNOWN_INTERVAL` when the
 * first chunk has a single bar and no interval was given.
 * @example
 * ```ts
 * const file = await streamBarsFile('data/samples/orcl-1995-2014.csv');
 * // file.symbol 'ORCL', file.interval '1d', file.layout 'yahoo'
 * for await (const bars of file.chunks) await db.insertBars(file.symbol, bars);
 * ```
 */
export async function streamBarsFile(path: string, options: StreamBarsFileOptions = {}): Promise<BarsStream> {
  const { interval: givenInterval, ...parseOptions } = options;
  const fileName = parseOptions.fileName ?? path;
  const { size } = await stat(path);
  const input = createReadStream(path);
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  const parsed = parseBarsCsv(counted(), { ...parseOptions, fileName });
  try {
    const first = await parsed.next();
    const firstChunk = first.done ? [] : first.value;
    const interval = givenInterval ?? intervalOf(firstChunk, fileName);
    const layout = detectLayout(await readHeaderLine(path));
    async function* chunks(): AsyncGenerator<ParsedBar[]> {
      yield firstChunk;
      yield* parsed;
    }
    return { layout, interval, symbol: symbolFromFileName(path), size, bytesRead: () => bytesRead, chunks: chunks() };
  } catch (error) {
    input.destroy();
    throw error;
  }
}

function intervalOf(bars: readonly ParsedBar[], file: string): string {
  try {
    return detectInterval(bars.map((bar) => bar.time));
  } catch (error) {
    if (!(error instanceof MarketDataError)) throw error;
    throw new MarketDataError(
      MarketDataErrorCode.unknownInterval,
      `${file}: cannot detect the bar interval (${error.message}); give the interval explicitly`,
      { file },
    );
  }
}

/** The header line, read on its own; by then the parser has accepted it, so it is known to be short and valid. */
async function readHeaderLine(path: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    return /[^\r\n]+/.exec(buffer.toString('utf8', 0, bytesRead))?.[0] ?? '';
  } finally {
    await file.close();
  }
}
