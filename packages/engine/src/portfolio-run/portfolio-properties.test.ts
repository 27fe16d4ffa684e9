import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptedPortfolio, seriesOnDays } from '../../test/support/portfolio-fixtures.js';
import type { BarSeries } from '../data/bar-series.js';
import { runPortfolioBacktest } from './run-portfolio-backtest.js';

const symbols = ['AAA', 'BBB', 'CCC'] as const;

/** Up to three symbols over up to 40 days, each with its own holes and late start, on a positive random walk. */
const universeArb = fc
  .array(
    fc.array(
      fc.record({
        present: fc.boolean(),
        move: fc.integer({ min: -200, max: 200 }),
        gap: fc.integer({ min: -50, max: 50 }),
      }),
      {
        minLength: 2,
        maxLength: 40,
      },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((perSymbol) =>
    perSymbol.map((days, s) => {
      let close = 1000 + 500 * s;
      const bars = days.flatMap(({ present, move, gap }, day) => {
        const open = Math.max(50, close + gap);
        close = Math.max(50, close + move);
        return present || day === days.length - 1 ? [{ day, open: open / 100, close: close / 100 }] : [];
      });
      return seriesOnDays(symbols[s] as string, bars);
    }),
  );

/** Per bar, one long-only action: nothing, buy some units, close, or target random non-negative weights. */
const actionArb = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('buy' as const), symbol: fc.nat(2), quantity: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('close' as const), symbol: fc.nat(2) }),
  fc.record({
    kind: fc.constant('weights' as const),
    weights: fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 3 }),
  }),
);

/** The symbol's last close at or before `time`, by a plain scan of its own bars: an independent calendar. */
function lastCloseAt(series: BarSeries, time: number): number | undefined {
  let close: number | undefined;
  for (let i = 0; i < series.length && (series.time[i] as number) <= time; i++) close = series.close[i];
  return close;
}

describe('portfolio accounting properties', () => {
  it('marks equity = cash + Σ units × last close on every bar, never holds negative units nor cash, and splits P&L exactly', () => {
    fc.assert(
      fc.property(
        universeArb,
        fc.array(actionArb, { minLength: 40, maxLength: 40 }),
        fc.constantFrom('0', '0.001'),
        (universe, actions, rate) => {
          const traded = universe.map((one) => one.symbol);
          const seen: { time: number; cash: number; units: number[] }[] = [];
          const config = scriptedPortfolio(
            (ctx) => {
              seen.push({ time: ctx.time, cash: ctx.cash, units: traded.map((symbol) => ctx.units(symbol)) });
              const action = actions[ctx.index];
              if (action === undefined || action.kind === 'none') return;
              if (action.kind === 'weights') {
                ctx.targetWeights(Object.fromEntries(traded.map((symbol, s) => [symbol, action.weights[s] ?? 0])));
                return;
              }
              const symbol = traded[action.symbol % traded.length] as string;
              if (action.kind === 'buy') ctx.buy(symbol, action.quantity);
              else ctx.close(symbol);
            },
            { cash: '10000', commission: { kind: 'percent', rate } },
          );
          const result = runPortfolioBacktest(universe, config);
          expect(result.equityCurve).toHaveLength(seen.length);
          seen.forEach(({ time, cash, units }, bar) => {
            expect(cash, 'a long-only run never overdraws').toBeGreaterThanOrEqual(0);
            let marked = cash;
            units.forEach((held, s) => {
              expect(held, 'a long-only run never holds negative units').toBeGreaterThanOrEqual(0);
              if (held !== 0) marked += held * (lastCloseAt(universe[s] as BarSeries, time) as number);
            });
            // The strategy sees the account after the bar's fills and before its own orders, i.e. as it is marked.
            expect(result.equityCurve[bar]?.equity).toBeCloseTo(marked, 6);
          });
          const pnl = result.symbols.reduce((sum, s) => sum.plus(s.pnl), new Decimal(0));
          expect(pnl.toFixed()).toBe(new Decimal(result.finalEquity).minus(10000).toFixed());
        },
      ),
      { numRuns: 200 },
    );
  });
});
