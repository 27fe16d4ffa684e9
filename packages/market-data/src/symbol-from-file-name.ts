import { basename, extname } from 'node:path';
import { MarketDataError, MarketDataErrorCode } from './market-data-error.js';

/**
 * The instrument symbol a price file is named after: the upper-cased part of the base name before the first `-` or
 * `_`, without the extension. Sample and vendor files are named `<symbol>-<years>[-<interval>].csv`, so the name is the
 * one place the symbol is recorded.
 *
 * @throws {@link MarketDataError} with code `BAD_OPTIONS` when the name has no symbol part.
 * @example
 * ```ts
 * symbolFromFileName('data/samples/orcl-1995-2014.csv'); // 'ORCL'
 * symbolFromFileName('eurusd-2017-1h.csv'); // 'EURUSD'
 * ```
 */
export function symbolFromFileName(path: string): string {
  const name = basename(path, extname(path));
  const symbol = (name.split(/[-_]/)[0] ?? '').trim().toUpperCase();
  if (symbol === '') {
    throw new MarketDataError(MarketDataErrorCode.badOptions, `cannot read a symbol from file name "${path}"`, {
      file: path,
    });
  }
  return symbol;
}
