/**
 * Wilder's relative strength index of `close`, `NaN` until `period` price changes exist. The first average gain
 * and loss are the simple means of the first `period` changes; later ones smooth as
 * `(previous × (period − 1) + change) / period`. RSI is 100 when the average loss is 0.
 *
 * @example
 * wilderRsi(Float64Array.of(1, 2, 1), 2); // [NaN, NaN, 50]
 */
export function wilderRsi(close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(Number.NaN);
  let averageGain = 0;
  let averageLoss = 0;
  for (let i = 1; i < close.length; i++) {
    const change = (close[i] as number) - (close[i - 1] as number);
    const gain = Math.max(change, 0);
    const loss = change < 0 ? -change : 0;
    if (i <= period) {
      averageGain += gain;
      averageLoss += loss;
      if (i < period) continue;
      averageGain /= period;
      averageLoss /= period;
    } else {
      averageGain = (averageGain * (period - 1) + gain) / period;
      averageLoss = (averageLoss * (period - 1) + loss) / period;
    }
    out[i] = averageLoss === 0 ? 100 : 100 - 100 / (1 + averageGain / averageLoss);
  }
  return out;
}
