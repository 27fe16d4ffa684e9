// What storing each run's return statistics costs the worker: `npm run bench:return-stats`. Runs the demo sweep's
// sma_cross grid (420 parameter sets) on ORCL 2000–2014 through the engine in sweep mode, once as the engine alone and
// once with the per-run statistics the worker adds on its engine thread (per-bar returns, Sharpe estimate, mean and
// std, 48 CSCV block statistics), alternating, and prints runs per CPU second of each and their ratio, then one JSON
// line. CPU time, since the machine may be shared: wall time would measure the neighbours too.
import { fileURLToPath } from 'node:url';
import type { ParsedBar } from '@fleet/contracts';
import { type BarSeries, runSweep } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { returnStatisticsOf, simpleReturns } from '@fleet/validation';

const ROUNDS = 5;
const path = fileURLToPath(new URL('../../../../data/samples/orcl-1995-2014.csv', import.meta.url));
const from = Date.UTC(2000, 0, 1);
const to = Date.UTC(2014, 11, 31, 23, 59, 59, 999);
const bars = (await readBarsFile(path)).bars.filter((b: ParsedBar) => b.time >= from && b.time <= to);
const column = (pick: (bar: ParsedBar) => string | number) => Float64Array.from(bars, (bar) => Number(pick(bar)));
const series: BarSeries = {
  symbol: 'ORCL',
  interval: '1d',
  length: bars.length,
  time: column((b) => b.time),
  open: column((b) => b.open),
  high: column((b) => b.high),
  low: column((b) => b.low),
  close: column((b) => b.close),
  volume: column((b) => b.volume),
};
const slows = [70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 180, 200, 225, 250];
const paramSets = Array.from({ length: 30 }, (_, i) => 2 + 2 * i).flatMap((fast) =>
  slows.map((slow) => ({ fast, slow })),
);
const base = {
  strategy: 'sma_cross',
  cash: '100000',
  sizing: { kind: 'units', units: 100 } as const,
  commission: { kind: 'percent', rate: '0.001' } as const,
};

let checksum = 0;
function cpuSecondsOf(withStatistics: boolean): number {
  const before = process.cpuUsage();
  runSweep(series, base, paramSets, {
    onOutcome: (outcome) => {
      if (!outcome.ok) throw new Error(outcome.error.message);
      if (withStatistics) checksum += returnStatisticsOf(simpleReturns(outcome.equity)).sharpe;
    },
  });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

cpuSecondsOf(true);
const engineOnly: number[] = [];
const withStatistics: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  engineOnly.push(cpuSecondsOf(false));
  withStatistics.push(cpuSecondsOf(true));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;
const runsPerCpuSecond = (seconds: number) => paramSets.length / seconds;
const without = runsPerCpuSecond(median(engineOnly));
const withStats = runsPerCpuSecond(median(withStatistics));
console.log(
  `${paramSets.length} runs × ${series.length} bars, median of ${ROUNDS}: engine alone ${without.toFixed(0)} runs/CPU s, ` +
    `with return statistics ${withStats.toFixed(0)} runs/CPU s, ratio ${(withStats / without).toFixed(3)}`,
);
console.log(
  JSON.stringify({
    bench: 'return-statistics',
    runs: paramSets.length,
    bars: series.length,
    without,
    with: withStats,
    ratio: withStats / without,
    checksum,
  }),
);
