import 'ses';
import { isMainThread } from 'node:worker_threads';

let lockedDown = false;

/**
 * Hardens this thread's JavaScript once: every intrinsic (`Object.prototype`, `Array.prototype`, `Function`, …) is
 * frozen, so code in a compartment cannot change what other code in the thread relies on. Lockdown cannot be undone
 * and holds for the whole thread, which is why it refuses to run on a process's main thread (a worker's BullMQ and
 * Postgres clients live there) and is meant for engine threads only. The options keep Node's console, error stacks
 * and crash reporting as the thread had them; `overrideTaming: 'severe'` lets libraries that assign `constructor` or
 * `toString` on their own prototypes (decimal.js does) still load after lockdown.
 *
 * @throws Error on the main thread
 */
export function lockdownEngineThread(): void {
  if (lockedDown) return;
  if (isMainThread) {
    throw new Error('lockdown must run in an engine thread, never on the main thread: it freezes every intrinsic');
  }
  lockdown({
    consoleTaming: 'unsafe',
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    overrideTaming: 'severe',
    // The engine thread reports its own failures to the pool; ses must not install process-wide handlers.
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
  });
  lockedDown = true;
}
