import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FleetTestEnv, fleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';

const env: FleetTestEnv = fleetTestEnv('portfolio-backtest');

/**
 * The shared price files beside the checkout (as CI lays them) or on the workstation; the command below names them
 * as `../shared/data/…`, so it runs from a directory whose parent holds `shared/`: `shared/` itself.
 */
const sharedData = [join(repoRoot, '../shared/data'), '/work/shared/data'].find((dir) =>
  existsSync(join(dir, 'goog-2004-2013.csv')),
);

interface PortfolioJson {
  finalEquity: string;
  closedTrades: number;
  rejectedOrders: number;
  fills: number;
  finalUnits: Record<string, string>;
  symbols: { symbol: string; pnl: string; fills: number }[];
}

const universe = ['orcl-1995-2014', 'nvda-1999-2014', 'yhoo-1996-2014', 'goog-2004-2013'];
const rest =
  '--from 2004-08-19 --to 2013-03-01 --strategy equal_weight --param rebalance=21 --cash 100000 --commission 0.001 --json';

describe('fleet backtest over several --data files', () => {
  it("gives the issue's check figures for the exact command, on the shared data", async () => {
    expect(sharedData, 'the shared price files are beside the checkout or at /work/shared').toBeDefined();
    const command = [...universe.flatMap((name) => ['--data', `../shared/data/${name}.csv`]), ...rest.split(' ')];
    const run = await runCli(['backtest', ...command], env, dirname(sharedData as string));
    expect(run.code, run.stderr).toBe(0);
    const result = lastJsonLine<PortfolioJson>(run.stdout);
    expect(Math.abs(Number(result.finalEquity) - 397204.86), result.finalEquity).toBeLessThanOrEqual(0.01);
    expect([result.closedTrades, result.fills, result.rejectedOrders]).toEqual([0, 402, 5]);
    expect(result.finalUnits).toEqual({ GOOG: '122', NVDA: '7826', ORCL: '2819', YHOO: '4617' });
  });

  it('takes the symbol from SYM=FILE and refuses a single-symbol strategy over several files', async () => {
    const data = (name: string) => `${repoRoot}data/samples/${name}.csv`;
    const named = await runCli(
      ['backtest', '--data', `GOOGLE=${data('goog-2004-2013')}`, '--data', data('orcl-1995-2014'), ...rest.split(' ')],
      env,
    );
    expect(named.code, named.stderr).toBe(0);
    expect(Object.keys(lastJsonLine<PortfolioJson>(named.stdout).finalUnits)).toEqual(['GOOGLE', 'ORCL']);

    const refused = await runCli(
      [
        'backtest',
        '--data',
        data('goog-2004-2013'),
        '--data',
        data('orcl-1995-2014'),
        '--strategy',
        'sma_cross',
        '--json',
      ],
      env,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/sma_cross trades one symbol/);
    expect(refused.stdout).toBe('');
  });
});
