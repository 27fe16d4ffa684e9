/** Which extreme {@link rollingExtreme} tracks. */
export const Extreme = { Highest: 'highest', Lowest: 'lowest' } as const;
export type Extreme = (typeof Extreme)[keyof typeof Extreme];

/**
 * Highest (or lowest) of the `period` values strictly before each bar, `NaN` until `period` earlier values exist.
 * Excluding the current bar is what makes a Donchian breakout testable: a close can exceed the previous highs but
 * never its own high. O(n) with a monotonic deque.
 *
 * @example
 * rollingExtreme(Float64Array.of(1, 3, 2, 0), 2, Extreme.Highest); // [NaN, NaN, 3, 3]
 */
export function rollingExtreme(values: Float64Array, period: number, extreme: Extreme): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const deque = new Int32Array(values.length);
  let head = 0;
  let tail = 0;
  const highest = extreme === Extreme.Highest;
  for (let i = 0; i < values.length; i++) {
    if (i >= period) {
      while (head < tail && (deque[head] as number) < i - period) head++;
      out[i] = values[deque[head] as number] as number;
    }
    const x = values[i] as number;
    while (head < tail) {
      const last = values[deque[tail - 1] as number] as number;
      if (highest ? last <= x : last >= x) tail--;
      else break;
    }
    deque[tail++] = i;
  }
  return out;
}
