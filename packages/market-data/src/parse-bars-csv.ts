import type { ParsedBar } from '@fleet/contracts';
import { adjustBar } from './adjust-bar.js';
import { BarRule, type BarRuleViolation } from './bar-rule.js';
import { checkOhlc } from './check-ohlc.js';
import { type CsvLayoutSpec, csvLayoutSpecs } from './csv-layout.js';
import { detectLayout } from './detect-layout.js';
import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';
import { MAX_BARS_PER_CHUNK } from './max-bars-per-chunk.js';
import { parseBarRow } from './parse-bar-row.js';
import { splitLines } from './split-lines.js';

/** How {@link parseBarsCsv} reads a file. */
export interface ParseOptions {
  /**
   * Scale open, high, low and close by `Adj Close / Close` so splits and dividends do not look like price moves.
   * Only layouts with an `Adj Close` column support it; others fail with `ADJUSTED_UNSUPPORTED`.
   * @defaultValue false
   */
  adjusted?: boolean;
  /**
   * Name used in error messages and in {@link MarketDataError.file}.
   * @defaultValue 'input'
   */
  fileName?: string;
}

/**
 * Streams the bars of a price CSV in chunks of at most {@link MAX_BARS_PER_CHUNK}, so an import of any size runs in
 * bounded memory. The layout is detected from the header ({@link detectLayout}); every row is validated and the first
 * bad row stops the stream with a `BAD_ROW` {@link MarketDataError} naming the file, the 1-based line and the
 * {@link BarRule}. Timestamps must be strictly increasing and are read as UTC. Empty lines are skipped. The last row
 * must end with a line end: a row cut inside its last number would otherwise import as a valid, wrong bar.
 * Chunks yielded before an error are valid, so an importer should write the whole file in one transaction.
 *
 * @param source - The whole CSV text, or a stream of text or bytes such as `fs.createReadStream(path)`.
 * @throws {@link MarketDataError} `EMPTY_FILE` when there is no data row, `UNKNOWN_LAYOUT`, `ADJUSTED_UNSUPPORTED`,
 * or `BAD_ROW`.
 * @example
 * ```ts
 * for await (const bars of parseBarsCsv(createReadStream(path), { fileName: 'orcl-1995-2014.csv' })) {
 *   await db.insertBars('ORCL', bars);
 * }
 * ```
 */
export async function* parseBarsCsv(
  source: AsyncIterable<string | Buffer> | string,
  options: ParseOptions = {},
): AsyncGenerator<ParsedBar[]> {
  const file = options.fileName ?? 'input';
  const badRow = (line: number, { rule, detail }: BarRuleViolation): MarketDataError =>
    new MarketDataError(MarketDataErrorCode.badRow, `${file} line ${line}: ${detail} (rule: ${rule})`, {
      file,
      line,
      rule,
    });

  let spec: CsvLayoutSpec | undefined;
  let lineNumber = 0;
  let previousTime = Number.NEGATIVE_INFINITY;
  let previousLine = 0;
  let chunk: ParsedBar[] = [];
  let barCount = 0;

  for await (const { lines, unterminated } of splitLines(source)) {
    for (const line of lines) {
      lineNumber += 1;
      if (line === '') continue;
      if (spec === undefined) {
        spec = layoutSpecFor(line, file, lineNumber, options.adjusted === true);
        continue;
      }

      // A plain split, not a general CSV parser: price files never quote their numeric cells (a quoted one fails as
      // BAD_ROW, naming the line), detectLayout strips a BOM, and csv-parse read rows at less than half this rate.
      const row = parseBarRow(line.split(','), spec);
      if ('rule' in row) throw badRow(lineNumber, row);
      // A row cut inside its last number still parses, so only its missing line end tells a truncated file.
      if (unterminated) {
        throw badRow(lineNumber, {
          rule: BarRule.lineEnd,
          detail: `the last row "${line}" has no line end, so the file may be cut off; if the row is whole, end the file with a newline`,
        });
      }

      let bar = row.bar;
      if (bar.time <= previousTime) {
        const at = new Date(bar.time).toISOString();
        throw badRow(
          lineNumber,
          bar.time === previousTime
            ? { rule: BarRule.duplicateTimestamp, detail: `timestamp ${at} repeats line ${previousLine}` }
            : {
                rule: BarRule.increasingTime,
                detail: `timestamp ${at} is before ${new Date(previousTime).toISOString()} on line ${previousLine}`,
              },
        );
      }
      previousTime = bar.time;
      previousLine = lineNumber;
      if (options.adjusted === true && row.adjClose !== undefined) {
        bar = adjustBar(bar, row.adjClose);
        const violation = checkOhlc(bar);
        if (violation !== undefined) throw badRow(lineNumber, { ...violation, detail: `adjusted ${violation.detail}` });
      }

      chunk.push(bar);
      barCount += 1;
      if (chunk.length === MAX_BARS_PER_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  }

  if (barCount === 0) {
    throw new MarketDataError(MarketDataErrorCode.emptyFile, `${file}: no bars (empty file or header only)`, { file });
  }
  if (chunk.length > 0) yield chunk;
}

function layoutSpecFor(headerLine: string, file: string, line: number, adjusted: boolean): CsvLayoutSpec {
  let layout: ReturnType<typeof detectLayout>;
  try {
    layout = detectLayout(headerLine);
  } catch (error) {
    if (!(error instanceof MarketDataError)) throw error;
    throw new MarketDataError(error.code, `${file} line ${line}: ${error.message}`, { file, line });
  }
  const spec = csvLayoutSpecs[layout];
  if (adjusted && spec.adjClose === undefined) {
    throw new MarketDataError(
      MarketDataErrorCode.adjustedUnsupported,
      `${file}: layout ${layout} has no Adj Close column, so adjusted prices cannot be computed`,
      { file },
    );
  }
  return spec;
}
