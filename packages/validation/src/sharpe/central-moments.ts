/** Population central moments m2, m3, m4 (divided by n) of a sample, with its mean square. */
export interface CentralMoments {
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  readonly meanSquare: number;
}

/** Two passes (mean, then powers of deviations), which keeps the moments accurate when the mean dwarfs the spread. */
export function centralMoments(values: ArrayLike<number>): CentralMoments {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = n > 0 ? sum / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    squares += v * v;
  }
  return n > 0
    ? { m2: m2 / n, m3: m3 / n, m4: m4 / n, meanSquare: squares / n }
    : { m2: 0, m3: 0, m4: 0, meanSquare: 0 };
}
