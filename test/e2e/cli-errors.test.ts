import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, createSweep, storeRunOutcomes } from '@fleet/db';
import { freePort } from '@fleet/local-services';
import { afterAll, describe, expect, it } from 'vitest';
import { type FleetProcess, fleetTestEnv, repoRoot, runCli, startApp } from '../support/fleet-processes.js';

const env = fleetTestEnv('errors');
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await db.destroy();
});

/** Resolves once a process has printed text matching `pattern`. */
function printed(process: FleetProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (pattern.test(process.output()) ? resolve() : setTimeout(check, 100));
    check();
  });
}

describe('errors a person reads', () => {
  it('names Postgres, its host and its setting when it is unreachable', async () => {
    const port = await freePort();
    const r = await runCli(['sweep', 'list'], { ...env, DATABASE_URL: `postgres://root@127.0.0.1:${port}/fleet` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot reach Postgres at 127.0.0.1:${port} (ECONNREFUSED); is it running, and is DATABASE_URL right?\n`,
    );
  });

  it('names Redis when it is unreachable at submit, and writes nothing', async () => {
    const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`], env);
    expect(imported.code, imported.stderr).toBe(0);
    const file = join(await mkdtemp(join(tmpdir(), 'fleet-errors-')), 'sweep.json');
    const name = `no-redis-${env.FLEET_QUEUE_PREFIX}`;
    await writeFile(
      file,
      JSON.stringify({
        name,
        symbols: ['ORCL'],
        start: '2005-01-01',
        end: '2006-12-31',
        strategies: [{ name: 'buy_and_hold' }],
      }),
    );
    const port = await freePort();
    const r = await runCli(['sweep', 'submit', file], { ...env, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot reach Redis at 127.0.0.1:${port} (no answer after retries); is it running, and is REDIS_URL right?\n`,
    );
    expect(await db.selectFrom('sweeps').select('id').where('name', '=', name).execute()).toEqual([]);
  });

  it.each(['worker', 'aggregator', 'dashboard'] as const)(
    'the %s prints a bad environment variable on one line and exits 1',
    async (app) => {
      const started = startApp(app, { ...env, LOG_LEVEL: 'loud' });
      const code = await new Promise((resolve) => started.child.on('exit', resolve));
      expect(code).toBe(1);
      expect(started.output()).toMatch(new RegExp(`^${app}: invalid environment: [^\\n]*LOG_LEVEL: [^\\n]+\\n$`));
    },
  );

  it.each(['worker', 'aggregator'] as const)(
    'the %s says Postgres is unreachable and keeps retrying instead of reporting ready',
    async (app) => {
      const port = await freePort();
      const started = startApp(app, { ...env, DATABASE_URL: `postgres://root@127.0.0.1:${port}/fleet` });
      processes.push(started);
      await printed(started, /"attempt":2[^\n]*cannot reach Postgres at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      expect(started.output()).toContain(`cannot reach Postgres at 127.0.0.1:${port} (ECONNREFUSED)`);
      expect(started.output()).not.toMatch(/ready/);
      await started.stop();
    },
  );

  it('exits quietly when the reader of an export stops early (| head)', async () => {
    const id = 'e9190000-0000-4000-8000-000000000001';
    const spec = {
      name: 'epipe',
      symbols: ['ORCL'],
      interval: '1d',
      start: '2005-01-01',
      end: '2006-12-31',
      strategies: [
        { name: 'sma_cross', params: { fast: { from: 1, to: 100, step: 1 }, slow: { from: 101, to: 200, step: 1 } } },
      ],
    };
    await createSweep(db, {
      id,
      idempotencyKey: null,
      name: 'epipe',
      spec,
      total: 10_000,
      jobs: 1,
      runsPerJob: 10_000,
    });
    for (let start = 0; start < 10_000; start += 5_000) {
      await storeRunOutcomes(
        db,
        Array.from({ length: 5_000 }, (_, i) => ({
          sweepId: id,
          runIndex: start + i,
          strategy: 'sma_cross',
          symbol: 'ORCL',
          params: { fast: 1 + Math.floor((start + i) / 100), slow: 101 + ((start + i) % 100) },
          durationMs: 1,
          engineVersion: '1.0.0',
          codeVersion: 'test',
          status: 'failed' as const,
          error: { name: 'E', code: 'C', message: 'synthetic' },
        })),
      );
    }
    const child = spawn(process.execPath, [`${repoRoot}apps/producer/dist/main.js`, 'sweep', 'export', id], {
      cwd: repoRoot,
      env: { ...process.env, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // What `head` does: read a little, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('resolves file paths from where `npm run fleet` was started, not the repository root', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleet-cwd-'));
    await writeFile(join(dir, 'here.json'), JSON.stringify({ name: 'x' }));
    const r = await runCli(['sweep', 'submit', 'here.json'], { ...env, npm_lifecycle_event: 'fleet', INIT_CWD: dir });
    expect(r.code).toBe(1);
    expect(r.stderr, 'the file was found and read').toMatch(/^error: here\.json: \d+ problems:/);
  });
});
