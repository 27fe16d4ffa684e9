import { parentPort, workerData } from 'node:worker_threads';
import { runSweep } from '@fleet/engine';
import { loadStrategyModules } from '@fleet/engine/plugins';
import { strategySettings } from '@fleet/planning';
import type { CalibrationTask } from './calibrate-sweep.js';

/** Entry point of the calibration thread: times each strategy's sample combinations, reporting each as it is known. */
const task = workerData as CalibrationTask;
const port = parentPort;
if (!port) throw new Error('calibration-thread.js must run in a worker thread');
await loadStrategyModules(task.strategyModules);
task.spec.strategies.forEach((strategy, i) => {
  const params = task.samples[i] ?? [];
  if (params.length === 0 || task.series.length === 0) return;
  const { cash, size, commission, slippageBps } = strategySettings(task.spec, i);
  const base = {
    strategy: strategy.name,
    cash,
    sizing: { kind: 'units' as const, units: size },
    commission: { kind: 'percent' as const, rate: commission },
    slippageBps,
  };
  // The first pass warms the JIT and is not counted; outcomes are streamed away, as a worker's are.
  const discard = { onOutcome: () => undefined };
  runSweep(task.series, base, params, discard);
  const started = performance.now();
  runSweep(task.series, base, params, discard);
  port.postMessage({ strategyIndex: i, msPerRun: (performance.now() - started) / params.length });
});
port.postMessage('done');
