import { describe, expect, it } from 'vitest';
import { runCustom, scripted } from '../../test/support/run-custom.js';
import { seriesFromBars } from '../../test/support/synthetic-series.js';

const flat = (price: number) => ({ open: price, close: price });

describe('PositionSizer', () => {
  const series = seriesFromBars([flat(10), flat(10), flat(10)]);
  const buyOnFirstBar = scripted({ 0: (ctx) => ctx.buy(), 1: (ctx) => ctx.close() });

  it('orders 100 units by default', () => {
    expect(runCustom(series, buyOnFirstBar).trades[0]?.quantity).toBe(100);
  });

  it('orders whole units worth a percent of equity at the signal close', () => {
    const result = runCustom(series, buyOnFirstBar, { cash: '10000', sizing: { kind: 'percent_equity', percent: 50 } });
    expect(result.trades[0]?.quantity).toBe(500);
  });

  it('orders whole units worth at most a cash amount, rounding down', () => {
    const result = runCustom(series, buyOnFirstBar, { sizing: { kind: 'cash', amount: '1234' } });
    expect(result.trades[0]?.quantity).toBe(123);
  });
});
