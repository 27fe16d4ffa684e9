import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FleetTestEnv, fleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';

const env: FleetTestEnv = fleetTestEnv('strategy-new');
// Under the repository (in the ignored .fleet folder), where a user's strategies live, so imports resolve as theirs do.
const dir = `${repoRoot}.fleet/${env.FLEET_QUEUE_PREFIX}-strategies`;

/** Runs the scaffold's test as the README says (`npm run test:strategy -- DIR`), in a process of its own. */
function runStrategyTests(): Promise<{ code: number | null; output: string }> {
  const vitest = `${repoRoot}node_modules/vitest/vitest.mjs`;
  const config = `${repoRoot}packages/strategy-kit/vitest.config.ts`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitest, 'run', '--config', config, '--dir', dir], {
      cwd: repoRoot,
      // The child is a vitest of its own, not a worker of this one, and prints plain text to match on.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|FORCE_COLOR)/.test(key))),
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fleet strategy new', () => {
  it('scaffolds a strategy whose own test passes as generated, and fails once the strategy stops trading', async () => {
    const created = await runCli(['strategy', 'new', 'scaffold_probe', '--dir', dir, '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(lastJsonLine(created.stdout)).toEqual({
      name: 'scaffold_probe',
      strategyFile: `${dir}/scaffold_probe.ts`,
      testFile: `${dir}/scaffold_probe.test.ts`,
    });

    const generated = await runStrategyTests();
    expect(generated.code, generated.output).toBe(0);
    expect(generated.output).toMatch(/Tests\s+3 passed/);

    const strategyFile = `${dir}/scaffold_probe.ts`;
    const source = await readFile(strategyFile, 'utf8');
    expect(source).toContain('ctx.buy()');
    await writeFile(strategyFile, source.replace('ctx.buy()', 'void 0'));
    const broken = await runStrategyTests();
    expect(broken.code, 'a strategy that never trades must fail its generated test').not.toBe(0);
    expect(broken.output).toContain('trades on the sample series');
  });

  it('refuses to overwrite an existing strategy with one line on stderr and a non-zero exit', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/kept.ts`, 'my strategy\n');
    const again = await runCli(['strategy', 'new', 'kept', '--dir', dir], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`error: ${dir}/kept.ts already exists; nothing was written\n`);
    expect(await readFile(`${dir}/kept.ts`, 'utf8')).toBe('my strategy\n');
    expect((await readdir(dir)).filter((file) => file.startsWith('kept'))).toEqual(['kept.ts']);
  });

  it('refuses a name that is not a strategy name', async () => {
    const bad = await runCli(['strategy', 'new', 'Mean-Revert', '--dir', dir], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: strategy name 'Mean-Revert' must be lower case[^\n]*\n$/);
  });
});
