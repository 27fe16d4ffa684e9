import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/run-backtest.js';
import { loadSample } from '../support/load-sample.js';

const series = await loadSample('orcl-1995-2014.csv', 'ORCL');

describe('golden: sma_cross(10, 30) on ORCL 1995–2014 (backtrader parity)', () => {
  const result = runBacktest(series, {
    strategy: 'sma_cross',
    params: { fast: 10, slow: 30 },
    cash: '100000',
    sizing: { kind: 'units', units: 100 },
    commission: { kind: 'percent', rate: '0.001' },
  });

  it('ends with the same equity as backtrader, to the cent', () => {
    expect(Math.abs(Number(result.finalEquity) - 102302.33), `finalEquity ${result.finalEquity}`).toBeLessThanOrEqual(
      0.01,
    );
  });

  it('closes and wins the same number of trades as backtrader', () => {
    expect(result.closedTrades, 'backtrader TradeAnalyzer total.closed').toBe(97);
    expect(result.winningTrades, 'trades with pnl after commissions > 0').toBe(36);
    expect(result.rejectedOrders, '100 units always affordable on 100k cash').toBe(0);
  });

  it('reports final equity exactly as cash + position × last close', () => {
    expect(result.finalEquity).toMatch(/^\d+\.\d+$/);
  });
});

describe('golden: sma_cross(10, 30) on ORCL 1995–2014 with a 2 % stop-loss (backtrader parity)', () => {
  const result = runBacktest(series, {
    strategy: 'sma_cross',
    params: { fast: 10, slow: 30 },
    cash: '100000',
    sizing: { kind: 'units', units: 100 },
    commission: { kind: 'percent', rate: '0.001' },
    stopLoss: 0.02,
  });

  it('ends with the same equity as backtrader, to the cent', () => {
    expect(
      Math.abs(Number(result.finalEquity) - 101050.21),
      `finalEquity ${result.finalEquity}; 100766.41 when a stop and a close filled on one bar opened a short`,
    ).toBeLessThanOrEqual(0.01);
  });

  it('closes and wins the same number of trades as backtrader, all of them long', () => {
    expect(result.closedTrades, 'backtrader TradeAnalyzer total.closed').toBe(97);
    expect(result.winningTrades, 'trades with pnl after commissions > 0').toBe(18);
    expect(result.trades.every((t) => t.side === 'long')).toBe(true);
  });
});
