import { describe, expect, it } from 'vitest';
import { scriptedPortfolio, seriesOnDays } from '../../test/support/portfolio-fixtures.js';
import type { SymbolBar } from './portfolio-strategy.js';
import { runPortfolioBacktest } from './run-portfolio-backtest.js';

const flat = (symbol: string, price: number, days: readonly number[]) =>
  seriesOnDays(
    symbol,
    days.map((day) => ({ day, open: price, close: price })),
  );

describe('portfolio calendar', () => {
  it('lets no order trade on a symbol without a bar and values it at its last close', () => {
    const a = seriesOnDays('A', [
      { day: 0, open: 10, close: 10 },
      { day: 1, open: 11, close: 11 },
      { day: 2, open: 12, close: 12 },
      { day: 3, open: 13, close: 13 },
    ]);
    const b = seriesOnDays('B', [
      { day: 0, open: 20, close: 20 },
      { day: 1, open: 21, close: 22 },
      { day: 3, open: 25, close: 26 },
    ]);
    const seen: (SymbolBar | undefined)[] = [];
    const config = scriptedPortfolio((ctx) => {
      seen.push(ctx.snapshot('B'));
      if (ctx.index === 0) {
        ctx.buy('B', 10);
        ctx.buy('A', 5);
      }
      if (ctx.index === 1) ctx.buy('B', 1);
    });
    const result = runPortfolioBacktest([b, a], config);
    // Bar 1: A 5 × 11 and B 10 × 21 fill → cash 735. Bar 2: B's buy lapses, B is valued at 22 (bar 1's close).
    expect(result.equityCurve.map((p) => p.equity)).toEqual([1000, 1010, 1015, 1060]);
    expect([result.fills, result.lapsedOrders, result.rejectedOrders]).toEqual([2, 1, 0]);
    expect(result.finalUnits).toEqual({ A: '5', B: '10' });
    expect(seen[2], 'B keeps its bar-1 snapshot on bar 2, flagged as not current').toMatchObject({
      close: 22,
      current: false,
    });
    expect(seen[3]?.current).toBe(true);
  });

  it('cannot trade a symbol before its first bar, and equal_weight counts it from then on', () => {
    const a = flat('A', 10, [0, 1, 2, 3]);
    const c = seriesOnDays('C', [
      { day: 2, open: 20, close: 20 },
      { day: 3, open: 20, close: 25 },
    ]);
    const early = runPortfolioBacktest(
      [a, c],
      scriptedPortfolio((ctx) => {
        if (ctx.index === 0) {
          expect(ctx.snapshot('C'), 'no snapshot before the first bar').toBeUndefined();
          expect(Number.isNaN(ctx.closeAgo('C', 0))).toBe(true);
          ctx.buy('C', 1);
        }
      }),
    );
    expect([early.fills, early.lapsedOrders]).toEqual([0, 1]);

    const result = runPortfolioBacktest([a, c], { strategy: 'equal_weight', params: { rebalance: 2 }, cash: '1000' });
    // Bar 0: only A is listed: floor(1000 / 10) = 100 units, filled at 10 on bar 1, leaving exactly 0 cash.
    // Bar 2: V = 1000, k = 2: A → floor(1000 / 20) = 50 (sell 50), C → floor(1000 / 40) = 25 (buy 25), at bar 3's open.
    expect(result.finalUnits).toEqual({ A: '50', C: '25' });
    expect(result.finalEquity).toBe('1125');
    expect([result.fills, result.rejectedOrders]).toEqual([3, 0]);
  });

  it('never fills nor counts an order decided on the last bar', () => {
    const result = runPortfolioBacktest(
      [flat('A', 10, [0, 1, 2])],
      scriptedPortfolio((ctx) => {
        if (ctx.index === 0) ctx.buy('A', 10);
        if (ctx.lastBar) {
          ctx.buy('A', 1);
          ctx.buy('A', 1_000_000);
        }
      }),
    );
    expect([result.fills, result.rejectedOrders, result.lapsedOrders]).toEqual([1, 0, 0]);
    expect(result.finalUnits).toEqual({ A: '10' });
  });
});

describe('portfolio orders', () => {
  it('sells before it buys, so a rebalance out of a risen symbol pays for the other', () => {
    const a = flat('A', 10, [0, 1, 2, 3]);
    const b = seriesOnDays('B', [
      { day: 0, open: 10, close: 10 },
      { day: 1, open: 10, close: 30 },
      { day: 2, open: 30, close: 30 },
      { day: 3, open: 30, close: 30 },
    ]);
    const result = runPortfolioBacktest([a, b], { strategy: 'equal_weight', params: { rebalance: 2 }, cash: '1000' });
    // Bar 0: 50 A + 50 B at 10 leave 0 cash. Bar 2: V = 500 + 1500: A → 100 (buy 50), B → floor(2000 / 60) = 33
    // (sell 17). Bar 3: selling 17 B at 30 raises 510 first, then 50 A at 10 costs 500: A's buy, first by name,
    // would be rejected with 0 cash if it went first.
    expect(result.finalUnits).toEqual({ A: '100', B: '33' });
    expect([result.fills, result.rejectedOrders]).toEqual([4, 0]);
    expect(result.finalEquity).toBe('2000');
  });

  it('rejects a buy whole when cash falls short by a cent, and allows exactly 0 left', () => {
    const commission = { kind: 'percent', rate: '0.001' } as const;
    const buyHundred = (cash: string) =>
      runPortfolioBacktest(
        [flat('A', 10, [0, 1])],
        scriptedPortfolio((ctx) => ctx.index === 0 && ctx.buy('A', 100), { cash, commission }),
      );
    const exact = buyHundred('1001');
    expect(exact.finalUnits, '1000 + 1 commission leaves exactly 0').toEqual({ A: '100' });
    expect(exact.symbols[0]?.pnl).toBe('-1');
    const short = buyHundred('1000.99');
    expect(short.finalUnits, 'never shrunk to 99 units').toEqual({ A: '0' });
    expect([short.fills, short.rejectedOrders, short.finalEquity]).toEqual([0, 1, '1000.99']);
  });

  it('counts a closed trade when units go back to 0, with its P&L after both commissions', () => {
    const a = seriesOnDays('A', [
      { day: 0, open: 10, close: 10 },
      { day: 1, open: 10, close: 12 },
      { day: 2, open: 12, close: 12 },
    ]);
    const result = runPortfolioBacktest(
      [a],
      scriptedPortfolio(
        (ctx) => {
          if (ctx.index === 0) ctx.buy('A', 10);
          if (ctx.index === 1) ctx.close('A');
        },
        { commission: { kind: 'fixed', amount: '1' } },
      ),
    );
    expect(result.closedTrades).toBe(1);
    expect(result.trades[0]).toMatchObject({ symbol: 'A', quantity: 10, pnl: '18', entryPrice: '10', exitPrice: '12' });
    expect(result.symbols[0]).toMatchObject({ pnl: '18', fills: 2, closedTrades: 1, finalUnits: '0' });
  });
});

describe('momentum_rotation', () => {
  it('holds the top symbols by trailing return, ties broken by name', () => {
    // B and C both rise 10 % from bar 0 to bar 1, A rises 1 %: top 1 is B, before C by name.
    const stepUp = (symbol: string, from: number, to: number) =>
      seriesOnDays(
        symbol,
        [0, 1, 2, 3].map((day) => ({ day, open: from, close: day === 0 ? from : to })),
      );
    const [a, b, c] = [stepUp('A', 100, 101), stepUp('B', 10, 11), stepUp('C', 20, 22)];
    const result = runPortfolioBacktest([c, a, b], {
      strategy: 'momentum_rotation',
      params: { lookback: 1, top: 1, rebalance: 5 },
      cash: '1000',
    });
    // Decision at bar 1: V = 1000, B → floor(1000 / 11) = 90 units, bought at bar 2's open of 10.
    expect(result.finalUnits).toEqual({ A: '0', B: '90', C: '0' });
  });
});

describe('runPortfolioBacktest', () => {
  it('refuses a single-symbol strategy, a symbol given twice and mixed intervals', () => {
    const a = flat('A', 10, [0, 1]);
    expect(() => runPortfolioBacktest([a], { strategy: 'sma_cross', params: {}, cash: '1000' })).toThrow(
      /trades one symbol/,
    );
    expect(() => runPortfolioBacktest([a, a], { strategy: 'equal_weight', params: {}, cash: '1000' })).toThrow(
      /A given twice/,
    );
    expect(() =>
      runPortfolioBacktest([a, { ...flat('B', 10, [0, 1]), interval: '1h' }], {
        strategy: 'equal_weight',
        params: {},
        cash: '1000',
      }),
    ).toThrow(/intervals differ/);
  });
});
