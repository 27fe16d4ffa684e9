import type { BarRule } from './bar-rule.js';

/**
 * Stable codes a caller routes on (retry, skip the file, fix the input) without parsing messages.
 * `BAD_ROW` carries the file, line and {@link BarRule} that was broken.
 */
export const MarketDataErrorCode = {
  unknownLayout: 'UNKNOWN_LAYOUT',
  badRow: 'BAD_ROW',
  emptyFile: 'EMPTY_FILE',
  adjustedUnsupported: 'ADJUSTED_UNSUPPORTED',
  unknownInterval: 'UNKNOWN_INTERVAL',
  badOptions: 'BAD_OPTIONS',
} as const;
export type MarketDataErrorCode = (typeof MarketDataErrorCode)[keyof typeof MarketDataErrorCode];

/** Where an error was found; every field is optional because not every error comes from a file. */
export interface MarketDataErrorDetails {
  file?: string;
  /** 1-based line number in the file, the header being line 1. */
  line?: number;
  rule?: BarRule;
}

/**
 * The one error type of this package, so that workers can classify bad data as permanent by `name` and `code`
 * even after the error has crossed a sandbox boundary and lost its prototype.
 *
 * @example
 * ```ts
 * try {
 *   await readBarsFile('data/samples/orcl-1995-2014.csv');
 * } catch (error) {
 *   if (error instanceof Error && error.name === 'MarketDataError') console.error(error.message);
 * }
 * ```
 */
export class MarketDataError extends Error {
  override readonly name = 'MarketDataError';
  readonly code: MarketDataErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly rule: BarRule | undefined;

  constructor(code: MarketDataErrorCode, message: string, details: MarketDataErrorDetails = {}) {
    super(message);
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.rule = details.rule;
  }
}
