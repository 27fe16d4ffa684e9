import { ZERO_VARIANCE_TOLERANCE } from '../sharpe/zero-variance.js';
import { ValidationInputError } from '../validation-input-error.js';
import { BLOCK_FIELDS, CSCV_BLOCKS } from './block-stats.js';
import { cscvSplitPairs } from './cscv-splits.js';

/** Options of {@link probabilityOfBacktestOverfitting}. */
export interface PboOptions {
  /**
   * Number of equal-width bins of the λ histogram over [−ln N, ln N], the range λ can take.
   * @defaultValue 20
   */
  readonly histogramBins?: number;
}

/** The λ histogram: `counts[i]` splits had `edges[i] ≤ λ < edges[i + 1]` (the last bin includes its upper edge). */
export interface LogitHistogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** The outcome of CSCV over one group of trials. */
export interface BacktestOverfitting {
  /** The share of splits whose in-sample best ranked at or below the out-of-sample median (λ ≤ 0). */
  readonly pbo: number;
  /** The median λ over all splits; negative means the in-sample best usually lands in the bottom half. */
  readonly medianLogit: number;
  /** λ of every split, two per complementary pair (the pair's half holding block 0 in-sample, then the other). */
  readonly logits: Float64Array;
  readonly histogram: LogitHistogram;
  /** N, the number of trials. */
  readonly trials: number;
}

const HALF_MASK = 0xff;
const SUBSETS = 256;
// Trials per chunk: the chunk's subset-sum tables (4 × 256 × CHUNK doubles) stay in the core's L2 cache.
const CHUNK = 64;

interface Splits {
  readonly pairs: Uint16Array;
  /** Per pair: 1/n and 1/(n − 1) for the half holding block 0 (A) and its complement (B). */
  readonly inverseCountA: Float64Array;
  readonly inverseDofA: Float64Array;
  readonly inverseCountB: Float64Array;
  readonly inverseDofB: Float64Array;
}

/** Chunk-local sums of Σr and Σr² over every subset of blocks 0–7 (low) and 8–15 (high), laid out `[subset][trial]`. */
interface SubsetSums {
  readonly lowSum: Float64Array;
  readonly lowSquares: Float64Array;
  readonly highSum: Float64Array;
  readonly highSquares: Float64Array;
}

function checkTrials(trials: ReadonlyArray<ArrayLike<number>>): Float64Array {
  if (trials.length < 2) {
    throw new ValidationInputError(`probabilityOfBacktestOverfitting: needs at least 2 trials, got ${trials.length}`);
  }
  const first = trials[0] as ArrayLike<number>;
  const counts = new Float64Array(CSCV_BLOCKS);
  for (let t = 0; t < trials.length; t++) {
    const stats = trials[t] as ArrayLike<number>;
    if (stats.length !== CSCV_BLOCKS * BLOCK_FIELDS) {
      throw new ValidationInputError(
        `probabilityOfBacktestOverfitting: trial ${t} has ${stats.length} block statistics, expected ${CSCV_BLOCKS * BLOCK_FIELDS}`,
      );
    }
    for (let b = 0; b < CSCV_BLOCKS; b++) {
      const count = stats[b * BLOCK_FIELDS] as number;
      if (t === 0) {
        if (!(Number.isInteger(count) && count >= 1)) {
          throw new ValidationInputError(
            `probabilityOfBacktestOverfitting: trial 0 block ${b} has count ${count}; every block needs at least one return`,
          );
        }
        counts[b] = count;
      } else if (count !== (first[b * BLOCK_FIELDS] as number)) {
        throw new ValidationInputError(
          `probabilityOfBacktestOverfitting: trial ${t} block ${b} has ${count} returns but trial 0 has ${counts[b]}; all trials must cover the same bars`,
        );
      }
      const sum = stats[b * BLOCK_FIELDS + 1] as number;
      const squares = stats[b * BLOCK_FIELDS + 2] as number;
      if (!(Number.isFinite(sum) && Number.isFinite(squares))) {
        throw new ValidationInputError(`probabilityOfBacktestOverfitting: trial ${t} block ${b} has a non-finite sum`);
      }
    }
  }
  return counts;
}

function describeSplits(counts: Float64Array): Splits {
  const pairs = cscvSplitPairs();
  let total = 0;
  for (let b = 0; b < CSCV_BLOCKS; b++) total += counts[b] as number;
  const inverseCountA = new Float64Array(pairs.length);
  const inverseDofA = new Float64Array(pairs.length);
  const inverseCountB = new Float64Array(pairs.length);
  const inverseDofB = new Float64Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    const mask = pairs[p] as number;
    let countA = 0;
    for (let b = 0; b < CSCV_BLOCKS; b++) if (mask & (1 << b)) countA += counts[b] as number;
    const countB = total - countA;
    inverseCountA[p] = 1 / countA;
    inverseDofA[p] = 1 / (countA - 1);
    inverseCountB[p] = 1 / countB;
    inverseDofB[p] = 1 / (countB - 1);
  }
  return { pairs, inverseCountA, inverseDofA, inverseCountB, inverseDofB };
}

function allocateSubsetSums(): SubsetSums {
  return {
    lowSum: new Float64Array(SUBSETS * CHUNK),
    lowSquares: new Float64Array(SUBSETS * CHUNK),
    highSum: new Float64Array(SUBSETS * CHUNK),
    highSquares: new Float64Array(SUBSETS * CHUNK),
  };
}

/** Fills the subset tables for trials `first … first + size − 1`; subset m extends m without its lowest block. */
function fillSubsetSums(trials: ReadonlyArray<ArrayLike<number>>, first: number, size: number, sums: SubsetSums): void {
  const { lowSum, lowSquares, highSum, highSquares } = sums;
  // Row 0 (the empty subset) is never written, so it stays 0.
  for (let t = 0; t < size; t++) {
    const stats = trials[first + t] as ArrayLike<number>;
    for (let m = 1; m < SUBSETS; m++) {
      const lowest = 31 - Math.clz32(m & -m);
      const rest = (m & (m - 1)) * CHUNK + t;
      const low = lowest * BLOCK_FIELDS;
      const high = (lowest + CSCV_BLOCKS / 2) * BLOCK_FIELDS;
      lowSum[m * CHUNK + t] = (lowSum[rest] as number) + (stats[low + 1] as number);
      lowSquares[m * CHUNK + t] = (lowSquares[rest] as number) + (stats[low + 2] as number);
      highSum[m * CHUNK + t] = (highSum[rest] as number) + (stats[high + 1] as number);
      highSquares[m * CHUNK + t] = (highSquares[rest] as number) + (stats[high + 2] as number);
    }
  }
}

/**
 * Phase 1: per split, the lowest-index trial with the highest in-sample Sharpe, and that trial's out-of-sample
 * Sharpe. Both halves' Sharpes of a trial come from one loop iteration, so the value phase 2 compares against is
 * bit-identical to the one it recomputes for the same trial.
 */
function selectInSampleBest(
  trials: ReadonlyArray<ArrayLike<number>>,
  splits: Splits,
  sums: SubsetSums,
): { bestA: Float64Array; bestAOutOfSample: Float64Array; bestB: Float64Array; bestBOutOfSample: Float64Array } {
  const { pairs, inverseCountA, inverseDofA, inverseCountB, inverseDofB } = splits;
  const { lowSum, lowSquares, highSum, highSquares } = sums;
  const pairCount = pairs.length;
  const bestA = new Float64Array(pairCount).fill(Number.NEGATIVE_INFINITY);
  const bestAOutOfSample = new Float64Array(pairCount);
  const bestB = new Float64Array(pairCount).fill(Number.NEGATIVE_INFINITY);
  const bestBOutOfSample = new Float64Array(pairCount);
  for (let first = 0; first < trials.length; first += CHUNK) {
    const size = Math.min(CHUNK, trials.length - first);
    fillSubsetSums(trials, first, size, sums);
    for (let p = 0; p < pairCount; p++) {
      const mask = pairs[p] as number;
      const lowA = (mask & HALF_MASK) * CHUNK;
      const highA = (mask >>> 8) * CHUNK;
      const lowB = (~mask & HALF_MASK) * CHUNK;
      const highB = ((~mask >>> 8) & HALF_MASK) * CHUNK;
      const nA = inverseCountA[p] as number;
      const dA = inverseDofA[p] as number;
      const nB = inverseCountB[p] as number;
      const dB = inverseDofB[p] as number;
      let maxA = bestA[p] as number;
      let maxAOut = bestAOutOfSample[p] as number;
      let maxB = bestB[p] as number;
      let maxBOut = bestBOutOfSample[p] as number;
      for (let t = 0; t < size; t++) {
        const sA = (lowSum[lowA + t] as number) + (highSum[highA + t] as number);
        const qA = (lowSquares[lowA + t] as number) + (highSquares[highA + t] as number);
        const meanA = sA * nA;
        const varA = (qA - sA * meanA) * dA;
        const srA = varA > ZERO_VARIANCE_TOLERANCE * qA * nA ? meanA / Math.sqrt(varA) : 0;
        const sB = (lowSum[lowB + t] as number) + (highSum[highB + t] as number);
        const qB = (lowSquares[lowB + t] as number) + (highSquares[highB + t] as number);
        const meanB = sB * nB;
        const varB = (qB - sB * meanB) * dB;
        const srB = varB > ZERO_VARIANCE_TOLERANCE * qB * nB ? meanB / Math.sqrt(varB) : 0;
        if (srA > maxA) {
          maxA = srA;
          maxAOut = srB;
        }
        if (srB > maxB) {
          maxB = srB;
          maxBOut = srA;
        }
      }
      bestA[p] = maxA;
      bestAOutOfSample[p] = maxAOut;
      bestB[p] = maxB;
      bestBOutOfSample[p] = maxBOut;
    }
  }
  return { bestA, bestAOutOfSample, bestB, bestBOutOfSample };
}

/**
 * Phase 2: per split, how many trials' out-of-sample Sharpes are below, and equal to, the in-sample best's, with the
 * arithmetic of phase 1 so that equal trials compare equal.
 */
function countOutOfSampleRanks(
  trials: ReadonlyArray<ArrayLike<number>>,
  splits: Splits,
  sums: SubsetSums,
  targetWhenAIn: Float64Array,
  targetWhenBIn: Float64Array,
): { belowA: Float64Array; equalA: Float64Array; belowB: Float64Array; equalB: Float64Array } {
  const { pairs, inverseCountA, inverseDofA, inverseCountB, inverseDofB } = splits;
  const { lowSum, lowSquares, highSum, highSquares } = sums;
  const pairCount = pairs.length;
  const belowA = new Float64Array(pairCount);
  const equalA = new Float64Array(pairCount);
  const belowB = new Float64Array(pairCount);
  const equalB = new Float64Array(pairCount);
  for (let first = 0; first < trials.length; first += CHUNK) {
    const size = Math.min(CHUNK, trials.length - first);
    fillSubsetSums(trials, first, size, sums);
    for (let p = 0; p < pairCount; p++) {
      const mask = pairs[p] as number;
      const lowA = (mask & HALF_MASK) * CHUNK;
      const highA = (mask >>> 8) * CHUNK;
      const lowB = (~mask & HALF_MASK) * CHUNK;
      const highB = ((~mask >>> 8) & HALF_MASK) * CHUNK;
      const nA = inverseCountA[p] as number;
      const dA = inverseDofA[p] as number;
      const nB = inverseCountB[p] as number;
      const dB = inverseDofB[p] as number;
      const targetA = targetWhenAIn[p] as number;
      const targetB = targetWhenBIn[p] as number;
      let lessA = 0;
      let sameA = 0;
      let lessB = 0;
      let sameB = 0;
      for (let t = 0; t < size; t++) {
        const sA = (lowSum[lowA + t] as number) + (highSum[highA + t] as number);
        const qA = (lowSquares[lowA + t] as number) + (highSquares[highA + t] as number);
        const meanA = sA * nA;
        const varA = (qA - sA * meanA) * dA;
        const srA = varA > ZERO_VARIANCE_TOLERANCE * qA * nA ? meanA / Math.sqrt(varA) : 0;
        const sB = (lowSum[lowB + t] as number) + (highSum[highB + t] as number);
        const qB = (lowSquares[lowB + t] as number) + (highSquares[highB + t] as number);
        const meanB = sB * nB;
        const varB = (qB - sB * meanB) * dB;
        const srB = varB > ZERO_VARIANCE_TOLERANCE * qB * nB ? meanB / Math.sqrt(varB) : 0;
        // With A in-sample the out-of-sample Sharpes are the B ones, and the other way round.
        if (srB < targetA) lessA++;
        else if (srB === targetA) sameA++;
        if (srA < targetB) lessB++;
        else if (srA === targetB) sameB++;
      }
      belowA[p] = (belowA[p] as number) + lessA;
      equalA[p] = (equalA[p] as number) + sameA;
      belowB[p] = (belowB[p] as number) + lessB;
      equalB[p] = (equalB[p] as number) + sameB;
    }
  }
  return { belowA, equalA, belowB, equalB };
}

function logit(below: number, equal: number, trials: number): number {
  const rank = below + (equal + 1) / 2;
  const omega = rank / (trials + 1);
  return Math.log(omega / (1 - omega));
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >>> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function histogram(logits: Float64Array, trials: number, bins: number): LogitHistogram {
  const limit = Math.log(trials);
  const width = (2 * limit) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? limit : -limit + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const value of logits) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((value + limit) / width)));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { edges, counts };
}

/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de
 * Prado and Zhu, 2015), from each trial's {@link blockStats}.
 *
 * For each of the C(16, 8) = 12,870 ways to pick 8 of the 16 blocks as in-sample (the other 8 out-of-sample):
 * n* = the trial with the highest in-sample {@link perBarSharpe} (ties: lowest index); ω = the rank of n*'s
 * out-of-sample Sharpe among all N trials (1-based, ascending, ties averaged) / (N + 1); λ = ln(ω / (1 − ω)).
 * PBO is the share of splits with λ ≤ 0: how often the in-sample winner is no better than the median out of sample.
 *
 * Why: a "best" row always exists; PBO says how likely picking it by in-sample Sharpe picks noise. Near 0.5 the
 * selection is a coin toss (the grid has no edge to find); near 0 the in-sample best keeps winning out of sample.
 *
 * Cost: two passes of 6,435 complementary split pairs × N trials, on subset-sum tables so each Sharpe takes a few
 * additions; about 1.3e9 trial-splits per pass for N = 10⁵ (see `npm run bench:pbo` for measured times).
 *
 * @param trials one 48-number {@link blockStats} array per trial, in run-index order; every trial must cover the
 *   same bars (equal block counts).
 * @throws {@link ValidationInputError} for fewer than 2 trials, malformed or mismatched block statistics.
 * @example
 * const result = probabilityOfBacktestOverfitting(runs.map((run) => blockStats(simpleReturns(run.equity))));
 * result.pbo; // e.g. 0.49 for a grid of noise
 */
export function probabilityOfBacktestOverfitting(
  trials: ReadonlyArray<ArrayLike<number>>,
  options: PboOptions = {},
): BacktestOverfitting {
  const bins = options.histogramBins ?? 20;
  if (!(Number.isInteger(bins) && bins >= 1)) {
    throw new ValidationInputError(
      `probabilityOfBacktestOverfitting: histogramBins must be a positive integer, got ${bins}`,
    );
  }
  const splits = describeSplits(checkTrials(trials));
  const sums = allocateSubsetSums();
  const best = selectInSampleBest(trials, splits, sums);
  const ranks = countOutOfSampleRanks(trials, splits, sums, best.bestAOutOfSample, best.bestBOutOfSample);
  const n = trials.length;
  const pairCount = splits.pairs.length;
  const logits = new Float64Array(pairCount * 2);
  let overfit = 0;
  for (let p = 0; p < pairCount; p++) {
    const whenAIn = logit(ranks.belowA[p] as number, ranks.equalA[p] as number, n);
    const whenBIn = logit(ranks.belowB[p] as number, ranks.equalB[p] as number, n);
    logits[2 * p] = whenAIn;
    logits[2 * p + 1] = whenBIn;
    if (whenAIn <= 0) overfit++;
    if (whenBIn <= 0) overfit++;
  }
  return {
    pbo: overfit / logits.length,
    medianLogit: median(logits),
    logits,
    histogram: histogram(logits, n, bins),
    trials: n,
  };
}
