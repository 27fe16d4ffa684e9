import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readBarsFile } from '@fleet/market-data';
import type { BacktestConfig } from '../src/backtest-config.js';
import type { BarSeries } from '../src/data/bar-series.js';
import { floatArithmetic } from '../src/money/float-arithmetic.js';
import { runBacktest, runBacktestWith } from '../src/run-backtest.js';
import { runSweep } from '../src/run-sweep.js';
import { seriesFromParsedBars } from '../test/support/load-sample.js';
import { buildEngineAtRef, defaultBaseRef } from './build-engine-at-ref.js';
import { plainSmaCross } from './plain-sma-cross.js';

/**
 * Engine throughput on one core: `pnpm bench:engine [--base REF] [--json]`. Measures sma_cross(10, 30) on ORCL
 * 1995–2014 as a single run (exact decimal accounting), as a sweep (its outcomes returned, and streamed to a callback
 * the way a worker's engine thread takes them), with float-only accounting in the same engine,
 * and as a plain float loop with no engine at all, then prints the ratios. The engine at `REF` (default: where this
 * branch left main) is compiled into a temp dir and measured in the same process, interleaved with this one, so the
 * before/after ratios share one machine load; its results must equal this engine's. With `--json` the last stdout
 * line is one JSON object.
 */
const ROUNDS = 9;
const ROUND_SECONDS = 0.2;

/**
 * Runs `work` for about {@link ROUND_SECONDS} of this process's CPU time and returns runs per CPU-second. CPU time,
 * not wall time, because the machine is shared: time spent waiting for a core is not the engine's.
 */
function round(work: () => void): number {
  let runs = 0;
  const start = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < ROUND_SECONDS) {
    for (let i = 0; i < 10; i++) work();
    runs += 10;
    const used = process.cpuUsage(start);
    elapsed = (used.user + used.system) / 1e6;
  }
  return runs / elapsed;
}

/**
 * Best runs per second of each workload over interleaved rounds: interleaving exposes every workload to the same
 * machine load, and the best round is the least disturbed one, so ratios stay stable on a busy machine.
 */
function measure(workloads: Record<string, () => void>): Record<string, number> {
  const best: Record<string, number> = {};
  for (const [name, work] of Object.entries(workloads)) {
    for (let i = 0; i < 30; i++) work();
    best[name] = 0;
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, work] of Object.entries(workloads)) best[name] = Math.max(best[name] ?? 0, round(work));
  }
  return best;
}

/** ORCL through market-data's reader, the one every import uses; from dist/bench/bench/ up to the repository. */
async function loadOrcl(): Promise<BarSeries> {
  const path = fileURLToPath(new URL('../../../../../data/samples/orcl-1995-2014.csv', import.meta.url));
  return seriesFromParsedBars('ORCL', '1d', (await readBarsFile(path)).bars);
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** The public surface every engine version has had; the bench only calls these two. */
interface EngineModule {
  runBacktest: typeof runBacktest;
  runSweep: typeof runSweep;
}

const baseline = buildEngineAtRef(argument('--base') ?? defaultBaseRef());
const before = (await import(pathToFileURL(join(baseline.dist, 'index.js')).href)) as EngineModule;
const series = await loadOrcl();
const config: BacktestConfig = {
  strategy: 'sma_cross',
  params: { fast: 10, slow: 30 },
  cash: '100000',
  sizing: { kind: 'units', units: 100 },
  commission: { kind: 'percent', rate: '0.001' },
};
const { params: _params, ...sweepBase } = config;
const paramSets: Record<string, number>[] = [];
for (let fast = 5; fast <= 20; fast++) for (let slow = 25; slow <= 60; slow += 5) paramSets.push({ fast, slow });

const bars = series.length;
/** How a worker's engine thread takes a sweep's outcomes: one by one, sent on, none kept by the sweep. */
const discard = (): void => undefined;
const runsPerSecond = measure({
  single: () => runBacktest(series, config),
  sweep: () => runSweep(series, sweepBase, paramSets),
  sweepStreamed: () => runSweep(series, sweepBase, paramSets, { onOutcome: discard }),
  float: () => runBacktestWith(series, config, floatArithmetic),
  plain: () => plainSmaCross(series, 10, 30, 100, 0.001, 100_000),
  beforeSingle: () => before.runBacktest(series, config),
  beforeSweep: () => before.runSweep(series, sweepBase, paramSets),
  beforeSweepStreamed: () => before.runSweep(series, sweepBase, paramSets, { onOutcome: discard }),
});
const sameResults =
  JSON.stringify(runSweep(series, sweepBase, paramSets)) ===
    JSON.stringify(before.runSweep(series, sweepBase, paramSets)) &&
  JSON.stringify(runBacktest(series, config)) === JSON.stringify(before.runBacktest(series, config));
const perSecond = (name: string): number => runsPerSecond[name] ?? 0;
const barsPerSecond = bars * perSecond('single');
const sweepSetsPerSecond = paramSets.length * perSecond('sweep');
const floatBarsPerSecond = bars * perSecond('float');
const plainBarsPerSecond = bars * perSecond('plain');
const report = {
  series: `${series.symbol} ${series.interval} (${bars} bars)`,
  strategy: 'sma_cross(10,30), 100 units, 0.1% commission',
  barsPerSecond: Math.round(barsPerSecond),
  sweepParamSetsPerSecond: Math.round(sweepSetsPerSecond),
  sweepBarsPerSecond: Math.round(sweepSetsPerSecond * bars),
  sweepParamSets: paramSets.length,
  sweepStreamedParamSetsPerSecond: Math.round(paramSets.length * perSecond('sweepStreamed')),
  floatEngineBarsPerSecond: Math.round(floatBarsPerSecond),
  plainLoopBarsPerSecond: Math.round(plainBarsPerSecond),
  decimalOverFloatTime: Number((floatBarsPerSecond / barsPerSecond).toFixed(3)),
  engineOverPlainLoopTime: Number((plainBarsPerSecond / barsPerSecond).toFixed(3)),
  before: {
    commit: baseline.commit,
    barsPerSecond: Math.round(bars * perSecond('beforeSingle')),
    sweepParamSetsPerSecond: Math.round(paramSets.length * perSecond('beforeSweep')),
    sweepStreamedParamSetsPerSecond: Math.round(paramSets.length * perSecond('beforeSweepStreamed')),
    engineOverPlainLoopTime: Number((plainBarsPerSecond / (bars * perSecond('beforeSingle'))).toFixed(3)),
  },
  singleSpeedup: Number((perSecond('single') / perSecond('beforeSingle')).toFixed(3)),
  sweepSpeedup: Number((perSecond('sweep') / perSecond('beforeSweep')).toFixed(3)),
  sweepStreamedSpeedup: Number((perSecond('sweepStreamed') / perSecond('beforeSweepStreamed')).toFixed(3)),
  sameResultsAsBefore: sameResults,
  finalEquity: runBacktest(series, config).finalEquity,
  plainLoopFinalEquity: plainSmaCross(series, 10, 30, 100, 0.001, 100_000),
};
const format = (n: number): string => n.toLocaleString('en-US');
console.log(`engine bench on ${report.series}, ${report.strategy}, one core, per CPU-second`);
console.log(`single run (decimal):      ${format(report.barsPerSecond)} bars/s`);
console.log(
  `sweep (${paramSets.length} sets):         ${format(report.sweepParamSetsPerSecond)} param sets/s = ${format(report.sweepBarsPerSecond)} bars/s`,
);
console.log(`sweep, streamed (as workers): ${format(report.sweepStreamedParamSetsPerSecond)} param sets/s`);
console.log(`single run (float engine): ${format(report.floatEngineBarsPerSecond)} bars/s`);
console.log(`plain float loop:          ${format(report.plainLoopBarsPerSecond)} bars/s`);
console.log(`decimal / float engine time: ${report.decimalOverFloatTime}×`);
console.log(`engine / plain loop time:    ${report.engineOverPlainLoopTime}×`);
console.log(`before (${baseline.commit.slice(0, 9)}), measured interleaved with the above:`);
console.log(`  single run (decimal):      ${format(report.before.barsPerSecond)} bars/s`);
console.log(
  `  sweep (${paramSets.length} sets):         ${format(report.before.sweepParamSetsPerSecond)} param sets/s`,
);
console.log(`  sweep, streamed (as workers): ${format(report.before.sweepStreamedParamSetsPerSecond)} param sets/s`);
console.log(`  engine / plain loop time:    ${report.before.engineOverPlainLoopTime}×`);
console.log(
  `speedup: single ${report.singleSpeedup}×, sweep ${report.sweepSpeedup}×, sweep streamed ${report.sweepStreamedSpeedup}×`,
);
console.log(`results identical to before (single run and every sweep outcome): ${sameResults ? 'yes' : 'NO'}`);
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
