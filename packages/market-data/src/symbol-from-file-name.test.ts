import { describe, expect, it } from 'vitest';
import { symbolFromFileName } from './symbol-from-file-name.js';

describe('symbolFromFileName', () => {
  it.each([
    ['data/samples/orcl-1995-2014.csv', 'ORCL'],
    ['eurusd-2017-1h.csv', 'EURUSD'],
    ['/tmp/index-2006-5min.csv', 'INDEX'],
    ['spy_daily.csv', 'SPY'],
    ['BRK.B.csv', 'BRK.B'],
    ['aapl', 'AAPL'],
  ])('reads %s as %s', (path, symbol) => {
    expect(symbolFromFileName(path)).toBe(symbol);
  });

  it('refuses a name with no symbol part', () => {
    expect(() => symbolFromFileName('data/-2014.csv')).toThrow(expect.objectContaining({ code: 'BAD_OPTIONS' }));
  });
});
