import { describe, expect, it } from 'vitest';
import { syntheticReturns } from '../../test/seeded-normals.js';
import { perBarSharpe } from '../sharpe/per-bar-sharpe.js';
import { blockStats } from './block-stats.js';
import { blockUnionMoments } from './block-union-moments.js';

function blocksOf(returns: Float64Array, blocks: readonly number[]): Float64Array {
  const length = Math.floor(returns.length / 16);
  const offset = returns.length - 16 * length;
  const parts = blocks.map((b) => Array.from(returns.subarray(offset + b * length, offset + (b + 1) * length)));
  return Float64Array.from(parts.flat());
}

function directMoments(values: Float64Array): { mean: number; std: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

describe('blockStats', () => {
  it('drops the first T mod 16 returns and keeps count, Σr and Σr² of 16 equal contiguous blocks', () => {
    const returns = Float64Array.from({ length: 16 * 3 + 5 }, (_, i) => (i < 5 ? 1000 : i));
    const stats = blockStats(returns);
    expect(stats).toHaveLength(48);
    for (let b = 0; b < 16; b++) {
      const first = 5 + 3 * b;
      expect(stats[3 * b], `block ${b} count`).toBe(3);
      expect(stats[3 * b + 1], `block ${b} sum`).toBe(3 * first + 3);
      expect(stats[3 * b + 2], `block ${b} squares`).toBe(first ** 2 + (first + 1) ** 2 + (first + 2) ** 2);
    }
  });

  it('refuses fewer than 16 returns, where a block would be empty', () => {
    expect(() => blockStats(new Float64Array(15))).toThrow(
      'blockStats: needs at least 16 returns (one per block), got 15',
    );
  });
});

describe('blockUnionMoments', () => {
  it('equals a direct computation on the union’s returns to 1e-12, for every run of a returns matrix', () => {
    const matrix = syntheticReturns(7, 12, 16 * 63 + 11, 0.012, (trial) => (trial - 6) * 0.0004);
    const unions = [
      [0, 1, 2, 3, 4, 5, 6, 7],
      [8, 9, 10, 11, 12, 13, 14, 15],
      [0, 3, 5, 6, 9, 10, 12, 15],
      [4],
      [2, 7, 11],
    ];
    for (const [trial, returns] of matrix.entries()) {
      const stats = blockStats(returns);
      for (const blocks of unions) {
        const union = blocksOf(returns, blocks);
        const direct = directMoments(union);
        const fromBlocks = blockUnionMoments(stats, blocks);
        const where = `trial ${trial} blocks ${blocks.join(',')}`;
        expect(fromBlocks.count, where).toBe(union.length);
        expect(Math.abs(fromBlocks.mean - direct.mean), `${where} mean`).toBeLessThan(1e-12 * Math.abs(direct.std));
        expect(Math.abs(fromBlocks.std / direct.std - 1), `${where} std`).toBeLessThan(1e-12);
        expect(Math.abs(fromBlocks.sharpe - perBarSharpe(union)), `${where} sharpe`).toBeLessThan(1e-12);
      }
    }
  });

  it('refuses a malformed statistics array and repeated or out-of-range blocks', () => {
    const stats = blockStats(new Float64Array(32).fill(0.01));
    expect(() => blockUnionMoments(new Float64Array(47), [0])).toThrow(/must hold 48 numbers, got 47/);
    expect(() => blockUnionMoments(stats, [1, 1])).toThrow('blockUnionMoments: block 1 is not a distinct index 0-15');
    expect(() => blockUnionMoments(stats, [16])).toThrow(/block 16 is not a distinct index/);
  });
});
