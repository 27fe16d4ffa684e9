import { parentPort, workerData } from 'node:worker_threads';
import { type BacktestConfig, type BarSeries, runBacktest, runSweep } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { loadStrategyInCompartment, lockdownEngineThread } from '@fleet/strategy-sandbox';

/** How this thread loads the strategy: as a plain ES module, the same after lockdown, or inside a Compartment. */
export type BenchMode = 'module' | 'lockdown' | 'compartment';

/** What the bench's main thread hands each thread. */
export interface BenchThreadData {
  readonly mode: BenchMode;
  readonly csvPath: string;
  /** The bundle as a file, for `module` and `lockdown` (imported where `@fleet/engine` resolves). */
  readonly bundleUrl: string;
  readonly bundleSource: string;
}

/** One round's request: which workload, for how many CPU-seconds. */
export interface RoundRequest {
  readonly workload: 'single' | 'sweep';
  readonly seconds: number;
}

/** One round's answer: runs done and the CPU and wall time they took. */
export interface RoundReport {
  readonly runs: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

const port = parentPort;
if (!port) throw new Error('compartment-bench-thread.js must run in a worker thread');
const data = workerData as BenchThreadData;

const { bars } = await readBarsFile(data.csvPath);
const column = (pick: (bar: (typeof bars)[number]) => string | number) =>
  Float64Array.from(bars, (bar) => Number(pick(bar)));
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

const loadStart = performance.now();
if (data.mode !== 'module') lockdownEngineThread();
if (data.mode === 'compartment') await loadStrategyInCompartment(data.bundleSource);
else await import(data.bundleUrl);
const loadMs = performance.now() - loadStart;

const config: BacktestConfig = {
  strategy: 'sma_cross_bundle',
  params: { fast: 10, slow: 30 },
  cash: '100000',
  sizing: { kind: 'units', units: 100 },
  commission: { kind: 'percent', rate: '0.001' },
};
const { params: _params, ...sweepBase } = config;
const paramSets: Record<string, number>[] = [];
for (let fast = 5; fast <= 20; fast++) for (let slow = 25; slow <= 60; slow += 5) paramSets.push({ fast, slow });
const workloads = {
  single: () => runBacktest(series, config),
  sweep: () => runSweep(series, sweepBase, paramSets),
};

port.postMessage({
  loadMs,
  bars: series.length,
  paramSets: paramSets.length,
  finalEquity: runBacktest(series, config).finalEquity,
  sweepDigest: JSON.stringify(runSweep(series, sweepBase, paramSets)).length,
});

// CPU time of the process, not wall time: only this thread works while the main thread waits for its answer.
port.on('message', ({ workload, seconds }: RoundRequest) => {
  const work = workloads[workload];
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let runs = 0;
  let cpuSeconds = 0;
  while (cpuSeconds < seconds) {
    work();
    runs++;
    const used = process.cpuUsage(cpuStart);
    cpuSeconds = (used.user + used.system) / 1e6;
  }
  const report: RoundReport = { runs, cpuSeconds, wallSeconds: (performance.now() - wallStart) / 1000 };
  port.postMessage(report);
});
