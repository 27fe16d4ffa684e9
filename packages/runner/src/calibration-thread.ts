import { parentPort, workerData } from 'node:worker_threads';
import { parseStrategyParams, runSweep } from '@fleet/engine';
import { loadStrategyModules } from '@fleet/engine/plugins';
import { findCombinationProblems, strategySettings } from '@fleet/planning';
import type { CalibrationTask } from './calibrate-sweep.js';
import { engineBaseConfig } from './engine-config.js';
import { loadStrategyBundle } from './load-strategy-bundle.js';

/** Entry point of the calibration thread: times each strategy's sample combinations, reporting each as it is known. */
const task = workerData as CalibrationTask;
const port = parentPort;
if (!port) throw new Error('calibration-thread.js must run in a worker thread');
await loadStrategyModules(task.strategyModules);
if (task.bundles.length > 0) {
  // Loaded by the inspection before, so a throw here is not expected; if one comes, the submit sees no problems report.
  for (const { hash, code } of task.bundles) await loadStrategyBundle(hash, code, task.bundleDir);
  const files = new Set(task.spec.strategies.filter((s) => s.bundle !== undefined).map((s) => s.name));
  // Only the files' strategies: the built-ins' and plugins' combinations were checked on the main thread.
  const problems = findCombinationProblems(task.spec, {
    parseParams: (name, params) => (files.has(name) ? parseStrategyParams(name, params) : params),
  });
  port.postMessage({ problems });
}
task.spec.strategies.forEach((strategy, i) => {
  const params = task.samples[i] ?? [];
  if (params.length === 0 || task.series.length === 0) return;
  const base = engineBaseConfig(strategySettings(task.spec, i), strategy.name);
  // The first pass warms the JIT and is not counted; outcomes are streamed away, as a worker's are.
  const discard = { onOutcome: () => undefined };
  runSweep(task.series, base, params, discard);
  const started = performance.now();
  runSweep(task.series, base, params, discard);
  port.postMessage({ strategyIndex: i, msPerRun: (performance.now() - started) / params.length });
});
port.postMessage('done');
