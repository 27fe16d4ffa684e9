import { describe, expect, it } from 'vitest';
import { type FleetTestEnv, fleetTestEnv, lastJsonLine, repoRoot, runCli } from '../support/fleet-processes.js';

const env: FleetTestEnv = fleetTestEnv('backtest');
const orcl = ['--data', `${repoRoot}data/samples/orcl-1995-2014.csv`];
const smaCross = ['--strategy', 'sma_cross', '--param', 'fast=10', '--param', 'slow=30'];
const costs = ['--size', '100', '--commission', '0.001', '--cash', '100000'];

interface BacktestJson {
  finalEquity: string;
  closedTrades: number;
  winningTrades: number;
  rejectedOrders: number;
  fills: number;
  finalUnits: Record<string, string>;
}

async function backtestJson(...extra: string[]): Promise<BacktestJson> {
  const run = await runCli(['backtest', ...orcl, ...smaCross, ...costs, ...extra, '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return lastJsonLine<BacktestJson>(run.stdout);
}

describe('fleet backtest', () => {
  it('matches backtrader on ORCL with a 2 % stop-loss, the stops never flipping the position', async () => {
    const result = await backtestJson('--stop-loss', '0.02');
    expect(Math.abs(Number(result.finalEquity) - 101050.21), result.finalEquity).toBeLessThanOrEqual(0.01);
    expect([result.closedTrades, result.winningTrades]).toEqual([97, 18]);
  });

  it('reports fills, rejections and the signed units held at the end', async () => {
    const result = await backtestJson();
    expect(result.finalEquity, 'the parity figure without a stop-loss').toBe('102302.3329537');
    expect(result.rejectedOrders).toBe(0);
    expect(result.fills, '97 round trips plus the entry still open at the end').toBe(195);
    expect(result.finalUnits).toEqual({ ORCL: '100' });
  });

  it('passes --take-profit to the engine', async () => {
    const plain = await backtestJson();
    const limited = await backtestJson('--take-profit', '0.05');
    expect(limited.finalEquity).not.toBe(plain.finalEquity);
  });

  it('refuses a stop-loss outside (0, 1) with the flag named, and prints no result', async () => {
    const run = await runCli(['backtest', ...orcl, ...smaCross, '--stop-loss', '1.5', '--json'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--stop-loss/);
    expect(run.stdout).toBe('');
  });
});
