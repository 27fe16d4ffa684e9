import { resolveSettings, type SettingName, SettingNames, SettingTable } from '@fleet/contracts';
import { type BarSeries, runBacktest } from '@fleet/engine';
import { readBarsFile } from '@fleet/market-data';
import { engineConfig, returnMetricsOf } from '@fleet/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FleetTestEnv, fleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';

const env: FleetTestEnv = fleetTestEnv('backtest-settings');
const file = `${repoRoot}data/samples/orcl-1995-2014.csv`;
const strategy = ['--strategy', 'sma_cross', '--param', 'fast=10', '--param', 'slow=30'];

/** A value for each setting's flag that changes the result, and the flags it needs beside it; typed over every setting. */
const flags: { [K in SettingName]: { value: string; with?: Record<string, string> } } = {
  cash: { value: '20000' },
  size: { value: '40' },
  sizePercent: { value: '25' },
  sizeCash: { value: '5000' },
  commission: { value: '0.002' },
  commissionPerShare: { value: '0.05' },
  commissionFixed: { value: '9.5' },
  commissionMin: { value: '15', with: { commissionPerShare: '0.01' } },
  slippageBps: { value: '20' },
  stopLoss: { value: '0.03' },
  takeProfit: { value: '0.1' },
  maxPosition: { value: '0.01' },
  riskFreeRate: { value: '0.03' },
  barsPerYear: { value: '365' },
};

type Printed = { finalEquity: string; closedTrades: number; winningTrades: number; metrics: Record<string, unknown> };
const figures = (r: Printed) => ({
  finalEquity: r.finalEquity,
  closedTrades: r.closedTrades,
  winningTrades: r.winningTrades,
  metrics: r.metrics,
});
const argsOf = (settings: Record<string, string>) =>
  Object.entries(settings).flatMap(([key, value]) => [SettingTable[key as SettingName].flag, value]);

let series: BarSeries;
let baseline: Printed;

beforeAll(async () => {
  const parsed = await readBarsFile(file);
  const column = (pick: (b: (typeof parsed.bars)[number]) => number) => Float64Array.from(parsed.bars, pick);
  series = {
    symbol: parsed.symbol,
    interval: parsed.interval,
    length: parsed.bars.length,
    time: column((b) => b.time),
    open: column((b) => Number(b.open)),
    high: column((b) => Number(b.high)),
    low: column((b) => Number(b.low)),
    close: column((b) => Number(b.close)),
    volume: column((b) => Number(b.volume)),
  };
  const cli = await runCli(['backtest', '--data', file, ...strategy, '--json'], env);
  expect(cli.code, cli.stderr).toBe(0);
  baseline = lastJsonLine<Printed>(cli.stdout);
});

describe('fleet backtest takes every setting as a flag', () => {
  it.each(SettingNames)('%s: the flag reaches the engine as the table maps it', async (key) => {
    const { value, with: beside = {} } = flags[key];
    const settings = { ...beside, [key]: value };
    const cli = await runCli(['backtest', '--data', file, ...strategy, ...argsOf(settings), '--json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const printed = lastJsonLine<Printed>(cli.stdout);
    const given = Object.fromEntries(
      Object.entries(settings).map(([k, v]) => [k, SettingTable[k as SettingName].kind === 'number' ? Number(v) : v]),
    );
    const config = engineConfig(resolveSettings(given), 'sma_cross', { fast: 10, slow: 30 });
    const result = runBacktest(series, config);
    // The engine's figures, and the metrics a worker adds from the run's per-bar equity, as a stored run has them.
    const expected = { ...result, metrics: { ...result.metrics, ...returnMetricsOf(series, config) } };
    expect(figures(printed)).toEqual(figures(expected as unknown as Printed));
    expect(JSON.stringify(figures(printed)), `${SettingTable[key].flag} changes the result`).not.toBe(
      JSON.stringify(figures(baseline)),
    );
  });

  it.each([
    [['--commission', '1.5'], '--commission: must be < 1 (a fraction of notional)'],
    [['--size-percent', '0'], '--size-percent: must be > 0 and <= 100'],
    [['--size-percent', '150'], '--size-percent: must be > 0 and <= 100'],
    [['--stop-loss', '1'], '--stop-loss: must be > 0 and < 1'],
    [['--max-position', '2'], '--max-position: must be > 0 and <= 1'],
    [
      ['--size', '10', '--size-cash', '500'],
      '--size-cash: give only one sizing setting: size and sizeCash exclude each other',
    ],
    [
      ['--commission', '0.001', '--commission-per-share', '0.01'],
      '--commission-per-share: give only one commission setting: commission and commissionPerShare exclude each other',
    ],
    [
      ['--commission-fixed', '1', '--commission-min', '2'],
      '--commission-min: a minimum applies to commission or commissionPerShare, not to commissionFixed',
    ],
    [['--take-profit', 'abc'], "option '--take-profit <F>' argument 'abc' is invalid. must be a number"],
  ])('refuses %j with the flag named, in one line', async (args, message) => {
    const cli = await runCli(['backtest', '--data', file, ...strategy, ...args, '--json'], env);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.trim().split('\n')[0]).toContain(message);
  });
});
