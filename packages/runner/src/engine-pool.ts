import type { RunJob, RunOutcome } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import { EngineThreadCrashedError } from './engine-thread-crashed-error.js';
import { type EvaluatedProvenance, failedOutcome } from './evaluate-runs.js';
import { runEngineTask } from './run-engine-task.js';
import { ThreadPool } from './thread-pool.js';

/** Options of {@link EnginePool}. */
export interface EnginePoolOptions {
  /** Threads, and so jobs evaluated at once. */
  size: number;
  /** Strategy plugin modules each thread loads. @defaultValue none */
  strategyModules?: readonly string[];
  /** The compiled thread entry point. @defaultValue engine-thread.js beside this module */
  threadFile?: URL;
  /**
   * Old-generation heap of each thread in MiB: a strategy that allocates without bound crashes its own thread (as
   * `ENGINE_THREAD_CRASHED`) instead of taking the worker process's memory. Bars and indicator columns live outside
   * this heap, in (shared) array buffers. @defaultValue 512
   */
  heapLimitMb?: number;
}

/** How one job is evaluated. */
export interface EvaluateOptions {
  /** A run still going after this long is stopped (its thread terminated) and recorded as failed with code `RUN_TIMEOUT`. */
  runTimeoutMs: number;
  /**
   * On a job's last attempt a crash is pinned on the run that was in flight (recorded as failed) and the rest go on
   * on a fresh thread; on earlier attempts a crash fails the attempt, so a transient fault is retried whole.
   */
  isolateCrashes: boolean;
  /** Recorded in every outcome of the job, including timeouts and crashes. */
  provenance: EvaluatedProvenance;
}

/**
 * The engine threads of a worker, with its timeout and crash policy. The CPU-bound engine never runs on the main
 * thread, so BullMQ's lock renewal and the process's I/O stay responsive whatever a strategy does. A run that hangs
 * is stopped by terminating its thread (a synchronous infinite loop can only be stopped that way) and the job's
 * remaining runs continue on a fresh one. Bars are posted as they are; the loader's columns live in shared memory,
 * so threads read them without a copy.
 *
 * @example
 * const pool = new EnginePool({ size: 2 });
 * const outcomes = await pool.evaluate(job, series, { runTimeoutMs: 30_000, isolateCrashes: false, provenance });
 * await pool.close();
 */
export class EnginePool {
  private readonly threads: ThreadPool;
  private nextTaskId = 1;

  constructor(options: EnginePoolOptions) {
    this.threads = new ThreadPool({
      size: options.size,
      file: options.threadFile ?? new URL('./engine-thread.js', import.meta.url),
      workerData: { strategyModules: options.strategyModules ?? [] },
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? 512 },
    });
  }

  /** Evaluates every run of a job, one outcome per run in order. Rejects only when a thread fails the job as a whole. */
  async evaluate(job: RunJob, series: BarSeries, options: EvaluateOptions): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    while (outcomes.length < job.runs.length) {
      if (this.threads.closed) throw new Error('engine pool is closed');
      const rest: RunJob = { ...job, runs: job.runs.slice(outcomes.length) };
      const thread = await this.threads.acquire();
      const task = { taskId: this.nextTaskId++, job: rest, series, provenance: options.provenance };
      const result = await runEngineTask(thread, task, options.runTimeoutMs, (o) => outcomes.push(o));
      if (result.end === 'done') {
        this.threads.release(thread);
        continue;
      }
      const inFlight = job.runs[outcomes.length] as RunJob['runs'][number];
      if (result.end === 'error') {
        this.threads.release(thread);
        throw Object.assign(new Error(result.error.message), { name: result.error.name, code: result.error.code });
      }
      this.threads.replace(thread);
      if (result.end === 'timeout') {
        outcomes.push(
          failedOutcome(
            job,
            inFlight,
            options.provenance,
            {
              name: 'RunTimeoutError',
              code: 'RUN_TIMEOUT',
              message: `run took longer than ${options.runTimeoutMs} ms (timeout)`,
            },
            options.runTimeoutMs,
          ),
        );
      } else if (options.isolateCrashes) {
        outcomes.push(failedOutcome(job, inFlight, options.provenance, result.error));
      } else {
        throw new EngineThreadCrashedError(result.error.message);
      }
    }
    return outcomes;
  }

  /** Terminates every thread; evaluations in progress reject. */
  close(): Promise<void> {
    return this.threads.close();
  }
}
