/**
 * Summing floats leaves a residue of about 1e-16 × the mean square in a variance that is exactly zero (a run that
 * never trades, a constant return); dividing by its root would turn rounding into a Sharpe of 1e8. A variance below
 * this share of the mean square, i.e. a std below 1e-6 of the root mean square, is therefore zero: no real strategy
 * has a per-bar Sharpe anywhere near 1e6.
 */
export const ZERO_VARIANCE_TOLERANCE = 1e-12;

/** Whether `variance` is rounding noise for returns whose mean square (Σr²/n) is `meanSquare`. */
export function isZeroVariance(variance: number, meanSquare: number): boolean {
  return variance <= ZERO_VARIANCE_TOLERANCE * meanSquare;
}
