import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@fleet/db';
import { Redis } from 'ioredis';
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

// The plugin lives under the repository (in the ignored .fleet folder) so its `@fleet/engine` import resolves.
const pluginDir = `${repoRoot}.fleet/`;
const env: FleetTestEnv = fleetTestEnv('module-cache');
const plugin = `${pluginDir}${env.FLEET_QUEUE_PREFIX}-strategy.mjs`;
env.FLEET_STRATEGY_MODULES = plugin;
const db = createDatabase({ url: env.DATABASE_URL });
const processes: FleetProcess[] = [];

/** A plugin strategy that is long while the close is above its `period` average; `threshold` is what its versions change. */
const pluginCode = (threshold: number) => `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';
registerStrategy(
  defineStrategy({
    name: 'cache_probe',
    description: 'Long above the moving average by a margin.',
    params: z.strictObject({ period: z.number().int().positive() }),
    paramDocs: { period: 'average length' },
    create: ({ period }, setup) => {
      const average = setup.sma(period);
      return {
        onBar(ctx) {
          const mean = average.at(0);
          if (Number.isNaN(mean)) return;
          const above = ctx.bars.close.at(0) > mean * ${threshold};
          if (above && ctx.position === 0) ctx.buy();
          else if (!above && ctx.position > 0) ctx.close();
        },
      };
    },
  }),
);
`;

let sweepPath: string;
const submit = async () => {
  const r = await runCli(['sweep', 'submit', sweepPath, '--wait', '--json'], env);
  expect(r.code, `${r.stderr}\n${processes.map((p) => p.output()).join('\n')}`).toBe(0);
  return lastJsonLine<{ sweepId: string; total: number; cached: number; status: string }>(r.stdout);
};
const equities = async (sweepId: string) =>
  (
    await db.selectFrom('runs').select('final_equity').where('sweep_id', '=', sweepId).orderBy('run_index').execute()
  ).map((r) => r.final_equity);

beforeAll(async () => {
  await mkdir(pluginDir, { recursive: true });
  await writeFile(plugin, pluginCode(1));
  const imported = await runCli(['data', 'import', `${repoRoot}data/samples/orcl-1995-2014.csv`, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  sweepPath = join(tmpdir(), `${env.FLEET_QUEUE_PREFIX}.json`);
  await writeFile(
    sweepPath,
    JSON.stringify({
      name: 'module-cache',
      symbols: ['ORCL'],
      start: '2000-01-01',
      end: '2014-12-31',
      strategies: [{ name: 'cache_probe', params: { period: [20, 50, 100] } }],
    }),
  );
  processes.push(startApp('aggregator', env), startApp('worker', env));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  const redis = new Redis(env.REDIS_URL);
  await deleteKeysWithPrefix(redis, env.FLEET_QUEUE_PREFIX);
  await redis.quit();
  await db.destroy();
});

describe("a plugin strategy's code is part of its runs' identity", () => {
  it('serves an unchanged module from the cache, and computes again once its code changed', async () => {
    const first = await submit();
    expect([first.status, first.total, first.cached]).toEqual(['completed', 3, 0]);
    const again = await submit();
    expect(again.cached, 'same code, same settings, same data: every run from the cache').toBe(3);
    expect(await equities(again.sweepId)).toEqual(await equities(first.sweepId));

    // A user edits the strategy and restarts the worker, as after any deploy.
    await (processes.pop() as FleetProcess).stop();
    await writeFile(plugin, pluginCode(1.02));
    processes.push(startApp('worker', env));
    const changed = await submit();
    expect(changed.cached, 'the changed module is computed again, never served stale').toBe(0);
    const status = await runCli(['sweep', 'status', changed.sweepId, '--json'], env);
    expect(lastJsonLine(status.stdout)).toMatchObject({ succeeded: 3, cached: 0 });

    const local = await runCli(
      [
        'backtest',
        '--symbol',
        'ORCL',
        '--from',
        '2000-01-01',
        '--to',
        '2014-12-31',
        '--strategy',
        'cache_probe',
        '--param',
        'period=20',
        '--json',
      ],
      env,
    );
    expect(local.code, local.stderr).toBe(0);
    const [stored] = await equities(changed.sweepId);
    expect(stored, 'the sweep reports what the new code computes').toBe(
      lastJsonLine<{ finalEquity: string }>(local.stdout).finalEquity,
    );
    expect(stored).not.toBe((await equities(first.sweepId))[0]);
  });
});
