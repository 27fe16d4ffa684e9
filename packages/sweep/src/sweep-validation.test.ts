import { fileURLToPath } from 'node:url';
import { createDatabase, findValidationTrials } from '@fleet/db';
import {
  blockStats,
  deflatedSharpeRatio,
  perBarSharpe,
  probabilisticSharpeRatio,
  probabilityOfBacktestOverfitting,
  sampleVariance,
  sharpeEstimate,
} from '@fleet/validation';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedSweep } from '../../../test/support/seed-sweep.js';
import { groupReturns, writeReturnsCsv } from './group-returns.js';
import { sweepValidation } from './sweep-validation.js';

const samples = fileURLToPath(new URL('../../../data/samples/', import.meta.url));
const db = createDatabase({ url: inject('databaseUrl') });
let sweepId = '';
let walkForwardId = '';

beforeAll(async () => {
  // 6 fast × 5 slow = 30 trials per symbol, two symbols: two groups, and a matrix across them.
  ({ sweepId } = await seedSweep(
    db,
    {
      name: 'validation-stats-test',
      symbols: ['ORCL', 'NVDA'],
      start: '2004-01-01',
      end: '2011-12-31',
      commission: 0.001,
      strategies: [
        { name: 'sma_cross', params: { fast: { from: 5, to: 30, step: 5 }, slow: { from: 40, to: 200, step: 40 } } },
      ],
    },
    [`${samples}orcl-1995-2014.csv`, `${samples}nvda-1999-2014.csv`],
    30,
  ));
  // 2 × 2 sets, 2 years in sample then 1 out of sample, stepped yearly from 2006: 3 folds, 12 + 3 runs.
  ({ sweepId: walkForwardId } = await seedSweep(
    db,
    {
      name: 'validation-stats-walk-forward',
      symbols: ['ORCL'],
      start: '2004-01-01',
      end: '2008-12-31',
      strategies: [{ name: 'sma_cross', params: { fast: [10, 20], slow: [50, 100] } }],
      validation: { walkForward: { train: '2y', test: '1y', step: '1y' }, select: 'sharpe', minTrades: 1 },
    },
    [],
    4,
  ));
});
afterAll(() => db.destroy());

/** The CSV export read back as a reader with their own tools would: times and one column of numbers per run. */
async function exportedMatrix(symbol: string): Promise<{ header: string[]; columns: Float64Array[] }> {
  let csv = '';
  await writeReturnsCsv(await groupReturns(db, sweepId, { strategy: 'sma_cross', symbol }), async (chunk) => {
    csv += chunk;
  });
  const lines = csv.trimEnd().split('\n');
  const header = (lines[0] as string).split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const columns = header.slice(1).map((_, k) => Float64Array.from(rows, (cells) => Number(cells[k + 1])));
  return { header, columns };
}

/** λ of one CSCV split straight from the definition, on the returns themselves. */
function directLogit(matrix: readonly Float64Array[], inSampleMask: number): number {
  const total = (matrix[0] as Float64Array).length;
  const length = Math.floor(total / 16);
  const offset = total - 16 * length;
  const half = (returns: Float64Array, inSample: boolean) =>
    Float64Array.from(
      Array.from({ length: 16 }, (_, b) => b)
        .filter((b) => Boolean(inSampleMask & (1 << b)) === inSample)
        .flatMap((b) => Array.from(returns.subarray(offset + b * length, offset + (b + 1) * length))),
    );
  const inSample = matrix.map((r) => perBarSharpe(half(r, true)));
  const outOfSample = matrix.map((r) => perBarSharpe(half(r, false)));
  const target = outOfSample[inSample.indexOf(Math.max(...inSample))] as number;
  const rank = outOfSample.filter((s) => s < target).length + (outOfSample.filter((s) => s === target).length + 1) / 2;
  const omega = rank / (matrix.length + 1);
  return Math.log(omega / (1 - omega));
}

describe('sweepValidation and the exported returns matrix', () => {
  it('gives each strategy × symbol group its N, best row by sharpe, PSR(0), DSR, PBO and median λ', async () => {
    const { groups, selection, consistency } = await sweepValidation(db, sweepId);
    expect(selection).toEqual({ select: 'sharpe', minTrades: 0 });
    expect(groups.map((g) => [g.strategy, g.symbol, g.trials])).toEqual([
      ['sma_cross', 'NVDA', 30],
      ['sma_cross', 'ORCL', 30],
    ]);
    for (const group of groups) {
      const trials = await findValidationTrials(db, sweepId, group);
      const top = Math.max(...trials.map((t) => t.result.metrics.sharpe ?? Number.NEGATIVE_INFINITY));
      expect(group.best?.value, `${group.symbol}: the best row has the highest sharpe`).toBe(top);
      expect(group.best?.runIndex).toBe(trials.find((t) => t.result.metrics.sharpe === top)?.runIndex);
      for (const figure of [group.psr, group.dsr, group.pbo] as number[]) {
        expect(figure).toBeGreaterThanOrEqual(0);
        expect(figure).toBeLessThanOrEqual(1);
      }
      expect(group.dsr as number, 'deflating for 30 trials lowers the probability').toBeLessThan(group.psr as number);
      expect(group.logitHistogram?.counts.reduce((a, b) => a + b, 0)).toBe(12_870);
    }
    expect(consistency[0]?.symbols).toEqual(['NVDA', 'ORCL']);
    expect(consistency[0]?.parameterSets).toBe(30);
  });

  it('exports a returns matrix that reproduces the stored PBO and DSR, and stored block statistics equal its own', async () => {
    const { groups } = await sweepValidation(db, sweepId, { symbol: 'ORCL' });
    const group = groups[0];
    const { header, columns } = await exportedMatrix('ORCL');
    const trials = await findValidationTrials(db, sweepId, { symbol: 'ORCL' });
    expect(header.slice(1).map(Number), 'one column per run index, in order').toEqual(trials.map((t) => t.runIndex));

    for (const [k, trial] of trials.entries()) {
      const direct = blockStats(columns[k] as Float64Array);
      const stored = trial.returnStatistics?.blocks as number[];
      for (let i = 0; i < 48; i++) {
        expect(Math.abs((stored[i] as number) - (direct[i] as number)), `run ${trial.runIndex} stat ${i}`).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(direct[i] as number)),
        );
      }
    }
    const sharpes = columns.map((c) => perBarSharpe(c));
    const bestColumn = columns[header.indexOf(String(group?.best?.runIndex)) - 1] as Float64Array;
    const estimate = sharpeEstimate(bestColumn);
    const dsr = deflatedSharpeRatio(estimate, { trials: columns.length, sharpeVariance: sampleVariance(sharpes) });
    expect(Math.abs((group?.dsr as number) - dsr), 'DSR from the CSV').toBeLessThan(1e-12);
    expect(Math.abs((group?.psr as number) - probabilisticSharpeRatio(estimate)), 'PSR(0) from the CSV').toBeLessThan(
      1e-12,
    );
    const pbo = probabilityOfBacktestOverfitting(columns.map((c) => blockStats(c)));
    expect(Math.abs((group?.pbo as number) - pbo.pbo), 'PBO from the CSV').toBeLessThan(1e-12);
    expect(Math.abs((group?.medianLogit as number) - pbo.medianLogit)).toBeLessThan(1e-12);

    // The block-statistics path against CSCV computed directly on the returns, on a spread of splits.
    const masks = [0x00ff, 0xff00, 0x5555, 0xaaaa, 0x0f0f, 0x3c3c, 0x9669, 0xc3a5];
    for (const mask of masks) {
      const direct = directLogit(columns, mask);
      const split = splitIndex(mask);
      expect(Math.abs((pbo.logits[split] as number) - direct), `split ${mask.toString(16)}`).toBeLessThan(1e-12);
    }
  });
});

describe("the returns matrix of a validated sweep's window", () => {
  const group = { strategy: 'sma_cross', symbol: 'ORCL' };

  it.each([
    ['in_sample', 1, '2005-01-01', '2006-12-31', [4, 5, 6, 7]],
    ['out_of_sample', 1, '2007-01-01', '2007-12-31', [13]],
  ] as const)(
    'replays fold %s %i on its own bars, warmed up from the sweep start, as the worker ran it',
    async (window, fold, from, to, runs) => {
      const matrix = await groupReturns(db, walkForwardId, { ...group, window, fold });
      expect(matrix.runIndexes).toEqual(runs);
      expect(matrix.times[0], 'the first return ends on the bar after the window opens').toBeGreaterThan(
        Date.parse(from),
      );
      expect(matrix.times.at(-1)).toBeLessThan(Date.parse(to) + 86_400_000);
      const trials = (await findValidationTrials(db, walkForwardId, group)).filter(
        (t) => t.fold === fold && t.window === window,
      );
      for (const [k, trial] of trials.entries()) {
        const direct = blockStats(matrix.returns[k] as Float64Array);
        const stored = trial.returnStatistics?.blocks as number[];
        expect(direct.length).toBe(48);
        for (let i = 0; i < 48; i++) {
          expect(
            Math.abs((stored[i] as number) - (direct[i] as number)),
            `run ${trial.runIndex} stat ${i}`,
          ).toBeLessThan(1e-12 * Math.max(1, Math.abs(direct[i] as number)));
        }
      }
    },
  );

  it('asks for a window and a fold where the sweep has them, and refuses a window where it has none', async () => {
    await expect(groupReturns(db, walkForwardId, group)).rejects.toThrow(/name a window/);
    await expect(groupReturns(db, walkForwardId, { ...group, window: 'in_sample' })).rejects.toThrow(/has 3 folds/);
    await expect(groupReturns(db, walkForwardId, { ...group, window: 'in_sample', fold: 3 })).rejects.toThrow(
      /has 3 folds/,
    );
    await expect(groupReturns(db, sweepId, { ...group, window: 'in_sample' })).rejects.toThrow(/no validation block/);
  });
});

/** Where a split's λ sits in `logits`: two per complementary pair, pairs in ascending order of the half with block 0. */
function splitIndex(mask: number): number {
  const half = mask & 1 ? mask : ~mask & 0xffff;
  let pair = 0;
  for (let m = 1; m < half; m += 2) {
    let bits = 0;
    for (let x = m; x !== 0; x &= x - 1) bits++;
    if (bits === 8) pair++;
  }
  return 2 * pair + (mask & 1 ? 0 : 1);
}
