import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FleetProcess,
  type FleetTestEnv,
  fleetTestEnv,
  lastJsonLine,
  repoRoot,
  runCli,
  startApp,
} from '../support/fleet-processes.js';
import { deleteKeysWithPrefix } from '../support/services.js';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = join(repoRoot, 'test-results', 'dashboard');
const credentials = { username: 'quant', password: 'e2e-only-password' };

/** A port free right now on loopback, for processes that must not collide with other test runs on this machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until a URL answers 200 (hooks cannot use expect.poll). */
async function waitForHttp(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(url).catch(() => undefined))?.status !== 200) {
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const env: FleetTestEnv = fleetTestEnv('browser', {
  // A strategy that always throws gives the sweep failed runs to show (the CLI refuses invalid parameters up front).
  FLEET_STRATEGY_MODULES: `${repoRoot}test/chaos/poison-strategies.mjs`,
});
const processes: FleetProcess[] = [];
const ports = { dashboard: 0, worker: 0, aggregator: 0 };
let browser: Browser | undefined;
let sweepId = '';
const dashboard = (path: string) => `http://127.0.0.1:${ports.dashboard}${path}`;
const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
const logs = () => processes.map((p) => p.output()).join('\n');

describe('the dashboard shows a finished sweep in a real browser', () => {
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing (scripts/provision-chromium.sh installs it)`).toBe(true);
    await mkdir(artifacts, { recursive: true });
    [ports.dashboard, ports.worker, ports.aggregator] = await Promise.all([freePort(), freePort(), freePort()]);
    const imported = await runCli(
      ['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, `${repoRoot}data/samples/nvda-1999-2014.csv`],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    processes.push(
      startApp('aggregator', { ...env, METRICS_PORT: String(ports.aggregator) }),
      startApp('worker', { ...env, METRICS_PORT: String(ports.worker) }),
      startApp('dashboard', {
        ...env,
        PORT: String(ports.dashboard),
        DASHBOARD_USER: credentials.username,
        DASHBOARD_PASSWORD: credentials.password,
      }),
    );
    const file = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}.json`);
    // (31 fast < slow pairs + 1 poison run) × 2 symbols = 64 runs, 2 of them failed.
    await writeFile(
      file,
      JSON.stringify({
        name: 'browser-e2e',
        symbols: ['ORCL', 'NVDA'],
        start: '2003-01-01',
        end: '2014-12-31',
        cash: 100000,
        commission: 0.001,
        strategies: [
          {
            name: 'sma_cross',
            params: { fast: { from: 10, to: 100, step: 10 }, slow: [50, 80, 150, 200] },
            where: 'fast < slow',
          },
          { name: 'poison_throw', params: {} },
        ],
      }),
    );
    const submitted = await runCli(['sweep', 'submit', file, '--wait', '--json', '--runs-per-job', '8'], env);
    expect(submitted.code, `${submitted.stderr}\n${logs()}`).toBe(0);
    const result = lastJsonLine<{ sweepId: string; status: string; traceId: string }>(submitted.stdout);
    expect(result.status).toBe('completed_with_failures');
    expect(result.traceId, 'the submit reports the trace its jobs carry').toMatch(/^[0-9a-f]{32}$/);
    sweepId = result.sweepId;
    await waitForHttp(dashboard('/healthz'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(processes.map((p) => p.stop()));
    const redis = new Redis(env.REDIS_URL);
    await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
    await redis.quit();
  });

  it('refuses every page and the API without credentials', async () => {
    for (const path of ['/sweeps', `/sweeps/${sweepId}`, `/api/sweeps/${sweepId}/runs`, '/queues']) {
      const response = await fetch(dashboard(path));
      expect(response.status, path).toBe(401);
    }
    expect((await fetch(dashboard('/sweeps'), { headers: { authorization: basic } })).status).toBe(200);
  });

  it('exposes health, readiness and the named series on /metrics of the worker, the aggregator and the dashboard', async () => {
    const scrape = async (port: number) => {
      for (const probe of ['/healthz', '/readyz'])
        expect((await fetch(`http://127.0.0.1:${port}${probe}`)).status, `${port}${probe}\n${logs()}`).toBe(200);
      return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    };
    const worker = await scrape(ports.worker);
    for (const series of [
      'fleet_runs_completed_total{strategy="sma_cross",service="worker"}',
      'fleet_runs_failed_total{strategy="poison_throw",service="worker"} 2',
      'fleet_runs_retried_total',
      'fleet_run_duration_seconds_bucket',
      'fleet_bars_processed_total{strategy="sma_cross",service="worker"}',
      'fleet_data_cache_hits_total',
      'fleet_data_cache_misses_total',
    ])
      expect(worker, series).toContain(series);
    const aggregator = await scrape(ports.aggregator);
    for (const series of [
      'fleet_aggregator_batch_size_count',
      'fleet_aggregator_batch_duration_seconds_bucket',
      'fleet_aggregator_rows_total{result="inserted",service="aggregator"} 64',
      'fleet_queue_jobs{queue="runs",state="waiting",service="aggregator"}',
      'fleet_queue_oldest_waiting_age_seconds{queue="runs",service="aggregator"}',
      `fleet_sweep_completeness{sweep_id="${sweepId}",service="aggregator"} 1`,
      'fleet_pg_pool_clients{state="active",service="aggregator"}',
    ])
      expect(aggregator, series).toContain(series);
    const fromDashboard = await (await fetch(dashboard('/metrics'))).text();
    expect(fromDashboard).toContain(`fleet_sweep_runs_stored{sweep_id="${sweepId}",service="dashboard"} 64`);
    expect((await fetch(dashboard('/readyz'))).status).toBe(200);
  });

  it('lists the sweep, ranks its leaderboard, draws the heatmap and the equity curve of the best run', async () => {
    const context = await (browser as Browser).newContext({
      httpCredentials: credentials,
      viewport: { width: 1400, height: 1000 },
    });
    const page: Page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(dashboard('/sweeps'));
    await page.locator('#sweeps tbody tr', { hasText: 'browser-e2e' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'sweep-list.png') });

    await page.locator('#sweeps a', { hasText: 'browser-e2e' }).first().click();
    await page.waitForSelector('body[data-ready="true"]');
    const sharpe = async () => {
      const column = await page.locator('#leaderboard thead th').allTextContents();
      const at = column.findIndex((text) => text.trim().startsWith('Sharpe'));
      return page
        .locator(`#leaderboard tbody tr td:nth-child(${at + 1})`)
        .allTextContents()
        .then((cells) => cells.map((c) => Number(c.replaceAll(',', ''))));
    };
    const ranked = await sharpe();
    expect(ranked.length, 'the finished sweep has succeeded runs on its first page').toBeGreaterThan(10);
    expect(ranked, 'best Sharpe first').toEqual([...ranked].sort((a, b) => b - a));
    expect(await page.locator('#sweep-status').textContent()).toContain('completed with failures');

    await expect
      .poll(() => page.locator('#equity-note').textContent(), { timeout: 15_000 })
      .toContain('identical to the stored result');
    const drawn = await page.evaluate(() => {
      const charts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): unknown } } })
        .echarts;
      const series = (id: string) =>
        (
          charts.getInstanceByDom(document.getElementById(id) as Element).getOption() as {
            series: { data: unknown[] }[];
          }
        ).series.map((s) => s.data.length);
      return { heatmap: series('heatmap'), equity: series('equity'), lambda: series('lambda-histogram') };
    });
    expect(drawn.heatmap[0], 'fast × slow cells with succeeded runs').toBeGreaterThan(10);
    expect(drawn.equity[0], 'equity points').toBeGreaterThan(100);
    expect(drawn.equity[1], 'a buy-and-hold point for each equity point').toBe(drawn.equity[0]);
    expect(drawn.equity[2], 'as many drawdown points').toBe(drawn.equity[0]);
    expect(drawn.lambda[0], 'the λ histogram has its 20 bins').toBe(20);
    const validation = await page.locator('#validation-stats').textContent();
    for (const label of ['Trials (N)', 'PSR(0)', 'DSR', 'PBO', 'Median λ', 'Stability'])
      expect(validation, `the validation panel shows ${label}`).toContain(label);
    expect(await page.locator('#validation-group option').allTextContents()).toEqual([
      'sma_cross · NVDA',
      'sma_cross · ORCL',
    ]);
    expect(await page.locator('#consistency tbody tr').count(), 'parameter sets × symbols').toBeGreaterThan(0);
    expect(await page.locator('#lambda-histogram canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#heatmap canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#failures tbody tr').count(), 'failed runs are listed with reasons').toBeGreaterThan(0);
    const jobLink = await page.locator('#leaderboard tbody tr td a').first().getAttribute('href');
    expect(jobLink).toMatch(new RegExp(`^/queues/queue/runs/${sweepId}\\.\\d+$`));
    await page.screenshot({ path: join(artifacts, 'sweep-page.png'), fullPage: true });

    await page.locator('#leaderboard thead th', { hasText: 'Sharpe' }).click();
    await page.locator('#leaderboard thead th.sorted-asc', { hasText: 'Sharpe' }).waitFor();
    const ascending = await sharpe();
    expect(ascending, 'a second click on the header ranks worst first').toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0], 'the server sorted the whole sweep, not the page').toBeLessThan(ranked.at(-1) as number);
    await page.locator('#hm-metric').selectOption('totalReturn');
    await page.locator('#heatmap').screenshot({ path: join(artifacts, 'heatmap-total-return.png') });
    await page.locator('#equity').screenshot({ path: join(artifacts, 'equity-curve.png') });
    expect(problems, 'no script errors on the pages').toEqual([]);
    await context.close();
  });
});
