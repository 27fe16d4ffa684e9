import { type ResourceLimits, Worker } from 'node:worker_threads';

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Threads kept alive at once. */
  size: number;
  /** The compiled entry point every thread runs. */
  file: URL;
  /** Handed to every thread as its `workerData`. */
  workerData: unknown;
  /** V8 heap limits of every thread; a thread that exceeds them dies alone. @defaultValue Node's (the process's) */
  resourceLimits?: ResourceLimits;
}

/**
 * A fixed number of worker threads lent out one caller at a time, knowing nothing of what they run: a caller
 * acquires a thread, gives it back when it is still usable, or has it replaced by a fresh one when it is not (stuck
 * or dead). An idle thread that dies is replaced at once, so the pool always keeps its size until it is closed.
 *
 * @example
 * const threads = new ThreadPool({ size: 2, file: new URL('./engine-thread.js', import.meta.url), workerData: {} });
 * const thread = await threads.acquire();
 * thread.postMessage(task);
 * threads.release(thread);
 * await threads.close();
 */
export class ThreadPool {
  private readonly idle: Worker[] = [];
  private readonly waiters: ((thread: Worker) => void)[] = [];
  private readonly all = new Set<Worker>();
  private isClosed = false;

  constructor(private readonly options: ThreadPoolOptions) {
    for (let i = 0; i < options.size; i++) this.idle.push(this.spawn());
  }

  /** True once {@link ThreadPool.close} was called; no thread is lent out after that. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** A thread of the caller's own, waiting for one to come back when all are lent out. */
  acquire(): Promise<Worker> {
    const thread = this.idle.pop();
    return thread ? Promise.resolve(thread) : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Gives back a thread that is still usable, to the next waiting caller if there is one. */
  release(thread: Worker): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(thread);
    else this.idle.push(thread);
  }

  /** Terminates a thread that cannot be reused (it hangs or died) and lends out a fresh one in its place. */
  replace(thread: Worker): void {
    this.all.delete(thread);
    void thread.terminate();
    if (!this.isClosed) this.release(this.spawn());
  }

  /** Terminates every thread; tasks in progress see their thread exit. */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all([...this.all].map((t) => t.terminate()));
  }

  private spawn(): Worker {
    const thread = new Worker(this.options.file, {
      workerData: this.options.workerData,
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    // Errors are observed per task; this listener only keeps an idle thread's death from crashing the process.
    thread.on('error', () => undefined);
    thread.once('exit', () => {
      this.all.delete(thread);
      const at = this.idle.indexOf(thread);
      if (at >= 0) {
        this.idle.splice(at, 1);
        if (!this.isClosed) this.release(this.spawn());
      }
    });
    this.all.add(thread);
    return thread;
  }
}
