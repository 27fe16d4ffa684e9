/**
 * Counts the jobs a processor has started and has not yet finished, however they end. A worker's events cannot do
 * this: BullMQ emits neither `completed` nor `failed` for a job that moves itself to the delayed set (`DelayedError`),
 * so a count kept from events never comes back down.
 *
 * @example
 * const jobs = new JobsInFlight();
 * const worker = new Worker(name, jobs.track(processor), options);
 * jobs.running; // jobs inside the processor right now
 */
export class JobsInFlight {
  /** Jobs the processor was entered for, ever. */
  started = 0;
  /** Jobs inside the processor now. */
  running = 0;

  /** The processor, counted. */
  track<A extends unknown[], R>(processor: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      this.started++;
      this.running++;
      try {
        return await processor(...args);
      } finally {
        this.running--;
      }
    };
  }
}
