import { describe, expect, it } from 'vitest';
import { seriesFromBars, seriesFromCloses } from '../../../test/support/synthetic-series.js';
import type { BacktestConfig } from '../../backtest-config.js';
import { runBacktest } from '../../run-backtest.js';

const base = { cash: '100000', sizing: { kind: 'units', units: 100 } } as const;

function run(
  series: Parameters<typeof runBacktest>[0],
  strategy: string,
  params: BacktestConfig['params'],
  extra = {},
) {
  return runBacktest(series, { ...base, strategy, params, ...extra });
}

describe('sma_cross', () => {
  // i: close, sma2, sma3 → 2: 8, 8.5, 9 (seed) · 3: 9, 8.5, 8.67 · 4: 11, 10, 9.33 cross up → buy at bar 5 open 12
  // 6: 10, 11, 11 (tie: no signal) · 7: 8, 9, 10 cross down → close at bar 8 open 7
  const closes = [10, 9, 8, 9, 11, 12, 10, 8, 7];

  it('buys on a cross up and closes on a cross down, filling at the next open', () => {
    const result = run(
      seriesFromCloses(closes),
      'sma_cross',
      { fast: 2, slow: 3 },
      {
        commission: { kind: 'percent', rate: '0.001' },
      },
    );
    expect(result.trades, 'one round trip 12 → 7').toEqual([
      {
        entryTime: Date.UTC(2020, 0, 6),
        exitTime: Date.UTC(2020, 0, 9),
        side: 'long',
        quantity: 100,
        entryPrice: '12',
        exitPrice: '7',
        pnl: '-501.9',
        commission: '1.9',
      },
    ]);
    expect(result.finalEquity, '100000 − 1200 − 1.2 + 700 − 0.7').toBe('99498.1');
    expect(result.winningTrades).toBe(0);
  });

  it('treats equal averages as no cross (last non-zero difference rules)', () => {
    // Bar 6 has fast == slow exactly; a plain "sign changed" test would see a cross down there.
    const result = run(seriesFromCloses(closes), 'sma_cross', { fast: 2, slow: 3 });
    expect(result.trades[0]?.exitTime, 'exit signalled on bar 7, filled on bar 8').toBe(Date.UTC(2020, 0, 9));
  });

  it('never fills an order signalled on the last bar', () => {
    const result = run(seriesFromCloses(closes.slice(0, 5)), 'sma_cross', { fast: 2, slow: 3 });
    expect(result.finalEquity).toBe('100000');
    expect(result.closedTrades).toBe(0);
    expect(result.metrics.exposure).toBe(0);
  });
});

describe('rsi_reversion', () => {
  // RSI(2): bar 2 = 50, bar 3 = 25 (< 30, buy → fills bar 4 at 8), bar 4 = 12.5, bar 5 = 56.25,
  // bar 6 = 78.125 (> 70, close → fills bar 7 at 11)
  it('buys below low and closes above high', () => {
    const result = run(seriesFromCloses([10, 11, 10, 9, 8, 9, 10, 11, 12]), 'rsi_reversion', {
      period: 2,
      low: 30,
      high: 70,
    });
    expect(result.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl])).toEqual([['8', '11', '300']]);
    expect(result.finalEquity).toBe('100300');
  });
});

describe('bollinger_reversion', () => {
  // period 3, k 1: bar 3 window [10,10,7] mean 9, σ √2 → lower 7.586 > close 7 → buy, fills bar 4 at 9;
  // bar 4 window [10,7,9] mean 8.667 < close 9 → close, fills bar 5 at 11
  it('buys below the lower band and closes above the middle', () => {
    const result = run(seriesFromCloses([10, 10, 10, 7, 9, 11, 10]), 'bollinger_reversion', { period: 3, k: 1 });
    expect(result.trades.map((t) => [t.entryPrice, t.exitPrice])).toEqual([['9', '11']]);
    expect(result.finalEquity).toBe('100200');
  });
});

describe('donchian_breakout', () => {
  // highs = close + 0.5, lows = close − 0.5; entry 2, exit 2.
  // bar 2: close 11 > max(10.5, 10.5) → buy, fills bar 3 at 12; bar 5: close 9 < min(11.5, 10.5) → close at bar 6 (9)
  it('buys a close above the previous highs and exits below the previous lows', () => {
    const closes = [10, 10, 11, 12, 11, 9, 9];
    const series = seriesFromBars(closes.map((c) => ({ open: c, close: c, high: c + 0.5, low: c - 0.5 })));
    const result = run(series, 'donchian_breakout', { entry: 2, exit: 2 });
    expect(result.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl])).toEqual([['12', '9', '-300']]);
  });
});

describe('buy_and_hold', () => {
  it('buys at the second open and holds to the end', () => {
    const result = run(seriesFromCloses([10, 11, 12, 13]), 'buy_and_hold', {});
    expect(result.finalEquity, '100000 − 1100 + 1300').toBe('100200');
    expect(result.closedTrades, 'an open position is not a closed trade').toBe(0);
    expect(result.metrics.exposure).toBe(0.75);
  });
});
