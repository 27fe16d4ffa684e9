import { parentPort, workerData } from 'node:worker_threads';
import { runSweep } from '@fleet/engine';
import { loadStrategyModules } from '@fleet/engine/plugins';
import { strategySettings } from '@fleet/planning';
import type { CalibrationTask } from './calibrate-sweep.js';
import { engineBaseConfig } from './engine-config.js';

/**
 * CPU time the timed passes of all strategies add up to, and the wall time they may take (a second added to a submit at most, well within
 * `calibrateSweep`'s deadline), in ms; each strategy gets an equal share. A daily SMA run takes about 1.5 ms until its
 * code is optimized, after some 150 runs, and 0.35 ms from then on, where a worker's long-lived threads run: two cold
 * passes made runs look four times dearer than a worker finds them, and jobs four times too small.
 */
const TIMED_CPU_MS = 250;
const TIMED_WALL_MS = 1_000;
/** Passes at most, so runs that end at once (a strategy that always throws) are not timed a million times. */
const MAX_PASSES = 100;

/**
 * The CPU time of the fastest of a few passes, in ms. CPU time, not wall time: on a loaded machine the wall clock
 * also counts the time other processes held the cores, which made runs look ten times dearer and jobs ten times too
 * small. `process.cpuUsage` counts the whole process, whose other threads only wait while this one runs.
 */
function fastestPassMs(pass: () => void, cpuMs: number, wallMs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  let spent = 0;
  const deadline = performance.now() + wallMs;
  for (let passes = 0; passes < MAX_PASSES && spent < cpuMs && performance.now() < deadline; passes++) {
    const before = process.cpuUsage();
    pass();
    const { user, system } = process.cpuUsage(before);
    const ms = (user + system) / 1000;
    fastest = Math.min(fastest, ms);
    spent += ms;
  }
  return fastest;
}

/** Entry point of the calibration thread: times each strategy's sample combinations, reporting each as it is known. */
const task = workerData as CalibrationTask;
const port = parentPort;
if (!port) throw new Error('calibration-thread.js must run in a worker thread');
await loadStrategyModules(task.strategyModules);
const cpuShare = TIMED_CPU_MS / task.spec.strategies.length;
const wallShare = TIMED_WALL_MS / task.spec.strategies.length;
task.spec.strategies.forEach((strategy, i) => {
  const params = task.samples[i] ?? [];
  if (params.length === 0 || task.series.length === 0) return;
  const base = engineBaseConfig(strategySettings(task.spec, i), strategy.name);
  // The first pass warms the JIT and is not counted; outcomes are streamed away, as a worker's are.
  const discard = { onOutcome: () => undefined };
  runSweep(task.series, base, params, discard);
  port.postMessage({
    strategyIndex: i,
    msPerRun: fastestPassMs(() => runSweep(task.series, base, params, discard), cpuShare, wallShare) / params.length,
  });
});
port.postMessage('done');
