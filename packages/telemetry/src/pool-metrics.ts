import { Gauge, type Registry } from 'prom-client';

/** A pg pool's clients at one moment. */
export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * Registers gauges of a Postgres pool's usage (clients in use, idle, requests waiting, and the pool's size), so a
 * saturated pool shows up as waiting requests rather than as mysterious latency.
 *
 * @example
 * registerPoolMetrics(registry, () => poolUsage(db));
 */
export function registerPoolMetrics(registry: Registry, read: () => PoolUsage | undefined): void {
  new Gauge({
    name: 'fleet_pg_pool_clients',
    help: 'Postgres pool clients by state (active, idle) and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const usage = read();
      if (!usage) return;
      this.set({ state: 'active' }, usage.total - usage.idle);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });
  new Gauge({
    name: 'fleet_pg_pool_max',
    help: 'Postgres pool size',
    registers: [registry],
    collect() {
      const usage = read();
      if (usage) this.set(usage.max);
    },
  });
}
