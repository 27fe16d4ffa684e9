import { fileURLToPath } from 'node:url';
import { readBarsFile } from '@fleet/market-data';
import type { BacktestConfig } from '../src/backtest-config.js';
import type { BarSeries } from '../src/data/bar-series.js';
import { runPortfolioBacktest } from '../src/portfolio-run/run-portfolio-backtest.js';
import { seriesFromParsedBars } from '../test/support/load-sample.js';
import { sliceSeries } from '../test/support/slice-series.js';

const universe = [
  ['orcl-1995-2014.csv', 'ORCL'],
  ['nvda-1999-2014.csv', 'NVDA'],
  ['yhoo-1996-2014.csv', 'YHOO'],
  ['goog-2004-2013.csv', 'GOOG'],
] as const;

const config: BacktestConfig = {
  strategy: 'equal_weight',
  params: { rebalance: 21 },
  cash: '100000',
  commission: { kind: 'percent', rate: '0.001' },
};

/** What the portfolio run adds to the engine bench's report. */
export interface PortfolioBenchReport {
  readonly universe: string;
  readonly portfolioBars: number;
  readonly symbolBarsPerSecond: number;
  /** Symbol-bars per CPU-second over the single-symbol engine's bars per CPU-second, measured interleaved. */
  readonly overSingleSymbol: number;
  readonly finalEquity: string;
}

/**
 * The 4-symbol equal-weight run of the engine bench (ORCL, NVDA, YHOO, GOOG over their 2,148 common bars
 * 2004-08-19…2013-03-01), kept apart from `bench-engine.ts` so the two evolve without conflicts: it hands the bench one
 * workload to interleave with the others and turns the measured rate into its report and line.
 */
export async function portfolioBench() {
  const series: BarSeries[] = await Promise.all(
    universe.map(async ([file, symbol]) => {
      const path = fileURLToPath(new URL(`../../../../../data/samples/${file}`, import.meta.url));
      const all = seriesFromParsedBars(symbol, '1d', (await readBarsFile(path)).bars);
      return sliceSeries(all, '2004-08-19', '2013-03-01');
    }),
  );
  const portfolioBars = new Set(series.flatMap((one) => [...one.time])).size;
  const symbolBars = series.reduce((sum, one) => sum + one.length, 0);
  return {
    workloads: { portfolio: () => runPortfolioBacktest(series, config) },
    report(runsPerSecond: Readonly<Record<string, number>>, singleBarsPerSecond: number): PortfolioBenchReport {
      const symbolBarsPerSecond = symbolBars * (runsPerSecond.portfolio ?? 0);
      return {
        universe: `${series.map((one) => one.symbol).join(', ')}, equal_weight(21)`,
        portfolioBars,
        symbolBarsPerSecond: Math.round(symbolBarsPerSecond),
        overSingleSymbol: Number((symbolBarsPerSecond / singleBarsPerSecond).toFixed(3)),
        finalEquity: runPortfolioBacktest(series, config).finalEquity,
      };
    },
    line(report: PortfolioBenchReport): string {
      return `portfolio (${report.universe}, ${report.portfolioBars} bars): ${report.symbolBarsPerSecond.toLocaleString('en-US')} symbol-bars/s = ${report.overSingleSymbol}× the single-symbol engine`;
    },
  };
}
