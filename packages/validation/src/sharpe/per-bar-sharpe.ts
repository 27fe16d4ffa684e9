import { isZeroVariance } from './zero-variance.js';

/**
 * The per-bar Sharpe ratio SR = mean / sample std (ddof 1) of per-bar returns, not annualized and with no risk-free
 * rate: the estimator the probabilistic and deflated Sharpe ratios are defined on (SR̂ in Bailey and López de
 * Prado), so it must not be the annualized `sharpe` metric of a run.
 *
 * It is 0 when there are fewer than 2 returns or the std is 0 (a std below 1e-6 of the returns' root mean square
 * counts as 0, since it is rounding residue).
 *
 * @example
 * perBarSharpe([0.01, -0.005, 0.02]); // 0.6622...
 * perBarSharpe([0, 0, 0]); // 0
 */
export function perBarSharpe(returns: ArrayLike<number>): number {
  const n = returns.length;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i] as number;
  const mean = sum / n;
  let squares = 0;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    const d = r - mean;
    deviations += d * d;
    squares += r * r;
  }
  const variance = deviations / (n - 1);
  if (isZeroVariance(variance, squares / n)) return 0;
  return mean / Math.sqrt(variance);
}
