import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { runPortfolioBacktest } from '../../src/portfolio-run/run-portfolio-backtest.js';
import { loadSample } from '../support/load-sample.js';
import { sliceSeries } from '../support/slice-series.js';

const files = [
  ['orcl-1995-2014.csv', 'ORCL'],
  ['nvda-1999-2014.csv', 'NVDA'],
  ['yhoo-1996-2014.csv', 'YHOO'],
  ['goog-2004-2013.csv', 'GOOG'],
] as const;

describe('equal_weight on ORCL, NVDA, YHOO and GOOG (the issue check)', () => {
  it('gives the figures the issue states, raw prices and no rounding', async () => {
    const series = await Promise.all(
      files.map(async ([file, symbol]) => sliceSeries(await loadSample(file, symbol), '2004-08-19', '2013-03-01')),
    );
    const result = runPortfolioBacktest(series, {
      strategy: 'equal_weight',
      params: { rebalance: 21 },
      cash: '100000',
      commission: { kind: 'percent', rate: '0.001' },
    });
    expect(Math.abs(Number(result.finalEquity) - 397204.86), result.finalEquity).toBeLessThanOrEqual(0.01);
    expect([result.closedTrades, result.fills, result.rejectedOrders]).toEqual([0, 402, 5]);
    expect(result.finalUnits).toEqual({ GOOG: '122', NVDA: '7826', ORCL: '2819', YHOO: '4617' });
    const pnl = result.symbols.reduce((sum, s) => sum.plus(s.pnl), new Decimal(0));
    expect(pnl.toFixed(), 'the symbols split the P&L exactly').toBe(
      new Decimal(result.finalEquity).minus(100000).toFixed(),
    );
    expect(result.symbols.reduce((sum, s) => sum + s.fills, 0)).toBe(402);
  });
});
