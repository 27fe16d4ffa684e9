import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MetricNames, MetricTable } from '@fleet/contracts';
import { createDatabase, poolUsage, sweepCompleteness } from '@fleet/db';
import { createRunQueue, queueMetricsSource } from '@fleet/queue';
import {
  createMetricsRegistry,
  registerPoolMetrics,
  registerQueueMetrics,
  registerSweepMetrics,
} from '@fleet/telemetry';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedSweep } from '../../../test/support/seed-sweep.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../../../test/support/services.js';
import { createServer } from './create-server.js';

const samples = fileURLToPath(new URL('../../../data/samples/', import.meta.url));
const db = createDatabase({ url: inject('databaseUrl') });
const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
const prefix = uniquePrefix(inject('runId'), 'dashboard');
const queue = createRunQueue(redis, prefix);
const auth = { user: 'quant', password: 'correct horse battery staple' };
const authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
let base = '';
let close: () => Promise<void> = async () => {};
let sweepId = '';
let walkForwardId = '';

const get = (path: string, withAuth = true) => fetch(`${base}${path}`, withAuth ? { headers: { authorization } } : {});
const json = async <T = Record<string, unknown>>(path: string): Promise<T> => {
  const response = await get(path);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
};
type Run = { runIndex: number; status: string; params: Record<string, number>; metrics: Record<string, number | null> };

beforeAll(async () => {
  // 10 fast × 4 slow on ORCL; fast ≥ slow makes sma_cross refuse its parameters, which gives failed runs.
  ({ sweepId } = await seedSweep(
    db,
    {
      name: 'dashboard-test',
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2012-12-31',
      commission: 0.001,
      strategies: [{ name: 'sma_cross', params: { fast: { from: 10, to: 100, step: 10 }, slow: [50, 80, 120, 200] } }],
    },
    [`${samples}orcl-1995-2014.csv`],
    7,
  ));
  // 2 × 2 sets over 2 years in sample, then 1 year out of sample, stepped yearly: 4 folds, 16 + 4 runs.
  ({ sweepId: walkForwardId } = await seedSweep(
    db,
    {
      name: 'dashboard-walk-forward',
      symbols: ['ORCL'],
      start: '2005-01-01',
      end: '2010-12-31',
      strategies: [{ name: 'sma_cross', params: { fast: [10, 20], slow: [50, 100] } }],
      validation: { walkForward: { train: '2y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 1 },
    },
    [],
    4,
  ));
  const metrics = createMetricsRegistry('dashboard');
  registerQueueMetrics(metrics, [queueMetricsSource(queue)]);
  registerSweepMetrics(metrics, () => sweepCompleteness(db));
  registerPoolMetrics(metrics, () => poolUsage(db));
  const app = createServer({
    queues: [queue],
    db,
    auth,
    metrics,
    readiness: { redis: () => redis.ping(), postgres: async () => true },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  await queue.close();
  await deleteKeysWithPrefix(redis, prefix);
  await redis.quit();
  await db.destroy();
});

describe('dashboard server', () => {
  it.each(['/sweeps', `/sweeps/${'0'.repeat(8)}`, '/api/sweeps', '/queues', '/assets/echarts.min.js'])(
    'answers 401 with a Basic challenge on %s without credentials',
    async (path) => {
      const response = await get(path, false);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    },
  );

  it('keeps health, readiness and metrics outside authentication for probes and Prometheus', async () => {
    expect((await get('/healthz', false)).status).toBe(200);
    const ready = await get('/readyz', false);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { redis: 'ok', postgres: 'ok' } });
    const metrics = await (await get('/metrics', false)).text();
    for (const series of [
      'fleet_queue_jobs',
      'fleet_queue_oldest_waiting_age_seconds',
      `fleet_sweep_completeness{sweep_id="${sweepId}",service="dashboard"} 1`,
      'fleet_sweep_runs_planned',
      'fleet_pg_pool_clients{state="idle"',
      'fleet_pg_pool_max',
    ])
      expect(metrics, series).toContain(series);
  });

  it('serves the sweep pages and ECharts from node_modules', async () => {
    expect(await (await get(`/sweeps/${sweepId}`)).text()).toContain('id="leaderboard"');
    const echarts = await get('/assets/echarts.min.js');
    expect(echarts.status).toBe(200);
    expect(Number(echarts.headers.get('content-length')), 'the minified library, not a stub').toBeGreaterThan(500_000);
  });

  it('gives an overview with counts, the swept parameters, throughput and an ETA of 0 once finished', async () => {
    const overview = await json<{
      progress: { status: string; total: number; succeeded: number; failed: number };
      paramNames: string[];
      etaSeconds: number;
    }>(`/api/sweeps/${sweepId}`);
    expect(overview.progress).toMatchObject({ status: 'completed_with_failures', total: 40 });
    expect(overview.progress.succeeded + overview.progress.failed).toBe(40);
    expect(overview.paramNames).toEqual(['fast', 'slow']);
    expect(overview.etaSeconds).toBe(0);
  });

  it('ranks the leaderboard by any metric or parameter in either direction, filtered and paged by the server', async () => {
    const bySharpe = await json<{ total: number; runs: Run[] }>(`/api/sweeps/${sweepId}/runs?limit=10`);
    const sharpe = bySharpe.runs.map((r) => r.metrics.sharpe as number);
    expect(sharpe, 'best Sharpe first by default').toEqual([...sharpe].sort((a, b) => b - a));
    expect(bySharpe.runs).toHaveLength(10);

    const all = await json<{ total: number }>(`/api/sweeps/${sweepId}/runs?status=all`);
    expect(all.total).toBe(40);

    const filtered = await json<{ total: number; runs: Run[] }>(
      `/api/sweeps/${sweepId}/runs?sort=param.fast&dir=asc&min.param.slow=100&max.param.fast=30&limit=2&offset=1`,
    );
    expect(filtered.total, 'fast 10..30 × slow 120, 200').toBe(6);
    expect(filtered.runs.map((r) => [r.params.fast, r.params.slow])).toEqual([
      [10, 200],
      [20, 120],
    ]);
    expect(
      filtered.runs.every((r) =>
        /^\/queues\/queue\/runs\/[0-9a-f-]+\.\d+$/.test((r as { jobUrl?: string }).jobUrl ?? ''),
      ),
      'every run links to its job in Bull Board',
    ).toBe(true);
  });

  it('serves every metric of the metric table as a leaderboard column, sortable, with its value in every run', async () => {
    const { fields, metrics } = await json<{
      fields: string[];
      metrics: { name: string; label: string; format: string; source: string; description: string }[];
    }>('/api/sweeps/fields');
    expect(
      metrics.map((m) => m.name),
      'the page shows the columns the API lists, in table order',
    ).toEqual(MetricNames);
    for (const m of metrics) {
      const { column: _column, ...shown } = MetricTable[m.name as keyof typeof MetricTable];
      expect(m, 'how to show it, never where it is stored').toEqual({ name: m.name, ...shown });
    }
    for (const name of MetricNames) {
      expect(fields, `${name} can be filtered and charted`).toContain(name);
      const { runs } = await json<{ runs: (Run & Record<string, unknown>)[] }>(
        `/api/sweeps/${sweepId}/runs?sort=${name}&limit=100`,
      );
      const source = MetricTable[name].source;
      const values = runs.map((r) => (source === 'ledger' ? r[name] : r.metrics[name]));
      expect(
        values.every((v) => v !== undefined),
        `every run view carries ${name}`,
      ).toBe(true);
      const numbers = values.filter((v) => v !== null).map(Number);
      expect(numbers, `sorted by ${name}, descending by default`).toEqual([...numbers].sort((a, b) => b - a));
    }
  });

  it('aggregates a heatmap of a metric over two parameters in Postgres, optionally holding one fixed', async () => {
    const map = await json<{ cells: { x: number; y: number; value: number | null; runs: number }[] }>(
      `/api/sweeps/${sweepId}/heatmap?metric=totalReturn&x=fast&y=slow&agg=max`,
    );
    const succeeded = await json<{ total: number }>(`/api/sweeps/${sweepId}/runs`);
    expect(
      map.cells.reduce((n, c) => n + c.runs, 0),
      'every succeeded run falls in one cell',
    ).toBe(succeeded.total);
    expect(
      map.cells.every((c) => c.runs === 1),
      'two parameters swept: one run per cell',
    ).toBe(true);

    const fixed = await json<{ cells: { x: number; y: number }[] }>(
      `/api/sweeps/${sweepId}/heatmap?metric=sharpe&x=fast&y=slow&fixed.slow=200`,
    );
    expect(new Set(fixed.cells.map((c) => c.y))).toEqual(new Set([200]));
  });

  it("replays a run's equity curve through the engine and reproduces its stored final equity", async () => {
    const [best] = (await json<{ runs: Run[] }>(`/api/sweeps/${sweepId}/runs?limit=1`)).runs;
    const replay = await json<{
      reproduced: boolean;
      equityCurve: { time: number; equity: number; drawdown: number }[];
      buyAndHold: { time: number; equity: number }[];
    }>(`/api/sweeps/${sweepId}/runs/${best?.runIndex}/equity`);
    expect(replay.reproduced, 'the engine is deterministic').toBe(true);
    expect(
      replay.buyAndHold.map((p) => p.time),
      'the benchmark at every point of the curve',
    ).toEqual(replay.equityCurve.map((p) => p.time));
    expect(replay.buyAndHold[0]?.equity, 'both start with the same equity').toBe(replay.equityCurve[0]?.equity);
    const last = replay.buyAndHold.at(-1)?.equity as number;
    const excess =
      (replay.equityCurve.at(-1)?.equity as number) / (replay.equityCurve[0]?.equity as number) -
      last / (replay.buyAndHold[0]?.equity as number);
    expect(best?.metrics.excessReturn, 'excess return is the gap to the benchmark line').toBeCloseTo(excess, 6);
    expect(replay.equityCurve.length).toBeGreaterThan(100);
    expect(replay.equityCurve.length).toBeLessThanOrEqual(1000);
    expect(replay.equityCurve.every((p) => p.drawdown >= 0 && p.drawdown < 1)).toBe(true);
  });

  it('serves the validation of each group: N, DSR, PBO, the λ histogram, neighbours and the consistency matrix', async () => {
    const validation = await json<{
      groups: { symbol: string; trials: number; dsr: number; pbo: number; logitHistogram: { counts: number[] } }[];
      consistency: { symbols: string[]; rows: unknown[] }[];
    }>(`/api/sweeps/${sweepId}/validation`);
    const { total } = await json<{ total: number }>(`/api/sweeps/${sweepId}/runs?limit=1`);
    expect(
      validation.groups.map((g) => [g.symbol, g.trials]),
      'every succeeded run is a trial',
    ).toEqual([['ORCL', total]]);
    const [group] = validation.groups;
    expect(group?.pbo).toBeGreaterThanOrEqual(0);
    expect(group?.dsr).toBeGreaterThanOrEqual(0);
    expect(group?.logitHistogram.counts.reduce((a, b) => a + b, 0)).toBe(12_870);
    expect(validation.consistency[0]?.symbols).toEqual(['ORCL']);
  });

  it("serves a validated sweep's walk-forward: folds, chosen sets, out-of-sample metrics and stitched equity", async () => {
    type Curve = { time: number; equity: number }[];
    type Window = { start: string; end: string };
    const report = await json<{
      select: string;
      folds: number;
      groups: {
        strategy: string;
        symbol: string;
        folds: {
          fold: number;
          inSample: Window;
          outOfSample: Window;
          chosenRun: number | null;
          params: Record<string, number> | null;
          inSampleValue: number | null;
          outOfSampleRun: { runIndex: number; status: string; result?: { metrics: Record<string, number | null> } };
          inSampleEquity?: Curve;
          outOfSampleEquity?: Curve;
        }[];
        stitched: { folds: number[]; equity: Curve; totalReturn: number } | null;
      }[];
    }>(`/api/sweeps/${walkForwardId}/walk-forward`);
    expect(report.folds).toBe(4);
    expect(report.groups.map((g) => [g.strategy, g.symbol, g.folds.map((f) => f.fold)])).toEqual([
      ['sma_cross', 'ORCL', [0, 1, 2, 3]],
    ]);
    const [group] = report.groups;
    const inside = (curve: Curve | undefined, w: Window) =>
      (curve?.length ?? 0) > 100 &&
      (curve as Curve).every((p) => p.time >= Date.parse(w.start) && p.time < Date.parse(w.end) + 86_400_000);
    for (const f of group?.folds ?? []) {
      expect(f.chosenRun, `fold ${f.fold} chooses among its own 4 in-sample runs`).toBeGreaterThanOrEqual(4 * f.fold);
      expect(f.chosenRun).toBeLessThan(4 * f.fold + 4);
      expect(f.params).not.toBeNull();
      expect(f.inSampleValue).not.toBeNull();
      expect(f.outOfSampleRun).toMatchObject({ runIndex: 16 + f.fold, status: 'succeeded' });
      expect(f.outOfSampleRun.result?.metrics.totalReturn).toEqual(expect.any(Number));
      expect(inside(f.inSampleEquity, f.inSample), `fold ${f.fold}: in-sample curve inside its window`).toBe(true);
      expect(inside(f.outOfSampleEquity, f.outOfSample), `fold ${f.fold}: OOS curve inside its window`).toBe(true);
    }
    const curves = (group?.folds ?? []).map((f) => f.outOfSampleEquity as Curve);
    expect(group?.stitched?.folds).toEqual([0, 1, 2, 3]);
    expect(group?.stitched?.equity.length).toBe(curves.reduce((n, c) => n + c.length, 0));
    const compounded = curves.reduce((g, c) => (g * (c.at(-1) as Curve[0]).equity) / (c[0] as Curve[0]).equity, 1);
    expect(group?.stitched?.totalReturn, 'fold returns compounded').toBeCloseTo(compounded - 1, 9);
    const { runs } = await json<{ runs: (Run & { jobId: string })[] }>(
      `/api/sweeps/${walkForwardId}/runs?status=succeeded&limit=50`,
    );
    expect(
      runs
        .filter((r) => r.runIndex >= 16)
        .sort((a, b) => a.runIndex - b.runIndex)
        .map((r) => r.jobId),
      'the leaderboard links each out-of-sample run to its own job',
    ).toEqual([16, 17, 18, 19].map((i) => `${walkForwardId}.oos.${i}`));
    const unvalidated = await get(`/api/sweeps/${sweepId}/walk-forward`);
    expect(unvalidated.status, 'a sweep without a validation block has no walk-forward').toBe(409);
    expect(await unvalidated.json()).toMatchObject({ error: 'SweepStateError' });
  });

  it('lists failures grouped by reason, with the failed runs', async () => {
    const failures = await json<{ total: number; reasons: { code: string; runs: number }[]; runs: Run[] }>(
      `/api/sweeps/${sweepId}/failures`,
    );
    expect(failures.total, 'fast ≥ slow: 50/80 with fast 50..100, …').toBeGreaterThan(0);
    expect(failures.runs.every((r) => r.status === 'failed' && (r.params.fast ?? 0) >= (r.params.slow ?? 0))).toBe(
      true,
    );
    expect(failures.reasons.reduce((n, r) => n + r.runs, 0)).toBe(failures.total);
  });

  it('answers 400 for an unknown field or a malformed id and 404 for an unknown sweep or run, as JSON', async () => {
    const badField = await get(`/api/sweeps/${sweepId}/runs?sort=nonsense`);
    expect(badField.status).toBe(400);
    expect(await badField.json()).toMatchObject({ error: 'RunQueryError' });
    expect((await get(`/api/sweeps/${sweepId}/heatmap?x=fast&y=slow&metric=param.fast`)).status).toBe(400);
    for (const path of [
      `runs?sort=constructor`,
      `runs?sort=__proto__`,
      `runs?min.toString=1`,
      `heatmap?x=fast&y=slow&metric=constructor`,
    ]) {
      const response = await get(`/api/sweeps/${sweepId}/${path}`);
      expect(response.status, `${path}: a name on Object.prototype is no field`).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'RunQueryError' });
    }
    expect((await get('/api/sweeps/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/api/sweeps/not-a-uuid')).status).toBe(400);
    expect((await get(`/api/sweeps/${sweepId}/runs/999999/equity`)).status).toBe(404);
  });
});

describe('dashboard server on a portfolio sweep', () => {
  type PortfolioRun = Run & { universe: string | null };
  let portfolioId = '';

  beforeAll(async () => {
    // 2 rebalance periods × 2 universes: one equal_weight run per (universe, rebalance).
    ({ sweepId: portfolioId } = await seedSweep(
      db,
      {
        name: 'dashboard-portfolio-test',
        symbols: ['ORCL'],
        universes: { tech: ['NVDA', 'ORCL'], pair: ['ORCL', 'YHOO'] },
        start: '2005-01-01',
        end: '2008-12-31',
        commission: 0.001,
        // Submit records `portfolio` from the strategy registry; the seed takes the spec as stored.
        strategies: [{ name: 'equal_weight', portfolio: true, params: { rebalance: [21, 42] } }],
      },
      ['orcl-1995-2014', 'nvda-1999-2014', 'yhoo-1996-2014'].map((f) => `${samples}${f}.csv`),
    ));
  });

  it('filters the leaderboard by universe, each run view naming its universe', async () => {
    const all = await json<{ total: number; runs: PortfolioRun[] }>(`/api/sweeps/${portfolioId}/runs`);
    expect(all.total).toBe(4);
    const tech = await json<{ total: number; runs: PortfolioRun[] }>(`/api/sweeps/${portfolioId}/runs?universe=tech`);
    expect(tech.total).toBe(2);
    expect(tech.runs.map((r) => [r.universe, r.params.rebalance]).sort()).toEqual([
      ['tech', 21],
      ['tech', 42],
    ]);
  });

  it('aggregates a heatmap over universe, a categorical axis, beside a numeric parameter', async () => {
    const map = await json<{ cells: { x: string; y: number; value: number | null; runs: number }[] }>(
      `/api/sweeps/${portfolioId}/heatmap?metric=sharpe&x=universe&y=rebalance&agg=max`,
    );
    const { runs } = await json<{ runs: PortfolioRun[] }>(`/api/sweeps/${portfolioId}/runs?limit=10`);
    const sharpeAt = (universe: string, rebalance: number) =>
      runs.find((r) => r.universe === universe && r.params.rebalance === rebalance)?.metrics.sharpe;
    expect(
      map.cells.map((c) => [c.x, c.y, c.runs]),
      'one cell per (universe, rebalance), universes by name',
    ).toEqual([
      ['pair', 21, 1],
      ['pair', 42, 1],
      ['tech', 21, 1],
      ['tech', 42, 1],
    ]);
    for (const c of map.cells) expect(c.value, `${c.x} × ${c.y}`).toBeCloseTo(sharpeAt(c.x, c.y) as number, 9);
    expect(new Set(map.cells.map((c) => c.value)).size, 'the cells are not one repeated value').toBe(4);
  });
});
