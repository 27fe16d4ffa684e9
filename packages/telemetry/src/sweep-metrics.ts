import { Gauge, type Registry } from 'prom-client';

/** The stored and planned runs of one sweep. */
export interface SweepCounts {
  sweepId: string;
  stored: number;
  planned: number;
}

/**
 * Registers per-sweep gauges read from Postgres at scrape time: rows stored, runs planned and their ratio, the
 * completeness an operator watches to see a sweep converge (or stall short of 1). `read` should return only active
 * and recently finished sweeps, which bounds the label cardinality.
 *
 * @example
 * registerSweepMetrics(registry, () => sweepCompleteness(db));
 */
export function registerSweepMetrics(registry: Registry, read: () => Promise<readonly SweepCounts[]>): void {
  let reading: Promise<readonly SweepCounts[]> | undefined;
  // The three gauges collect in the same scrape; they share one query.
  const once = () => {
    reading ??= read().finally(() => setTimeout(() => (reading = undefined), 1000).unref());
    return reading;
  };
  const gauge = (name: string, help: string, value: (s: SweepCounts) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['sweep_id'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await once()) this.set({ sweep_id: s.sweepId }, value(s));
      },
    });
  gauge('fleet_sweep_runs_stored', 'Rows stored for a sweep', (s) => s.stored);
  gauge('fleet_sweep_runs_planned', 'Runs planned for a sweep', (s) => s.planned);
  gauge('fleet_sweep_completeness', 'Rows stored / runs planned', (s) => (s.planned > 0 ? s.stored / s.planned : 1));
}
