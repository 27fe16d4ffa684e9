import { describe, expect, it } from 'vitest';
import { runCustom, scripted } from '../../test/support/run-custom.js';
import { seriesFromBars } from '../../test/support/synthetic-series.js';

const flat = (price: number) => ({ open: price, close: price });

describe('RiskEngine', () => {
  it('denies an order that would exceed maxPositionFraction and counts it as rejected', () => {
    const series = seriesFromBars([flat(10), flat(10), flat(10)]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy() }), {
      cash: '1000',
      maxPositionFraction: 0.5,
    });
    expect(result.rejectedOrders, '100 × 10 = 1000 > 0.5 × 1000').toBe(1);
    expect(result.finalEquity).toBe('1000');
  });

  it('allows an order within maxPositionFraction', () => {
    const series = seriesFromBars([flat(10), flat(10), flat(10)]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 40 }) }), {
      cash: '1000',
      maxPositionFraction: 0.5,
    });
    expect(result.rejectedOrders).toBe(0);
    expect(result.metrics.exposure).toBeCloseTo(2 / 3, 12);
  });

  it('denies an order that sizes to zero units', () => {
    const series = seriesFromBars([flat(100), flat(100)]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy() }), {
      sizing: { kind: 'cash', amount: '50' },
    });
    expect(result.rejectedOrders).toBe(1);
  });

  it('stops a long position out at the stop price when a later bar trades through it', () => {
    const series = seriesFromBars([
      flat(100),
      { open: 100, close: 100, low: 80 }, // entry bar: the stop is not active yet
      { open: 95, close: 92, low: 89 },
      flat(50),
    ]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }) }), { stopLoss: 0.1 });
    expect(result.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl, t.exitTime])).toEqual([
      ['100', '90', '-100', series.time[2]],
    ]);
  });

  it('stops out at the open when the bar gaps through the stop', () => {
    const series = seriesFromBars([flat(100), flat(100), { open: 85, close: 86 }]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }) }), { stopLoss: 0.1 });
    expect(result.trades[0]?.exitPrice).toBe('85');
  });

  it('takes profit at the limit price and cancels the stop', () => {
    const series = seriesFromBars([flat(100), flat(100), { open: 105, close: 104, high: 111 }, flat(10)]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }) }), {
      stopLoss: 0.1,
      takeProfit: 0.1,
    });
    expect(result.trades.map((t) => [t.exitPrice, t.pnl])).toEqual([['110', '100']]);
    expect(result.closedTrades, 'the stop did not fire on the crash bar after the exit').toBe(1);
    expect(result.finalEquity).toBe('100100');
  });

  it('protects short positions in the opposite direction', () => {
    const series = seriesFromBars([flat(100), flat(100), { open: 105, close: 108, high: 112 }]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.sell({ quantity: 10 }) }), { stopLoss: 0.1 });
    expect(result.trades.map((t) => [t.side, t.entryPrice, t.exitPrice, t.pnl])).toEqual([
      ['short', '100', '110', '-100'],
    ]);
  });
});
