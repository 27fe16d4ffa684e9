import { Worker } from 'node:worker_threads';
import type { RunJob, RunOutcome } from '@fleet/contracts';
import type { BarSeries } from '@fleet/engine';
import type { EngineTask, EngineThreadMessage } from './engine-task.js';
import { EngineThreadCrashedError } from './engine-thread-crashed-error.js';
import { type ErrorData, type EvaluatedProvenance, failedOutcome } from './evaluate-runs.js';

/** Options of {@link EnginePool}. */
export interface EnginePoolOptions {
  /** Threads, and so jobs evaluated at once. */
  size: number;
  /** Strategy plugin modules each thread loads. @defaultValue none */
  strategyModules?: readonly string[];
  /** The compiled thread entry point. @defaultValue engine-thread.js beside this module */
  threadFile?: URL;
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

type SlotEnd =
  | { end: 'done' }
  | { end: 'timeout' }
  | { end: 'crash'; error: ErrorData }
  | { end: 'error'; error: ErrorData };

const sharedSeries = new WeakMap<BarSeries, BarSeries>();

/** The series with its columns in shared memory, so every thread reads the same bytes and nothing is copied per job. */
function toShared(series: BarSeries): BarSeries {
  if (series.time.buffer instanceof SharedArrayBuffer) return series;
  const known = sharedSeries.get(series);
  if (known) return known;
  const column = (source: Float64Array) => {
    const target = new Float64Array(new SharedArrayBuffer(source.length * Float64Array.BYTES_PER_ELEMENT));
    target.set(source);
    return target;
  };
  const shared: BarSeries = {
    symbol: series.symbol,
    interval: series.interval,
    length: series.length,
    time: column(series.time),
    open: column(series.open),
    high: column(series.high),
    low: column(series.low),
    close: column(series.close),
    volume: column(series.volume),
  };
  sharedSeries.set(series, shared);
  return shared;
}

/**
 * A fixed set of engine threads. The CPU-bound engine never runs on the main thread, so BullMQ's lock renewal and
 * the process's I/O stay responsive whatever a strategy does. A run that hangs is stopped by terminating its thread
 * (a synchronous infinite loop can only be stopped that way) and the job's remaining runs continue on a fresh one.
 *
 * @example
 * const pool = new EnginePool({ size: 2 });
 * const outcomes = await pool.evaluate(job, series, { runTimeoutMs: 30_000, isolateCrashes: false, provenance });
 * await pool.close();
 */
export class EnginePool {
  private readonly idle: Worker[] = [];
  private readonly waiters: ((thread: Worker) => void)[] = [];
  private readonly all = new Set<Worker>();
  private nextTaskId = 1;
  private closed = false;

  constructor(private readonly options: EnginePoolOptions) {
    for (let i = 0; i < options.size; i++) this.idle.push(this.spawn());
  }

  /** Evaluates every run of a job, one outcome per run in order. Rejects only when a thread fails the job as a whole. */
  async evaluate(job: RunJob, series: BarSeries, options: EvaluateOptions): Promise<RunOutcome[]> {
    const shared = toShared(series);
    const outcomes: RunOutcome[] = [];
    while (outcomes.length < job.runs.length) {
      if (this.closed) throw new Error('engine pool is closed');
      const rest: RunJob = { ...job, runs: job.runs.slice(outcomes.length) };
      const thread = await this.acquire();
      const result = await this.runTask(thread, rest, shared, options, (o) => outcomes.push(o));
      if (result.end === 'done') {
        this.release(thread);
        continue;
      }
      const inFlight = job.runs[outcomes.length] as RunJob['runs'][number];
      if (result.end === 'error') {
        this.release(thread);
        throw Object.assign(new Error(result.error.message), { name: result.error.name, code: result.error.code });
      }
      this.replace(thread);
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
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((t) => t.terminate()));
  }

  private spawn(): Worker {
    const thread = new Worker(this.options.threadFile ?? new URL('./engine-thread.js', import.meta.url), {
      workerData: { strategyModules: this.options.strategyModules ?? [] },
    });
    // Errors are observed per task; this listener only keeps an idle thread's death from crashing the process.
    thread.on('error', () => undefined);
    thread.once('exit', () => {
      this.all.delete(thread);
      const at = this.idle.indexOf(thread);
      if (at >= 0) {
        this.idle.splice(at, 1);
        if (!this.closed) this.release(this.spawn());
      }
    });
    this.all.add(thread);
    return thread;
  }

  private acquire(): Promise<Worker> {
    const thread = this.idle.pop();
    return thread ? Promise.resolve(thread) : new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(thread: Worker): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(thread);
    else this.idle.push(thread);
  }

  private replace(thread: Worker): void {
    this.all.delete(thread);
    void thread.terminate();
    if (!this.closed) this.release(this.spawn());
  }

  private runTask(
    thread: Worker,
    job: RunJob,
    series: BarSeries,
    { runTimeoutMs, provenance }: EvaluateOptions,
    onOutcome: (outcome: RunOutcome) => void,
  ): Promise<SlotEnd> {
    const taskId = this.nextTaskId++;
    return new Promise<SlotEnd>((resolve) => {
      let timer: NodeJS.Timeout;
      let lastError: ErrorData | undefined;
      const finish = (end: SlotEnd) => {
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
        if (message.taskId !== taskId) return;
        if (message.type === 'outcome') {
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
      arm();
      const task: EngineTask = { taskId, job, series, provenance };
      thread.postMessage(task);
    });
  }
}
