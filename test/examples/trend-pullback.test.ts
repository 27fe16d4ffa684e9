import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { type BarSeries, runBacktest } from '@fleet/engine';
import { loadSampleSeries } from '@fleet/strategy-kit';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { trendPullback } from '../../examples/strategies/trend_pullback.js';
import { repoRoot } from '../support/fleet-processes.js';

const exampleFile = `${repoRoot}examples/strategies/trend_pullback.ts`;
const config = { strategy: 'trend_pullback', params: {}, cash: '100000' };
let series: BarSeries;

beforeAll(async () => {
  series = await loadSampleSeries();
});

/** Loads `source` with loadStrategyInCompartment in an engine thread of its own and runs `config` there. */
function runInCompartment(source: string): Promise<{ finalEquity: string; fills: number } | string> {
  const script = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { loadStrategyInCompartment } = await import(workerData.sandboxUrl);
  const { runBacktest } = await import(workerData.engineUrl);
  await loadStrategyInCompartment(workerData.source);
  const { finalEquity, fills } = runBacktest(workerData.series, workerData.config);
  return { finalEquity, fills };
})().then((result) => parentPort.postMessage(result), (error) => parentPort.postMessage(String(error.stack)));
`;
  const thread = new Worker(script, {
    eval: true,
    workerData: {
      source,
      series,
      config,
      sandboxUrl: `file://${repoRoot}packages/strategy-sandbox/dist/index.js`,
      engineUrl: `file://${repoRoot}packages/engine/dist/index.js`,
    },
  });
  return new Promise((resolve, reject) => {
    thread.once('message', (result) => {
      void thread.terminate();
      resolve(result);
    });
    thread.once('error', reject);
  });
}

describe('the README’s example strategy (examples/strategies/trend_pullback.ts)', () => {
  it('is printed in the README exactly as the file is, so the README shows code that runs', async () => {
    const [readme, example] = await Promise.all([
      readFile(`${repoRoot}README.md`, 'utf8'),
      readFile(exampleFile, 'utf8'),
    ]);
    expect(readme).toContain(`\`\`\`ts\n// examples/strategies/trend_pullback.ts\n${example}\`\`\``);
  });

  it('goes long through limit orders and short through stop orders on the sample series, and exits both', () => {
    const result = runBacktest(series, config);
    const sides = result.trades.map((trade) => trade.side);
    expect(sides.filter((side) => side === 'long').length, 'its only buy entries are limits').toBe(12);
    expect(sides.filter((side) => side === 'short').length, 'its only sell entries are stops, opening shorts').toBe(5);
    expect(result.fills, 'every entry was closed again: flat at the end').toBe(2 * result.closedTrades);
    expect(result.finalUnits).toBe('0');
    expect(result.finalEquity, 'golden: ORCL 2013–2014, default parameters, 100 units, no costs').toBe(
      '98999.046621133889',
    );
  });

  it('refuses parameters its schema forbids, naming the parameter', () => {
    expect(() => trendPullback.prepare({ trend: 20, channel: 20 })).toThrow(
      'trend_pullback.channel: must be less than trend',
    );
    expect(() => trendPullback.prepare({ pullback: 0 })).toThrow('trend_pullback.pullback');
    expect(() => trendPullback.prepare({ trend: 10.5 })).toThrow('trend_pullback.trend');
  });

  it('runs the same inside a ses Compartment, as a bundle of it would', async () => {
    const source = ts.transpileModule(await readFile(exampleFile, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const plain = runBacktest(series, config);
    expect(await runInCompartment(source)).toEqual({ finalEquity: plain.finalEquity, fills: plain.fills });
  });
});
