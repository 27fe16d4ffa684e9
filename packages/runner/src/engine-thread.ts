import { parentPort, workerData } from 'node:worker_threads';
import { loadStrategyModules } from '@fleet/engine/plugins';
import type { EngineTask, EngineThreadMessage } from './engine-task.js';
import { describeError, evaluateRuns } from './evaluate-runs.js';

/**
 * Entry point of an engine thread: evaluates the runs of one task at a time and reports each outcome as it is
 * known. Strategy plugins are loaded per thread, since each thread has its own engine registry.
 */
const port = parentPort;
if (!port) throw new Error('engine-thread.js must run in a worker thread');
const send = (message: EngineThreadMessage) => port.postMessage(message);
const ready = loadStrategyModules((workerData as { strategyModules: string[] }).strategyModules);

port.on('message', (task: EngineTask) => {
  ready
    .then(() => {
      // The pool times each run from here: the thread's start-up (loading the engine and plugins) is no run's time.
      send({ type: 'started', taskId: task.taskId });
      evaluateRuns(task.job, task.series, task.provenance, (outcome, index) =>
        send({ type: 'outcome', taskId: task.taskId, index, outcome }),
      );
      send({ type: 'done', taskId: task.taskId });
    })
    .catch((error: unknown) => send({ type: 'error', taskId: task.taskId, error: describeError(error) }));
});
