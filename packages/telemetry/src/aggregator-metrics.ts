import { Counter, Histogram, type Registry } from 'prom-client';

/** One committed batch as the aggregator measured it. */
interface BatchMeasurements {
  outcomes: number;
  inserted: number;
  duplicates: number;
  orphaned: number;
  /** Outcomes refused because they are not the planned runs of their sweeps (forged or buggy jobs). */
  unplanned?: number;
  /** From the first write attempt to the acknowledgement, in ms. */
  durationMs: number;
}

/** The aggregator's series. */
export interface AggregatorMetrics {
  recordBatch(batch: BatchMeasurements): void;
  /** A batch could not be stored (Postgres or Redis away) and will be retried. */
  recordBatchFailure(): void;
}

/**
 * Registers the aggregator's batch size and latency histograms and its row counters, so an operator sees whether
 * batches fill (throughput) or time out (idle fleet) and how many redeliveries the run key absorbs.
 *
 * @example
 * const metrics = createAggregatorMetrics(registry);
 * createResultBatcher({ ..., onBatch: (b) => metrics.recordBatch(b) });
 */
export function createAggregatorMetrics(registry: Registry): AggregatorMetrics {
  const registers = [registry];
  const size = new Histogram({
    name: 'fleet_aggregator_batch_size',
    help: 'Outcomes written per batch',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    registers,
  });
  const latency = new Histogram({
    name: 'fleet_aggregator_batch_duration_seconds',
    help: 'Time to store and acknowledge one batch',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const rows = new Counter({
    name: 'fleet_aggregator_rows_total',
    help: 'Outcomes by what storing them did: inserted, duplicate (redelivery), orphaned (sweep deleted) or unplanned (refused: not a planned run)',
    labelNames: ['result'],
    registers,
  });
  const failures = new Counter({
    name: 'fleet_aggregator_batch_failures_total',
    help: 'Batch writes that failed and were retried',
    registers,
  });
  return {
    recordBatch(batch) {
      size.observe(batch.outcomes);
      latency.observe(batch.durationMs / 1000);
      rows.inc({ result: 'inserted' }, batch.inserted);
      rows.inc({ result: 'duplicate' }, batch.duplicates);
      rows.inc({ result: 'orphaned' }, batch.orphaned);
      rows.inc({ result: 'unplanned' }, batch.unplanned ?? 0);
    },
    recordBatchFailure() {
      failures.inc();
    },
  };
}
