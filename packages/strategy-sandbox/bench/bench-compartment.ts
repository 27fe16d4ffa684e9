import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BenchMode, BenchThreadData, RoundReport, RoundRequest } from './compartment-bench-thread.js';
import { smaCrossBundle } from './sma-cross-bundle.js';

/**
 * What a ses Compartment costs the engine: `npm run bench:compartment`. The same strategy source (sma_cross as a
 * bundle) runs on ORCL 1995–2014 in three engine threads: imported as a plain ES module (`module`), imported the
 * same way after lockdown (`lockdown`, the cost of frozen intrinsics alone), and loaded by
 * loadStrategyInCompartment (`compartment`, what workers would run). Rounds are interleaved (the order reverses each
 * round) and only one thread works at a time, so all three share one machine load; each workload's figure is its
 * best round, the least disturbed one. Prints bars/s per CPU-second and the ratios, then one JSON line.
 */
const ROUNDS = 9;
const ROUND_SECONDS = 0.3;
const modes: readonly BenchMode[] = ['module', 'lockdown', 'compartment'];
const workloads = ['single', 'sweep'] as const;

const here = new URL('./', import.meta.url);
const csvPath = fileURLToPath(new URL('../../../../data/samples/orcl-1995-2014.csv', here));
// Beside the compiled bench, so the file's `@fleet/engine` and `zod` imports resolve as a plugin module's would.
const bundlePath = fileURLToPath(new URL('sma-cross-bundle.mjs', here));
mkdirSync(fileURLToPath(here), { recursive: true });
writeFileSync(bundlePath, smaCrossBundle);

interface BenchThread {
  readonly thread: Worker;
  readonly ready: { loadMs: number; bars: number; paramSets: number; finalEquity: string; sweepDigest: number };
}

function nextMessage<T>(thread: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      thread.off('message', succeed);
      reject(error);
    };
    const succeed = (message: T) => {
      thread.off('error', fail);
      resolve(message);
    };
    thread.once('message', succeed);
    thread.once('error', fail);
  });
}

async function start(mode: BenchMode): Promise<BenchThread> {
  const data: BenchThreadData = {
    mode,
    csvPath,
    bundleUrl: pathToFileURL(bundlePath).href,
    bundleSource: smaCrossBundle,
  };
  const thread = new Worker(new URL('compartment-bench-thread.js', here), { workerData: data });
  return { thread, ready: await nextMessage(thread) };
}

async function round(thread: Worker, request: RoundRequest): Promise<RoundReport> {
  const answer = nextMessage<RoundReport>(thread);
  thread.postMessage(request);
  return answer;
}

const threads: Record<string, BenchThread> = {};
for (const mode of modes) threads[mode] = await start(mode);
const first = threads.module as BenchThread;
const sameResults = modes.every(
  (mode) =>
    threads[mode]?.ready.finalEquity === first.ready.finalEquity &&
    threads[mode]?.ready.sweepDigest === first.ready.sweepDigest,
);

const best: Record<string, { cpu: number; wall: number }> = {};
for (const mode of modes) {
  for (const workload of workloads) {
    await round((threads[mode] as BenchThread).thread, { workload, seconds: ROUND_SECONDS / 3 });
    best[`${mode}.${workload}`] = { cpu: 0, wall: 0 };
  }
}
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? modes : [...modes].reverse();
  for (const workload of workloads) {
    for (const mode of order) {
      const report = await round((threads[mode] as BenchThread).thread, { workload, seconds: ROUND_SECONDS });
      const key = `${mode}.${workload}`;
      const entry = best[key] as { cpu: number; wall: number };
      entry.cpu = Math.max(entry.cpu, report.runs / report.cpuSeconds);
      entry.wall = Math.max(entry.wall, report.runs / report.wallSeconds);
    }
  }
}
for (const { thread } of Object.values(threads)) await thread.terminate();

const { bars, paramSets } = first.ready;
const runsPerSecond = (mode: BenchMode, workload: (typeof workloads)[number]) => best[`${mode}.${workload}`]?.cpu ?? 0;
const barsPerSecond = (mode: BenchMode, workload: (typeof workloads)[number]) =>
  Math.round(runsPerSecond(mode, workload) * bars * (workload === 'sweep' ? paramSets : 1));
const ratio = (mode: BenchMode, workload: (typeof workloads)[number]) =>
  Number((runsPerSecond(mode, workload) / runsPerSecond('module', workload)).toFixed(3));
const report = {
  series: `ORCL 1d (${bars} bars)`,
  strategy: 'sma_cross(10,30) as a bundle, 100 units, 0.1% commission',
  single: Object.fromEntries(modes.map((mode) => [mode, barsPerSecond(mode, 'single')])),
  sweep: Object.fromEntries(modes.map((mode) => [mode, barsPerSecond(mode, 'sweep')])),
  sweepParamSets: paramSets,
  compartmentOverModule: { single: ratio('compartment', 'single'), sweep: ratio('compartment', 'sweep') },
  lockdownOverModule: { single: ratio('lockdown', 'single'), sweep: ratio('lockdown', 'sweep') },
  speedChangePercent: {
    single: Number(((ratio('compartment', 'single') - 1) * 100).toFixed(1)),
    sweep: Number(((ratio('compartment', 'sweep') - 1) * 100).toFixed(1)),
  },
  loadMs: Object.fromEntries(modes.map((mode) => [mode, Number(threads[mode]?.ready.loadMs.toFixed(1))])),
  sameResults,
};
const format = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
console.log(`compartment bench on ${report.series}, ${report.strategy}; bars/s per CPU-second, best of ${ROUNDS}`);
for (const workload of workloads) {
  const label = workload === 'single' ? 'single run' : `sweep (${paramSets} sets)`;
  console.log(
    `${label.padEnd(16)} module ${format(report[workload].module)}   lockdown ${format(report[workload].lockdown)}   compartment ${format(report[workload].compartment)}`,
  );
}
console.log(
  `compartment / module: single ${report.compartmentOverModule.single}×, sweep ${report.compartmentOverModule.sweep}× (lockdown alone: ${report.lockdownOverModule.single}×, ${report.lockdownOverModule.sweep}×)`,
);
console.log(
  `load: module ${report.loadMs.module} ms, after lockdown ${report.loadMs.lockdown} ms, compartment ${report.loadMs.compartment} ms (lockdown included)`,
);
console.log(`results identical in all three threads: ${sameResults ? 'yes' : 'NO'}`);
console.log(JSON.stringify(report));
