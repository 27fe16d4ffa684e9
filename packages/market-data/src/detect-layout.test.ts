import { describe, expect, it } from 'vitest';
import { detectLayout } from './detect-layout.js';
import { MarketDataError } from './market-data-error.js';

describe('detectLayout', () => {
  it.each([
    ['Date,Open,High,Low,Close,Adj Close,Volume', 'yahoo'],
    [',Open,High,Low,Close,Volume', 'unnamed_index'],
    ['Date,Time,Open,High,Low,Close,Volume,OpenInterest', 'date_time_columns'],
  ])('names %s as %s', (header, layout) => {
    expect(detectLayout(header)).toBe(layout);
  });

  it('ignores case, spaces around cells, a byte-order mark and a trailing CR', () => {
    expect(detectLayout('\uFEFFdate, open ,HIGH,low,close,adj close,volume\r')).toBe('yahoo');
  });

  it('refuses an unknown header with UNKNOWN_LAYOUT, listing every known layout', () => {
    const error = (() => {
      try {
        return detectLayout('Date,Open,High,Low,Close,Volume');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ name: 'MarketDataError', code: 'UNKNOWN_LAYOUT' });
    const message = (error as MarketDataError).message;
    for (const layout of ['yahoo', 'unnamed_index', 'date_time_columns']) {
      expect(message, 'the message tells the user which headers would work').toContain(layout);
    }
  });
});
