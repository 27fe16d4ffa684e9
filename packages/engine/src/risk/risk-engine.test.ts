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

  describe('protective exits never flip a position', () => {
    it('lets a pending close() fill at the gapped open instead of the stop, then drops the stop (ORCL 1997-04-11)', () => {
      const series = seriesFromBars([flat(100), flat(100), { open: 85, close: 86 }, flat(200)]);
      const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }), 1: (ctx) => ctx.close() }), {
        stopLoss: 0.1,
      });
      expect(result.trades.map((t) => [t.side, t.exitPrice, t.pnl])).toEqual([['long', '85', '-150']]);
      expect(result.finalUnits, 'no short opened by a second sell').toBe('0');
      expect(result.fills).toBe(2);
      expect(result.finalEquity, 'the rally to 200 on the last bar costs nothing').toBe('99850');
    });

    it('fills a pending close() at the open before a stop the bar only reaches later', () => {
      const series = seriesFromBars([flat(100), flat(100), { open: 95, close: 85, low: 80 }, flat(85)]);
      const result = runCustom(series, scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }), 1: (ctx) => ctx.close() }), {
        stopLoss: 0.1,
        takeProfit: 0.1,
      });
      expect(
        result.trades.map((t) => [t.exitPrice, t.pnl]),
        'out at the open 95, not the stop 90',
      ).toEqual([['95', '-50']]);
      expect(result.finalUnits).toBe('0');
    });

    it('mirrors it for a short: a pending close() buys back at the open, the stop above is dropped', () => {
      const series = seriesFromBars([flat(100), flat(100), { open: 115, close: 114 }, flat(50)]);
      const result = runCustom(series, scripted({ 0: (ctx) => ctx.sell({ quantity: 10 }), 1: (ctx) => ctx.close() }), {
        stopLoss: 0.1,
      });
      expect(result.trades.map((t) => [t.side, t.exitPrice, t.pnl])).toEqual([['short', '115', '-150']]);
      expect(result.finalUnits).toBe('0');
      expect(result.finalEquity).toBe('99850');
    });

    it('mirrors it for a short take-profit: the close buys back first, the limit below is dropped', () => {
      const series = seriesFromBars([flat(100), flat(100), { open: 85, close: 86 }, flat(200)]);
      const result = runCustom(series, scripted({ 0: (ctx) => ctx.sell({ quantity: 10 }), 1: (ctx) => ctx.close() }), {
        takeProfit: 0.1,
      });
      expect(result.trades.map((t) => [t.side, t.exitPrice, t.pnl])).toEqual([['short', '85', '150']]);
      expect(result.finalUnits).toBe('0');
    });

    it("cancels the old side's exits when a market order flips the position, and protects the new side", () => {
      const series = seriesFromBars([
        flat(100),
        flat(100),
        { open: 85, close: 85 }, // below the long's stop at 90: the flip fills here
        { open: 85, close: 90, high: 94 }, // reaches the short's stop at 93.5
        flat(93.5),
      ]);
      const result = runCustom(
        series,
        scripted({ 0: (ctx) => ctx.buy({ quantity: 10 }), 1: (ctx) => ctx.sell({ quantity: 20 }) }),
        { stopLoss: 0.1 },
      );
      expect(result.trades.map((t) => [t.side, t.quantity, t.entryPrice, t.exitPrice])).toEqual([
        ['long', 10, '100', '85'],
        ['short', 10, '85', '93.5'],
      ]);
      expect(result.finalUnits).toBe('0');
    });

    it('cancels every protective order once the position is flat', () => {
      const series = seriesFromBars([flat(100), flat(100), flat(100), flat(100)]);
      const pending: number[] = [];
      const result = runCustom(
        series,
        () => ({
          onBar(ctx) {
            pending.push(ctx.pendingOrders);
            if (ctx.index === 0) ctx.buy({ quantity: 10 });
            if (ctx.index === 1) ctx.close();
          },
        }),
        { stopLoss: 0.1, takeProfit: 0.1 },
      );
      expect(pending, 'bar 1: stop and take-profit rest; bar 2: both gone with the position').toEqual([0, 2, 0, 0]);
      expect(result.finalUnits).toBe('0');
    });
  });
});
