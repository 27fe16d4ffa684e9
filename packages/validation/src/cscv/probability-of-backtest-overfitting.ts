import { ZERO_VARIANCE_TOLERANCE } from '../sharpe/zero-variance.js';
import { ValidationInputError } from '../validation-input-error.js';
import { BLOCK_FIELDS, CSCV_BLOCKS } from './block-stats.js';
import { cscvSplitPairs } from './cscv-splits.js';

/**
 * Options of {@link probabilityOfBacktestOverfitting}.
 *
 * @example
 * probabilityOfBacktestOverfitting(trials, { histogramBins: 40 });
 */
export interface PboOptions {
  /**
   * Number of equal-width bins of the λ histogram over [−ln N, ln N], the range λ can take.
   * @defaultValue 20
   */
  readonly histogramBins?: number;
}

/**
 * The λ histogram, for a chart of where the in-sample best lands out of sample: `counts[i]` splits had
 * `edges[i] ≤ λ < edges[i + 1]` (the last bin includes its upper edge).
 *
 * @example
 * const { edges, counts } = probabilityOfBacktestOverfitting(trials).histogram;
 */
export interface LogitHistogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/**
 * The outcome of CSCV over one group of trials: PBO with the λ distribution behind it, so a report can show how
 * sure the figure is.
 *
 * @example
 * const { pbo, medianLogit } = probabilityOfBacktestOverfitting(trials);
 */
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
 * The Sharpe of a trial's half as a score that orders like it, SR·|SR| = m·|m| / v, kept as a numerator and a
 * positive denominator and compared by cross-multiplying: no square root and no division in the hot loops, which
 * roughly halves their cost. A zero variance (see {@link ZERO_VARIANCE_TOLERANCE}) scores 0 / 1, as its Sharpe is 0.
 */
interface SplitTargets {
  /** Per pair, the score of the in-sample best's out-of-sample half when half A is in-sample… */
  readonly whenAInNumerator: Float64Array;
  readonly whenAInDenominator: Float64Array;
  /** …and when half B is in-sample. */
  readonly whenBInNumerator: Float64Array;
  readonly whenBInDenominator: Float64Array;
}

/**
 * Phase 1: per split, the lowest-index trial with the highest in-sample score and that trial's out-of-sample score.
 * Both halves' scores of a trial come from one loop iteration, so the target phase 2 compares against is
 * bit-identical to the score it recomputes for the same trial, and equal trials tie exactly.
 */
function selectInSampleBest(trials: ReadonlyArray<ArrayLike<number>>, splits: Splits, sums: SubsetSums): SplitTargets {
  const { pairs, inverseCountA, inverseDofA, inverseCountB, inverseDofB } = splits;
  const { lowSum, lowSquares, highSum, highSquares } = sums;
  const pairCount = pairs.length;
  const bestANumerator = new Float64Array(pairCount).fill(Number.NEGATIVE_INFINITY);
  const bestADenominator = new Float64Array(pairCount).fill(1);
  const bestBNumerator = new Float64Array(pairCount).fill(Number.NEGATIVE_INFINITY);
  const bestBDenominator = new Float64Array(pairCount).fill(1);
  const targets: SplitTargets = {
    whenAInNumerator: new Float64Array(pairCount),
    whenAInDenominator: new Float64Array(pairCount).fill(1),
    whenBInNumerator: new Float64Array(pairCount),
    whenBInDenominator: new Float64Array(pairCount).fill(1),
  };
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
      let bestANum = bestANumerator[p] as number;
      let bestADen = bestADenominator[p] as number;
      let bestBNum = bestBNumerator[p] as number;
      let bestBDen = bestBDenominator[p] as number;
      let outANum = targets.whenAInNumerator[p] as number;
      let outADen = targets.whenAInDenominator[p] as number;
      let outBNum = targets.whenBInNumerator[p] as number;
      let outBDen = targets.whenBInDenominator[p] as number;
      for (let t = 0; t < size; t++) {
        const sA = (lowSum[lowA + t] as number) + (highSum[highA + t] as number);
        const qA = (lowSquares[lowA + t] as number) + (highSquares[highA + t] as number);
        const meanA = sA * nA;
        const varA = (qA - sA * meanA) * dA;
        const zeroA = varA <= ZERO_VARIANCE_TOLERANCE * qA * nA;
        const numA = zeroA ? 0 : meanA * Math.abs(meanA);
        const denA = zeroA ? 1 : varA;
        const sB = (lowSum[lowB + t] as number) + (highSum[highB + t] as number);
        const qB = (lowSquares[lowB + t] as number) + (highSquares[highB + t] as number);
        const meanB = sB * nB;
        const varB = (qB - sB * meanB) * dB;
        const zeroB = varB <= ZERO_VARIANCE_TOLERANCE * qB * nB;
        const numB = zeroB ? 0 : meanB * Math.abs(meanB);
        const denB = zeroB ? 1 : varB;
        if (numA * bestADen > bestANum * denA) {
          bestANum = numA;
          bestADen = denA;
          outANum = numB;
          outADen = denB;
        }
        if (numB * bestBDen > bestBNum * denB) {
          bestBNum = numB;
          bestBDen = denB;
          outBNum = numA;
          outBDen = denA;
        }
      }
      bestANumerator[p] = bestANum;
      bestADenominator[p] = bestADen;
      bestBNumerator[p] = bestBNum;
      bestBDenominator[p] = bestBDen;
      targets.whenAInNumerator[p] = outANum;
      targets.whenAInDenominator[p] = outADen;
      targets.whenBInNumerator[p] = outBNum;
      targets.whenBInDenominator[p] = outBDen;
    }
  }
  return targets;
}

/** Per pair, how many trials' out-of-sample scores are below and equal to the in-sample best's, either way round. */
interface SplitRanks {
  readonly belowA: Float64Array;
  readonly equalA: Float64Array;
  readonly belowB: Float64Array;
  readonly equalB: Float64Array;
}

/** Phase 2: ranks the in-sample best's out-of-sample score among all trials', with the arithmetic of phase 1. */
function countOutOfSampleRanks(
  trials: ReadonlyArray<ArrayLike<number>>,
  splits: Splits,
  sums: SubsetSums,
  targets: SplitTargets,
): SplitRanks {
  const { pairs, inverseCountA, inverseDofA, inverseCountB, inverseDofB } = splits;
  const { lowSum, lowSquares, highSum, highSquares } = sums;
  const pairCount = pairs.length;
  const ranks: SplitRanks = {
    belowA: new Float64Array(pairCount),
    equalA: new Float64Array(pairCount),
    belowB: new Float64Array(pairCount),
    equalB: new Float64Array(pairCount),
  };
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
      const targetANum = targets.whenAInNumerator[p] as number;
      const targetADen = targets.whenAInDenominator[p] as number;
      const targetBNum = targets.whenBInNumerator[p] as number;
      const targetBDen = targets.whenBInDenominator[p] as number;
      let lessA = 0;
      let notAboveA = 0;
      let lessB = 0;
      let notAboveB = 0;
      for (let t = 0; t < size; t++) {
        const sA = (lowSum[lowA + t] as number) + (highSum[highA + t] as number);
        const qA = (lowSquares[lowA + t] as number) + (highSquares[highA + t] as number);
        const meanA = sA * nA;
        const varA = (qA - sA * meanA) * dA;
        const zeroA = varA <= ZERO_VARIANCE_TOLERANCE * qA * nA;
        const numA = zeroA ? 0 : meanA * Math.abs(meanA);
        const denA = zeroA ? 1 : varA;
        const sB = (lowSum[lowB + t] as number) + (highSum[highB + t] as number);
        const qB = (lowSquares[lowB + t] as number) + (highSquares[highB + t] as number);
        const meanB = sB * nB;
        const varB = (qB - sB * meanB) * dB;
        const zeroB = varB <= ZERO_VARIANCE_TOLERANCE * qB * nB;
        const numB = zeroB ? 0 : meanB * Math.abs(meanB);
        const denB = zeroB ? 1 : varB;
        // With A in-sample the out-of-sample scores are the B ones, and the other way round. Comparisons are
        // counted as numbers, not branched on: half of them go each way at random, which defeats branch prediction.
        const scaledB = numB * targetADen;
        const targetForB = targetANum * denB;
        lessA += Number(scaledB < targetForB);
        notAboveA += Number(scaledB <= targetForB);
        const scaledA = numA * targetBDen;
        const targetForA = targetBNum * denA;
        lessB += Number(scaledA < targetForA);
        notAboveB += Number(scaledA <= targetForA);
      }
      ranks.belowA[p] = (ranks.belowA[p] as number) + lessA;
      ranks.equalA[p] = (ranks.equalA[p] as number) + notAboveA - lessA;
      ranks.belowB[p] = (ranks.belowB[p] as number) + lessB;
      ranks.equalB[p] = (ranks.equalB[p] as number) + notAboveB - lessB;
    }
  }
  return ranks;
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
 * Cost: two passes over 6,435 complementary split pairs × N trials, on subset-sum tables so that each half's Sharpe
 * takes two additions and no square root: for N = 10⁵, 1.3e9 trial-splits, about 11 CPU seconds on one core
 * (`npm run bench:pbo` measures it).
 *
 * @param trials one 48-number {@link blockStats} array per trial, in run-index order; every trial must cover the
 *   same bars (equal block counts).
 * @throws {@link ValidationInputError} for fewer than 2 trials, malformed or mismatched block statistics.
 * @example
 * const equities = [
 *   Array.from({ length: 200 }, (_, i) => 100 + Math.sin(i)),
 *   Array.from({ length: 200 }, (_, i) => 100 + Math.cos(i / 3)),
 * ];
 * const result = probabilityOfBacktestOverfitting(equities.map((equity) => blockStats(simpleReturns(equity))));
 * result.pbo; // in [0, 1]; about 0.5 for a grid of noise
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
  const ranks = countOutOfSampleRanks(trials, splits, sums, selectInSampleBest(trials, splits, sums));
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
