/**
 * Fractional change of equity over the run, `final / initial − 1` (0.1 = +10 %).
 * @example
 * totalReturn(100_000, 102_302.33); // 0.0230233
 */
export function totalReturn(initialEquity: number, finalEquity: number): number {
  return finalEquity / initialEquity - 1;
}
