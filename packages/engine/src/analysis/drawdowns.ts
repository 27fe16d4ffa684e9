/**
 * Drawdown at each bar as a fraction of the running peak, `(peak − equity) / peak` (0 at a new high, 0.25 = 25 %
 * below it). The equity curve reports it and {@link maxDrawdown} summarizes it.
 * @example
 * drawdowns(Float64Array.of(100, 80, 120)); // [0, 0.2, 0]
 */
export function drawdowns(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < equity.length; i++) {
    const value = equity[i] as number;
    if (value > peak) peak = value;
    out[i] = peak > 0 ? (peak - value) / peak : 0;
  }
  return out;
}
