import { parentPort, workerData } from 'node:worker_threads';
import { loadStrategyModules } from '@fleet/engine/plugins';
import type { EngineTask, EngineThreadMessage } from './engine-task.js';
import { describeError, evaluateRuns } from './evaluate-runs.js';
import { loadStrategyBundle } from './load-strategy-bundle.js';

/**
 * Entry point of an engine thread: evaluates the runs of one task at a time and reports each outcome as it is
 * known. Strategy plugins are loaded per thread, since each thread has its own engine registry, and so are strategy
 * bundles: a job's bundle is loaded here on first use (its bytes checked against its hash), never on the main thread.
 */
const port = parentPort;
if (!port) throw new Error('engine-thread.js must run in a worker thread');
const send = (message: EngineThreadMessage) => port.postMessage(message);
const data = workerData as { strategyModules: string[]; bundleDir: string };
const ready = loadStrategyModules(data.strategyModules);

port.on('message', (task: EngineTask) => {
  ready
    .then(async () => {
      // The pool times each run from here: the thread's start-up (loading the engine and plugins) is no run's time.
      // A strategy bundle loads after it, so one that hangs while loading is stopped by the run timeout.
      send({ type: 'started', taskId: task.taskId });
      const hash = task.job.strategyBundle;
      if (hash !== undefined) await loadStrategyBundle(hash, task.bundle ?? '', data.bundleDir);
      evaluateRuns(task.job, task.series, task.provenance, (outcome, index) =>
        send({ type: 'outcome', taskId: task.taskId, index, outcome }),
      );
      send({ type: 'done', taskId: task.taskId });
    })
    .catch((error: unknown) => send({ type: 'error', taskId: task.taskId, error: describeError(error) }));
});
