import { describe, expect, it } from 'vitest';
import { runCustom, scripted } from '../../test/support/run-custom.js';
import { seriesFromBars } from '../../test/support/synthetic-series.js';

describe('SimulatedBroker', () => {
  it('rejects an order the cash cannot pay for instead of shrinking it', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 11, close: 11 },
    ]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy() }), { cash: '1000' });
    expect(result.rejectedOrders, '100 × 11 at the next open > 1000').toBe(1);
    expect(result.finalEquity).toBe('1000');
    expect(result.metrics.exposure).toBe(0);
  });

  it('counts the commission in affordability', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 10, close: 10 },
    ]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy() }), {
      cash: '1000',
      commission: { kind: 'fixed', amount: '0.01' },
    });
    expect(result.rejectedOrders).toBe(1);
  });

  it('requires cash covering a new short', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 10, close: 10 },
    ]);
    expect(runCustom(series, scripted({ 0: (ctx) => ctx.sell() }), { cash: '999' }).rejectedOrders).toBe(1);
    expect(runCustom(series, scripted({ 0: (ctx) => ctx.sell() }), { cash: '1000' }).rejectedOrders).toBe(0);
  });

  it('fills a resting limit order at its price once a bar trades through it', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 10, close: 10, low: 9.5 },
      { open: 9.6, close: 9.2, low: 9.1 },
      { open: 9, close: 9 },
    ]);
    const result = runCustom(
      series,
      scripted({ 0: (ctx) => ctx.buy({ type: 'limit', price: 9.25 }), 2: (ctx) => ctx.close() }),
      { slippageBps: 50 },
    );
    expect(result.trades.map((t) => [t.entryTime, t.entryPrice, t.exitPrice])).toEqual([
      [series.time[2], '9.25', '8.955'],
    ]);
  });

  it('applies slippage against the trader on market fills', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 10, close: 10 },
      { open: 10, close: 10 },
    ]);
    const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy(), 1: (ctx) => ctx.close() }), { slippageBps: 10 });
    expect(result.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl])).toEqual([['10.01', '9.99', '-2']]);
  });

  it('cancels resting orders on request', () => {
    const series = seriesFromBars([
      { open: 10, close: 10 },
      { open: 10, close: 10 },
      { open: 10, close: 10, low: 5 },
    ]);
    const result = runCustom(
      series,
      scripted({ 0: (ctx) => ctx.buy({ type: 'limit', price: 6 }), 1: (ctx) => ctx.cancelAll() }),
    );
    expect(result.finalEquity).toBe('100000');
    expect(result.metrics.exposure).toBe(0);
  });
});
