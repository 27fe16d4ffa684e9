/** The deepest drawdown and the longest time spent under water. */
export interface MaxDrawdown {
  /** Largest {@link drawdowns} value, as a fraction ≥ 0. */
  readonly depth: number;
  /** Longest run of consecutive bars below a previous peak, in bars. */
  readonly duration: number;
}

/**
 * Summarizes a drawdown series: how deep it went and the longest stretch before equity regained its peak (a
 * stretch still open at the end counts as it stands).
 * @example
 * maxDrawdown(Float64Array.of(0, 0.2, 0.1, 0, 0.05)); // { depth: 0.2, duration: 2 }
 */
export function maxDrawdown(drawdown: Float64Array): MaxDrawdown {
  let depth = 0;
  let duration = 0;
  let run = 0;
  for (let i = 0; i < drawdown.length; i++) {
    const value = drawdown[i] as number;
    if (value > depth) depth = value;
    run = value > 0 ? run + 1 : 0;
    if (run > duration) duration = run;
  }
  return { depth, duration };
}
