import { annualizedReturn } from './annualized-return.js';

/**
 * A window's total return (0.1 = +10 %) and its length in calendar days ({@link windowDays}), enough to annualize it.
 *
 * @example
 * const oos: WindowReturn = { totalReturn: 0.04, days: windowDays(fold.outOfSample) };
 */
export interface WindowReturn {
  readonly totalReturn: number;
  readonly days: number;
}

/**
 * The chosen parameter set's returns in one fold, in-sample (where it won) and out-of-sample (where it ran).
 *
 * @example
 * const fold: FoldReturns = { inSample: { totalReturn: 0.3, days: 1096 }, outOfSample: { totalReturn: 0.04, days: 365 } };
 */
export interface FoldReturns {
  readonly inSample: WindowReturn;
  readonly outOfSample: WindowReturn;
}

/**
 * Walk-forward efficiency (Pardo): the annualized out-of-sample return of the stitched folds (fold returns
 * compounded over all out-of-sample days) ÷ the mean annualized in-sample return of the sets chosen in each fold.
 *
 * Why: near 1 the optimisation found something that kept working; near 0 (or negative) the in-sample returns were
 * mostly fitted noise. In-sample windows overlap when rolling, so their returns are averaged, not compounded.
 *
 * @returns the ratio, or `null` when there are no folds or the mean annualized in-sample return is not positive
 *   (the ratio means nothing then).
 * @example
 * walkForwardEfficiency([
 *   { inSample: { totalReturn: 0.331, days: 1096 }, outOfSample: { totalReturn: 0.05, days: 365 } },
 * ]); // ≈ 0.5
 */
export function walkForwardEfficiency(folds: readonly FoldReturns[]): number | null {
  if (folds.length === 0) return null;
  let growth = 1;
  let outOfSampleDays = 0;
  let inSampleAnnualized = 0;
  for (const fold of folds) {
    growth *= 1 + fold.outOfSample.totalReturn;
    outOfSampleDays += fold.outOfSample.days;
    inSampleAnnualized += annualizedReturn(fold.inSample.totalReturn, fold.inSample.days);
  }
  const meanInSample = inSampleAnnualized / folds.length;
  if (!(meanInSample > 0)) return null;
  return annualizedReturn(growth - 1, outOfSampleDays) / meanInSample;
}
