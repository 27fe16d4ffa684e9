/**
 * CAGR per unit of maximum drawdown, a return-to-pain ratio over the whole run (not the classic trailing 36
 * months); `null` without a drawdown or a CAGR.
 * @example
 * calmarRatio(0.1, 0.2); // 0.5
 */
export function calmarRatio(cagr: number | null, maxDrawdown: number): number | null {
  return cagr === null || !(maxDrawdown > 0) ? null : cagr / maxDrawdown;
}
