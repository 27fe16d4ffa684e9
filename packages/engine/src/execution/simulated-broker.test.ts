import { describe, expect, it } from 'vitest';
import { runCustom, scripted } from '../../test/support/run-custom.js';
import { seriesFromBars } from '../../test/support/synthetic-series.js';
import { decimalArithmetic } from '../money/decimal-arithmetic.js';
import { type OrderIntent, OrderOrigin, type OrderSide, OrderType } from '../orders/order.js';
import { Portfolio } from '../portfolio/portfolio.js';
import { createFeeModel } from './fee-model.js';
import { nextBarFillModel } from './fill-model.js';
import { SimulatedBroker } from './simulated-broker.js';
import { createSlippageModel } from './slippage-model.js';

const flat = (price: number) => ({ open: price, close: price });

/** A broker over `bars` whose position starts at `units` bought at 10, with orders submitted on bar 0. */
function brokerHolding(units: number, bars = [flat(10), flat(10)]) {
  const series = seriesFromBars(bars);
  const math = decimalArithmetic;
  const portfolio = new Portfolio(math, math.parse('100000'));
  if (units !== 0) {
    const price = math.parse('10');
    const quantity = Math.abs(units);
    const notional = math.mul(price, math.fromNumber(quantity));
    const fill = {
      side: units > 0 ? 'buy' : 'sell',
      quantity,
      price,
      notional,
      commission: math.zero,
      time: 0,
    } as const;
    portfolio.applyFill(fill, portfolio.cashAfter(fill));
  }
  const broker = new SimulatedBroker({
    series,
    math,
    portfolio,
    fillModel: nextBarFillModel,
    feeModel: createFeeModel(undefined, math),
    slippageModel: createSlippageModel(0, math),
  });
  const events = { fills: [] as [OrderSide, number][], rejected: 0 };
  broker.listen({
    onOrderFilled: (event) => events.fills.push([event.side, event.quantity]),
    onOrderRejected: () => events.rejected++,
  });
  const submit = (side: OrderSide, intent: OrderIntent, quantity: number) =>
    broker.submit(
      {
        kind: 'SubmitOrder',
        side,
        type: OrderType.Market,
        intent,
        quantity,
        price: Number.NaN,
        exactPrice: undefined,
        origin: OrderOrigin.Protective,
        tsInit: 0,
      },
      0,
    );
  return { broker, portfolio, events, submit };
}

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

  describe('market orders before resting orders', () => {
    it('fills a newer market order at the open before an older resting limit that the bar reaches later', () => {
      const series = seriesFromBars([flat(100), { open: 100, close: 100, low: 94 }, flat(100)]);
      const result = runCustom(
        series,
        scripted({
          0: (ctx) => {
            ctx.buy({ type: 'limit', price: 95, quantity: 10 });
            ctx.buy({ quantity: 10 });
          },
          1: (ctx) => ctx.close(),
        }),
        { cash: '1500' },
      );
      expect(result.rejectedOrders, 'cash 1500 pays for one of the two 10-unit buys').toBe(1);
      expect(
        result.trades.map((t) => [t.entryPrice, t.quantity]),
        'the market buy at the open 100 went first; the limit at 95 then found too little cash',
      ).toEqual([['100', 10]]);
    });
  });

  describe('close()', () => {
    it('is sized when it fills, so it closes units bought after it was placed', () => {
      const series = seriesFromBars([flat(10), flat(10), flat(11), flat(12)]);
      const result = runCustom(
        series,
        scripted({
          0: (ctx) => ctx.buy({ quantity: 10 }),
          1: (ctx) => {
            ctx.buy({ quantity: 5 });
            ctx.close();
          },
        }),
      );
      expect(result.finalUnits, 'the close sold all 15 units, not the 10 held when it was placed').toBe('0');
      expect(
        result.trades.map((t) => [t.quantity, t.exitPrice, t.pnl]),
        '15 × 11 − (10 × 10 + 5 × 11)',
      ).toEqual([[15, '11', '10']]);
      expect(result.fills).toBe(3);
    });

    it('closes a position opened on the same bar it was placed, even when flat at placement', () => {
      const series = seriesFromBars([flat(10), flat(10), flat(10)]);
      const result = runCustom(
        series,
        scripted({
          0: (ctx) => {
            ctx.buy({ quantity: 10 });
            ctx.close();
          },
        }),
      );
      expect(result.finalUnits).toBe('0');
      expect(result.closedTrades).toBe(1);
    });

    it('does nothing when the position is already flat at its fill', () => {
      const series = seriesFromBars([flat(10), flat(10), flat(10), flat(20)]);
      const result = runCustom(
        series,
        scripted({
          0: (ctx) => ctx.buy({ quantity: 10 }),
          1: (ctx) => {
            ctx.close();
            ctx.close();
          },
          2: (ctx) => ctx.close(),
        }),
      );
      expect(result.finalUnits, 'the second close found the position flat instead of selling short').toBe('0');
      expect(result.fills).toBe(2);
      expect(result.closedTrades).toBe(1);
      expect(result.rejectedOrders, 'a close with nothing to close is no rejection').toBe(0);
      expect(result.finalEquity).toBe('100000');
    });

    it('buys back a short', () => {
      const series = seriesFromBars([flat(10), flat(10), flat(8)]);
      const result = runCustom(series, scripted({ 0: (ctx) => ctx.sell({ quantity: 10 }), 1: (ctx) => ctx.close() }));
      expect(result.trades.map((t) => [t.side, t.entryPrice, t.exitPrice, t.pnl])).toEqual([
        ['short', '10', '8', '20'],
      ]);
      expect(result.finalUnits).toBe('0');
    });
  });

  describe('reduce-only orders', () => {
    it('never trade more than the open position', () => {
      const { broker, portfolio, events, submit } = brokerHolding(10);
      submit('sell', 'reduce_only', 25);
      broker.processBar(1);
      expect(events.fills).toEqual([['sell', 10]]);
      expect(portfolio.quantity).toBe(0);
    });

    it('never open a position when flat', () => {
      const { broker, portfolio, events, submit } = brokerHolding(0);
      submit('sell', 'reduce_only', 10);
      broker.processBar(1);
      expect(events).toEqual({ fills: [], rejected: 0 });
      expect(portfolio.quantity).toBe(0);
      expect(broker.pendingCount, 'dropped, not left resting').toBe(0);
    });

    it('never grow a position on their own side', () => {
      const { broker, portfolio, events, submit } = brokerHolding(-10);
      submit('sell', 'reduce_only', 10);
      broker.processBar(1);
      expect(events.fills).toEqual([]);
      expect(portfolio.quantity).toBe(-10);
    });

    it('reduce a short with a buy', () => {
      const { broker, portfolio, events, submit } = brokerHolding(-10);
      submit('buy', 'reduce_only', 4);
      broker.processBar(1);
      expect(events.fills).toEqual([['buy', 4]]);
      expect(portfolio.quantity).toBe(-6);
    });
  });

  it('sizes a close order against the position the earlier fills of the same bar left', () => {
    const { broker, portfolio, events, submit } = brokerHolding(10);
    submit('sell', 'exact', 4);
    submit('sell', 'close', 0);
    submit('sell', 'close', 0);
    broker.processBar(1);
    expect(events.fills).toEqual([
      ['sell', 4],
      ['sell', 6],
    ]);
    expect(portfolio.quantity).toBe(0);
  });
});
