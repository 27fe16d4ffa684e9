import { describe, expect, it } from 'vitest';
import { syntheticReturns } from '../../test/seeded-normals.js';
import { perBarSharpe } from '../sharpe/per-bar-sharpe.js';
import { blockStats } from './block-stats.js';
import { cscvSplitPairs } from './cscv-splits.js';
import { probabilityOfBacktestOverfitting } from './probability-of-backtest-overfitting.js';

/** CSCV straight from the definition, on the returns themselves: λ of the split with `inSampleMask` in-sample. */
function directLogit(matrix: readonly Float64Array[], inSampleMask: number): number {
  const length = Math.floor((matrix[0] as Float64Array).length / 16);
  const offset = (matrix[0] as Float64Array).length - 16 * length;
  const half = (returns: Float64Array, inSample: boolean): Float64Array => {
    const values = new Float64Array(8 * length);
    let at = 0;
    for (let b = 0; b < 16; b++) {
      if (Boolean(inSampleMask & (1 << b)) === inSample) {
        values.set(returns.subarray(offset + b * length, offset + (b + 1) * length), at);
        at += length;
      }
    }
    return values;
  };
  const inSample = matrix.map((returns) => perBarSharpe(half(returns, true)));
  const outOfSample = matrix.map((returns) => perBarSharpe(half(returns, false)));
  const best = inSample.indexOf(Math.max(...inSample));
  const target = outOfSample[best] as number;
  const below = outOfSample.filter((sr) => sr < target).length;
  const equal = outOfSample.filter((sr) => sr === target).length;
  const omega = (below + (equal + 1) / 2) / (matrix.length + 1);
  return Math.log(omega / (1 - omega));
}

function pboOf(matrix: readonly Float64Array[]) {
  return probabilityOfBacktestOverfitting(matrix.map(blockStats));
}

describe('probabilityOfBacktestOverfitting', () => {
  it('gives every one of the 12,870 splits the λ a direct computation on the returns matrix gives, to 1e-12', () => {
    const matrix = syntheticReturns(11, 9, 16 * 25 + 7, 0.01, (trial) => (trial % 3) * 0.0003);
    const result = pboOf(matrix);
    expect(result.logits).toHaveLength(12_870);
    const pairs = cscvSplitPairs();
    let overfit = 0;
    for (const [p, mask] of pairs.entries()) {
      const whenAIn = directLogit(matrix, mask);
      const whenBIn = directLogit(matrix, ~mask & 0xffff);
      expect(Math.abs((result.logits[2 * p] as number) - whenAIn), `split ${mask.toString(2)}`).toBeLessThan(1e-12);
      expect(Math.abs((result.logits[2 * p + 1] as number) - whenBIn), `complement of ${mask}`).toBeLessThan(1e-12);
      overfit += (whenAIn <= 0 ? 1 : 0) + (whenBIn <= 0 ? 1 : 0);
    }
    expect(result.pbo).toBe(overfit / 12_870);
  });

  it('is near 0.5 for 200 pure-noise strategies: picking the in-sample best is a coin toss', () => {
    // One data set's PBO is itself noisy (its 12,870 splits share the same returns; 0.35–0.73 over 20 seeds), so
    // the claim is checked on the mean over ten independent groups.
    const pbos = Array.from({ length: 10 }, (_, group) => pboOf(syntheticReturns(7919 * (group + 1), 200, 1600, 0.01)));
    const mean = pbos.reduce((sum, result) => sum + result.pbo, 0) / pbos.length;
    expect(mean, 'noise has no edge to find').toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
    for (const result of pbos) {
      expect(result.pbo).toBeGreaterThan(0.2);
      expect(result.pbo).toBeLessThan(0.8);
    }
  });

  it('is near 0 when one strategy among 199 noise ones has a real drift', () => {
    const withEdge = 57;
    const result = pboOf(syntheticReturns(2016, 200, 1600, 0.01, (trial) => (trial === withEdge ? 0.0025 : 0)));
    expect(result.pbo, 'the drifting strategy wins in-sample and keeps winning out of sample').toBeLessThan(0.01);
    expect(result.medianLogit, 'its out-of-sample rank is the top one: λ = ln 200').toBeCloseTo(Math.log(200), 12);
  });

  it('averages tied out-of-sample ranks: identical trials put the in-sample best on the median, λ = 0', () => {
    const one = syntheticReturns(3, 1, 320, 0.01)[0] as Float64Array;
    const result = pboOf([one, one, one, one]);
    expect(result.logits.every((logit) => logit === 0)).toBe(true);
    expect(result.pbo, 'λ ≤ 0 counts as overfit').toBe(1);
    expect(result.medianLogit).toBe(0);
  });

  it('breaks an in-sample tie by the lowest trial index', () => {
    // Blocks 0–7 identical for trials 0 and 1; out of sample trial 0 is the worst and trial 1 the best.
    const trial = (inSampleSum: number, outOfSampleSum: number): Float64Array =>
      Float64Array.from({ length: 48 }, (_, i) => {
        const block = Math.floor(i / 3);
        const field = i % 3;
        return field === 0 ? 10 : field === 1 ? (block < 8 ? inSampleSum : outOfSampleSum) : 1;
      });
    const result = probabilityOfBacktestOverfitting([trial(1, -1), trial(1, 1), trial(-1, 0)]);
    expect(result.logits[0], 'split 0 has blocks 0–7 in-sample; n* = trial 0 ranks 1 of 3').toBeCloseTo(
      Math.log(1 / 3),
      15,
    );
  });

  it('returns a λ histogram over [−ln N, ln N] that accounts for every split', () => {
    const result = probabilityOfBacktestOverfitting(syntheticReturns(5, 30, 480, 0.01).map(blockStats), {
      histogramBins: 10,
    });
    expect(result.trials).toBe(30);
    expect(result.histogram.edges).toHaveLength(11);
    expect(result.histogram.edges[0]).toBeCloseTo(-Math.log(30), 14);
    expect(result.histogram.edges[10]).toBe(Math.log(30));
    expect(result.histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(12_870);
    const below = result.logits.filter((logit) => logit <= 0).length;
    expect(result.pbo).toBe(below / 12_870);
  });

  it('refuses fewer than 2 trials, malformed statistics and trials that cover different bars', () => {
    const stats = blockStats(new Float64Array(32).fill(0.01));
    expect(() => probabilityOfBacktestOverfitting([stats])).toThrow(
      'probabilityOfBacktestOverfitting: needs at least 2 trials, got 1',
    );
    expect(() => probabilityOfBacktestOverfitting([stats, new Float64Array(47)])).toThrow(
      'probabilityOfBacktestOverfitting: trial 1 has 47 block statistics, expected 48',
    );
    const longer = blockStats(new Float64Array(48).fill(0.01));
    expect(() => probabilityOfBacktestOverfitting([stats, longer])).toThrow(
      /trial 1 block 0 has 3 returns but trial 0 has 2; all trials must cover the same bars/,
    );
    expect(() => probabilityOfBacktestOverfitting([stats, stats], { histogramBins: 0 })).toThrow(
      /histogramBins must be a positive integer, got 0/,
    );
  });
});
