import type { RunOutcome } from '@fleet/contracts';
import { type Database, type Kysely, storeRunOutcomes } from '@fleet/db';
import type { ResultsConsumer, ResultsEntry, RunQueue } from '@fleet/queue';
import { enqueueSelectedRuns, type PlannedRunVerifier } from '@fleet/sweep';
import { extractTraceCarrier, FleetAttributes, type Logger, startSpan, traceLink, withSpan } from '@fleet/telemetry';

/** Options of {@link createResultBatcher}. */
export interface ResultBatcherOptions {
  consumer: ResultsConsumer;
  db: Kysely<Database>;
  log: Logger;
  /** Outcomes that trigger a write. @defaultValue 500 */
  batchSize?: number;
  /** Longest time a buffered outcome waits for its batch to fill, in ms. @defaultValue 250 */
  flushMs?: number;
  /**
   * Refuses outcomes that are not the planned runs of their sweeps before they are stored; they are logged, counted
   * as `unplanned` and acknowledged with their batch. @defaultValue none (every outcome is stored)
   */
  verifier?: PlannedRunVerifier;
  /**
   * The runs queue, to enqueue a walk-forward sweep's out-of-sample runs once a committed batch has chosen them
   * (before the batch is acknowledged, so a crash in between leaves them to the redelivered batch or the reconciler).
   * @defaultValue none (they are left to the reconciler)
   */
  queue?: RunQueue;
  /** Called after every committed batch (for metrics, progress reporting and tests). */
  onBatch?: (stored: BatchStored) => void;
  /** Called when a batch could not be stored and will be retried. */
  onRetry?: () => void;
  /**
   * How long `stop()` keeps retrying a batch that cannot be stored (Postgres down) before giving up on it, in ms. The
   * batch is left unacknowledged, so the stream hands it out again to this consumer's next life or to another one.
   * @defaultValue 10_000
   */
  stopGraceMs?: number;
}

/** What one committed batch did, and how long it took from the first write attempt to the acknowledgement. */
interface BatchStored {
  inserted: number;
  duplicates: number;
  orphaned: number;
  /** Outcomes refused by the verifier. */
  unplanned: number;
  entries: number;
  outcomes: number;
  durationMs: number;
}

/** A running batcher; `stop()` stops reading, writes what is buffered (within the grace period) and resolves when done. */
export interface ResultBatcher {
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A batch left unstored because the batcher was stopping; its entries stay pending in the stream. */
const ABANDONED = Symbol('abandoned');

/**
 * Drains the results stream into Postgres in batches: entries are read through the consumer group, buffered until
 * `batchSize` outcomes or `flushMs` have passed, written in one transaction, and acknowledged only after COMMIT.
 * While Postgres is unreachable it stops reading (memory stays bounded by one batch) and retries the same batch;
 * nothing is acknowledged that was not stored, so no result is lost and none is failed by an outage.
 */
export function createResultBatcher(options: ResultBatcherOptions): ResultBatcher {
  const { consumer, db, log } = options;
  const batchSize = options.batchSize ?? 500;
  const flushMs = options.flushMs ?? 250;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  let stopping = false;
  let giveUpAt = Number.POSITIVE_INFINITY;
  let wake = () => {};
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });

  async function write(entries: ResultsEntry[]): Promise<undefined | typeof ABANDONED> {
    const outcomes: RunOutcome[] = entries.flatMap((e) => e.outcomes);
    for (const e of entries)
      if (e.invalid) log.error({ entryId: e.id, problem: e.invalid }, 'dropping unreadable results');
    const started = performance.now();
    // A batch serves many traces: its own span links to every job it stores, and each sweep in it gets a span in
    // that sweep's trace (parented by one of its jobs), so the sweep's trace ends at the batch that stored it.
    const links = entries.flatMap((e) => traceLink(e.trace) ?? []);
    const attributes = {
      [FleetAttributes.batchEntries]: entries.length,
      [FleetAttributes.batchOutcomes]: outcomes.length,
    };
    return withSpan('results.store-batch', { links, attributes }, async (batchSpan) => {
      const sweepShares = new Map<string, ReturnType<typeof startSpan>>();
      for (const e of entries) {
        const sweepId = e.outcomes[0]?.sweepId;
        if (!sweepId || sweepShares.has(sweepId) || !e.trace) continue;
        const share = startSpan('results.stored', {
          parent: extractTraceCarrier(e.trace),
          links: [{ context: batchSpan.spanContext() }],
          attributes: { [FleetAttributes.sweepId]: sweepId },
        });
        sweepShares.set(sweepId, share);
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const { planned, unplanned } = options.verifier
            ? await options.verifier.check(outcomes)
            : { planned: outcomes, unplanned: [] };
          const stored = await storeRunOutcomes(db, planned);
          if (options.queue && stored.pendingOutOfSample.length > 0)
            await enqueueSelectedRuns(db, options.queue, stored.pendingOutOfSample);
          await consumer.acknowledge(entries.map((e) => e.id));
          for (const s of stored.finishedSweeps) {
            const traceId = sweepShares.get(s.sweepId)?.spanContext().traceId;
            log.info({ sweepId: s.sweepId, status: s.status, traceId }, 'sweep finished');
          }
          if (stored.orphaned) log.warn({ orphaned: stored.orphaned }, 'dropped results of deleted sweeps');
          if (unplanned.length > 0)
            log.error(
              { unplanned: unplanned.length, first: unplanned[0]?.problem },
              'refused outcomes that are not planned runs of their sweeps (forged or buggy jobs)',
            );
          log.debug({ ...stored, entries: entries.length }, 'batch stored');
          batchSpan.setAttributes({
            [FleetAttributes.rowsInserted]: stored.inserted,
            [FleetAttributes.rowsDuplicate]: stored.duplicates,
          });
          for (const share of sweepShares.values()) share.end();
          options.onBatch?.({
            inserted: stored.inserted,
            duplicates: stored.duplicates,
            orphaned: stored.orphaned,
            unplanned: unplanned.length + stored.outOfPlan,
            entries: entries.length,
            outcomes: outcomes.length,
            durationMs: performance.now() - started,
          });
          return undefined;
        } catch (error) {
          // Redis or Postgres is away: keep the batch, unacknowledged, and retry with capped backoff; another
          // aggregator may claim these entries meanwhile, which the unique run key makes harmless.
          const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6));
          if (Date.now() >= giveUpAt) {
            log.warn(
              { err: (error as Error).message, entries: entries.length, outcomes: outcomes.length },
              'stopping with a batch not stored: its entries stay unacknowledged and will be delivered again',
            );
            for (const share of sweepShares.values()) share.end();
            return ABANDONED;
          }
          log.warn({ err: (error as Error).message, attempt, retryInMs: delay }, 'batch not stored, retrying');
          options.onRetry?.();
          // A stop cuts a wait short once; after it, waits end with the grace period at the latest.
          await (stopping
            ? sleep(Math.min(delay, Math.max(0, giveUpAt - Date.now())))
            : Promise.race([sleep(delay), stopped]));
        }
      }
    });
  }

  async function loop(): Promise<void> {
    let buffer: ResultsEntry[] = [];
    let buffered = 0;
    let firstAt = 0;
    while (!stopping) {
      let entries: ResultsEntry[] = [];
      try {
        entries = await consumer.read(Math.max(1, Math.ceil(batchSize / 10)), flushMs);
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'reading results failed, retrying');
        await sleep(500);
      }
      if (entries.length > 0 && buffer.length === 0) firstAt = Date.now();
      buffer = buffer.concat(entries);
      buffered += entries.reduce((n, e) => n + e.outcomes.length, 0);
      const due =
        buffer.length > 0 && (buffered >= batchSize || entries.length === 0 || Date.now() - firstAt >= flushMs);
      if (due) {
        if ((await write(buffer)) === ABANDONED) return;
        buffer = [];
        buffered = 0;
      }
    }
    if (buffer.length > 0) await write(buffer);
  }

  const done = loop();
  return {
    done,
    async stop() {
      if (!stopping) giveUpAt = Date.now() + stopGraceMs;
      stopping = true;
      wake();
      await done;
    },
  };
}
