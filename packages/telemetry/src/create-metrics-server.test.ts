import { afterEach, describe, expect, it } from 'vitest';
import { createAggregatorMetrics } from './aggregator-metrics.js';
import { createMetricsRegistry } from './create-metrics-registry.js';
import { createMetricsServer, type MetricsServer } from './create-metrics-server.js';
import { createWorkerMetrics } from './worker-metrics.js';

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const url = (path: string) => `http://127.0.0.1:${server?.port}${path}`;

describe('createMetricsServer', () => {
  it("exposes the worker's named series with their strategy labels, counted from job measurements", async () => {
    const registry = createMetricsRegistry('worker');
    const metrics = createWorkerMetrics(registry);
    metrics.recordJob({ strategy: 'sma_cross', runs: 25, failed: 2, bars: 1000, engineMs: 50, cacheHit: false });
    metrics.recordJob({ strategy: 'sma_cross', runs: 25, failed: 0, bars: 1000, engineMs: 50, cacheHit: true });
    metrics.recordRetry('rsi_reversion', 25);
    metrics.recordJobFailure('rsi_reversion', 25);
    server = await createMetricsServer({ port: 0, host: '127.0.0.1', registry, readiness: {} });
    const text = await (await fetch(url('/metrics'))).text();
    for (const line of [
      'fleet_runs_completed_total{strategy="sma_cross",service="worker"} 48',
      'fleet_runs_failed_total{strategy="sma_cross",service="worker"} 2',
      'fleet_runs_failed_total{strategy="rsi_reversion",service="worker"} 25',
      'fleet_runs_retried_total{strategy="rsi_reversion",service="worker"} 25',
      'fleet_run_duration_seconds_count{service="worker",strategy="sma_cross"} 48',
      'fleet_bars_processed_total{strategy="sma_cross",service="worker"} 48000',
      'fleet_data_cache_hits_total{service="worker"} 1',
      'fleet_data_cache_misses_total{service="worker"} 1',
      'process_cpu_seconds_total',
    ])
      expect(text, line).toContain(line);
  });

  it("exposes the aggregator's batch size, latency and rows by result", async () => {
    const registry = createMetricsRegistry('aggregator');
    createAggregatorMetrics(registry).recordBatch({
      outcomes: 120,
      inserted: 100,
      duplicates: 20,
      orphaned: 0,
      durationMs: 40,
    });
    server = await createMetricsServer({ port: 0, host: '127.0.0.1', registry, readiness: {} });
    const text = await (await fetch(url('/metrics'))).text();
    expect(text).toContain('fleet_aggregator_batch_size_sum{service="aggregator"} 120');
    expect(text).toContain('fleet_aggregator_batch_duration_seconds_bucket{le="0.05",service="aggregator"} 1');
    expect(text).toContain('fleet_aggregator_rows_total{result="duplicate",service="aggregator"} 20');
  });

  it('answers /healthz while alive and /readyz 503 naming the dependency that fails or hangs', async () => {
    server = await createMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry: createMetricsRegistry('worker'),
      readiness: {
        redis: async () => 'PONG',
        postgres: () => Promise.reject(new Error('connection refused')),
        worker: () => false,
      },
    });
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      ready: false,
      checks: { redis: 'ok', postgres: 'connection refused', worker: 'not running' },
    });
    expect((await fetch(url('/nothing'))).status).toBe(404);
  });

  it('refuses to start on a port that is taken, so the caller can say which variable to set', async () => {
    server = await createMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry: createMetricsRegistry('a'),
      readiness: {},
    });
    await expect(
      createMetricsServer({
        port: server.port,
        host: '127.0.0.1',
        registry: createMetricsRegistry('b'),
        readiness: {},
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
