import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidDataError } from '../src/errors.js';
import { Decimal } from '../src/money/decimal.js';
import { floatArithmetic } from '../src/money/float-arithmetic.js';
import type { OrderFilled } from '../src/orders/events.js';
import { runBacktest, runBacktestWith } from '../src/run-backtest.js';
import type { Strategy } from '../src/strategy/strategy.js';
import { barsArb } from './support/bars-arbitrary.js';
import { loadSample } from './support/load-sample.js';
import { runCustom } from './support/run-custom.js';
import { seriesFromBars } from './support/synthetic-series.js';

const orcl = await loadSample('orcl-1995-2014.csv', 'ORCL');
const config = {
  strategy: 'sma_cross',
  params: { fast: 10, slow: 30 },
  cash: '100000',
  commission: { kind: 'percent', rate: '0.001' },
} as const;

/** A strategy doing one scripted action per bar: 0 nothing, 1 buy, 2 sell, 3 close. */
function randomTrader(
  actions: readonly number[],
  quantities: readonly number[],
  fills: OrderFilled<unknown>[],
): () => Strategy {
  return () => ({
    onBar(ctx) {
      const action = actions[ctx.index % actions.length];
      const quantity = quantities[ctx.index % quantities.length] ?? 1;
      if (action === 1) ctx.buy({ quantity });
      else if (action === 2) ctx.sell({ quantity });
      else if (action === 3) ctx.close();
    },
    onOrderFilled(event) {
      fills.push(event);
    },
  });
}

describe('runBacktest', () => {
  it('returns byte-identical JSON for the same input', () => {
    expect(JSON.stringify(runBacktest(orcl, config))).toBe(JSON.stringify(runBacktest(orcl, config)));
  });

  it('keeps the equity curve to ≤ 1000 points, first and last bar included', () => {
    const curve = runBacktest(orcl, config).equityCurve;
    expect(curve.length).toBeLessThanOrEqual(1000);
    expect(curve[0]?.time).toBe(orcl.time[0]);
    expect(curve.at(-1)?.time).toBe(orcl.time[orcl.length - 1]);
  });

  it('agrees with the same engine in float arithmetic (Arithmetic contract)', () => {
    const exact = runBacktest(orcl, config);
    const float = runBacktestWith(orcl, config, floatArithmetic);
    expect(Number(float.finalEquity)).toBeCloseTo(Number(exact.finalEquity), 6);
    expect([float.closedTrades, float.winningTrades]).toEqual([exact.closedTrades, exact.winningTrades]);
  });

  it('rejects a bad config with every problem listed', () => {
    const attempt = () =>
      runBacktest(orcl, { ...config, cash: '1e5', slippageBps: -1 } as unknown as Parameters<typeof runBacktest>[1]);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/cash: must be a non-negative decimal string.*slippageBps/);
  });

  it('refuses invalid bars before simulating', () => {
    const broken = { ...orcl, high: orcl.high.slice() };
    broken.high[3] = 0.5;
    expect(() => runBacktest(broken, config)).toThrow(InvalidDataError);
    expect(() => runBacktest(broken, config)).toThrow(/ORCL at 1995-01-06T00:00:00.000Z: bar 3: high must be/);
  });

  it('lets no strategy look ahead: a run on a prefix matches the full run bar for bar', () => {
    fc.assert(
      fc.property(barsArb, fc.array(fc.nat(3), { minLength: 1 }), fc.nat(120), (bars, actions, cut) => {
        const full = seriesFromBars(bars);
        const prefix = seriesFromBars(bars.slice(0, Math.max(1, Math.min(cut, bars.length))));
        const trader = randomTrader(actions, [3, 1, 2], []);
        const long = runCustom(full, trader).equityCurve;
        const short = runCustom(prefix, trader).equityCurve;
        expect(short).toEqual(long.slice(0, short.length));
      }),
    );
  });

  it('a strategy cannot read a future bar through a line', () => {
    expect(() =>
      runCustom(seriesFromBars([{ open: 1, close: 1 }]), () => ({ onBar: (ctx) => ctx.bars.close.at(-1) })),
    ).toThrow(/cannot look ahead/);
  });

  it('keeps equity = cash + position × close at every bar, and never charges negative commission', () => {
    fc.assert(
      fc.property(
        barsArb,
        fc.array(fc.nat(3), { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1 }),
        fc.nat(50),
        (bars, actions, quantities, bps) => {
          const series = seriesFromBars(bars);
          const fills: OrderFilled<unknown>[] = [];
          const result = runCustom(series, randomTrader(actions, quantities, fills), {
            cash: '100000',
            slippageBps: bps,
            commission: { kind: 'percent', rate: '0.001', minimum: '1' },
          });
          let cash = new Decimal('100000');
          let quantity = 0;
          let next = 0;
          for (let i = 0; i < series.length; i++) {
            for (; next < fills.length && (fills[next] as OrderFilled<Decimal>).tsEvent === series.time[i]; next++) {
              const fill = fills[next] as OrderFilled<Decimal>;
              expect(fill.commission.isNegative()).toBe(false);
              const notional = fill.price.times(fill.quantity);
              cash = fill.side === 'buy' ? cash.minus(notional) : cash.plus(notional);
              cash = cash.minus(fill.commission);
              quantity += fill.side === 'buy' ? fill.quantity : -fill.quantity;
            }
            const expected = cash.plus(new Decimal(series.close[i] as number).times(quantity));
            expect(result.equityCurve[i]?.equity).toBeCloseTo(expected.toNumber(), 6);
            if (i === series.length - 1) expect(result.finalEquity).toBe(expected.toFixed());
          }
          for (const trade of result.trades) expect(new Decimal(trade.commission).isNegative()).toBe(false);
        },
      ),
    );
  });
});

describe('strategy lifecycle', () => {
  it('runs onStart before the first bar, where nothing can be seen or ordered', () => {
    const seen: number[] = [];
    const series = seriesFromBars([{ open: 1, close: 1 }]);
    runCustom(series, () => ({ onStart: (ctx) => seen.push(ctx.bars.close.at(0), ctx.time), onBar: () => {} }));
    expect(seen).toEqual([Number.NaN, Number.NaN]);
    expect(() => runCustom(series, () => ({ onStart: (ctx) => ctx.buy(), onBar: () => {} }))).toThrow(
      /orders can only be placed once bars have started/,
    );
  });
});
