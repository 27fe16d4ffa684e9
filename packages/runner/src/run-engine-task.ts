import type { Worker } from 'node:worker_threads';
import type { RunOutcome } from '@fleet/contracts';
import type { EngineTask, EngineThreadMessage } from './engine-task.js';
import type { ErrorData } from './evaluate-runs.js';

/** How one task on one engine thread ended: all its runs reported, a run over time, the thread gone, or a thread-level fault. */
export type EngineTaskEnd =
  | { end: 'done' }
  | { end: 'timeout' }
  | { end: 'crash'; error: ErrorData }
  | { end: 'error'; error: ErrorData };

/**
 * A thread that has not begun its task after this long is stuck in its start-up (a plugin module that never finishes
 * loading, say) and ends the task as a crash; far above any real start-up, even on a loaded machine.
 */
const START_TIMEOUT_MS = 60_000;

/**
 * Sends one task to an engine thread and follows it to its end, passing each run's outcome on as it arrives. The run
 * timer starts when the thread reports the task started, not when it is posted, so a fresh thread's start-up never
 * counts against the first run; it restarts with every outcome, so `runTimeoutMs` bounds each run, not the task. It
 * never terminates the thread: what to do with a thread that timed out or crashed is the caller's policy.
 */
export function runEngineTask(
  thread: Worker,
  task: EngineTask,
  runTimeoutMs: number,
  onOutcome: (outcome: RunOutcome) => void,
): Promise<EngineTaskEnd> {
  return new Promise<EngineTaskEnd>((resolve) => {
    let timer: NodeJS.Timeout;
    let lastError: ErrorData | undefined;
    const finish = (end: EngineTaskEnd) => {
      clearTimeout(timer);
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
      resolve(end);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ end: 'timeout' }), runTimeoutMs);
    };
    const onMessage = (message: EngineThreadMessage) => {
      if (message.taskId !== task.taskId) return;
      if (message.type === 'started') arm();
      else if (message.type === 'outcome') {
        onOutcome(message.outcome);
        arm();
      } else if (message.type === 'done') finish({ end: 'done' });
      else finish({ end: 'error', error: message.error });
    };
    const onError = (error: Error) => {
      lastError = {
        name: error.name,
        code: 'ENGINE_THREAD_CRASHED',
        message: `engine thread crashed: ${error.message}`,
      };
    };
    const onExit = (code: number) =>
      finish({
        end: 'crash',
        error: lastError ?? {
          name: 'EngineThreadCrashed',
          code: 'ENGINE_THREAD_CRASHED',
          message: `engine thread exited with code ${code}`,
        },
      });
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
    timer = setTimeout(
      () =>
        finish({
          end: 'crash',
          error: {
            name: 'EngineThreadCrashed',
            code: 'ENGINE_THREAD_CRASHED',
            message: `engine thread did not start the task within ${START_TIMEOUT_MS} ms`,
          },
        }),
      START_TIMEOUT_MS,
    );
    thread.postMessage(task);
  });
}
