/**
 * Capacity for partials. Non-overlapping doubles spanning the whole exponent range need at most ~40; window sums
 * of prices use two or three.
 */
const MAX_PARTIALS = 64;

/**
 * A running sum of doubles kept exactly (Shewchuk's non-overlapping partials, the algorithm behind Python's
 * `math.fsum`), with values leaving the window subtracted exactly too. {@link ExactRollingSum.value} is the
 * correctly rounded sum, so a moving average equals backtrader's `fsum(window) / period` bit for bit: crossovers
 * that hinge on two averages being exactly equal then resolve the same way (a plain running sum flips some of them).
 */
export class ExactRollingSum {
  readonly #partials = new Float64Array(MAX_PARTIALS);
  #count = 0;

  /** Adds `x` exactly; pass `-x` to remove a value that leaves the window. */
  add(x: number): void {
    const partials = this.#partials;
    const count = this.#count;
    let kept = 0;
    for (let j = 0; j < count; j++) {
      let y = partials[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials[kept] = x;
    this.#count = kept + 1;
  }

  /** The exact sum rounded half-even to the nearest double, as `math.fsum` returns it. */
  value(): number {
    const partials = this.#partials;
    let n = this.#count;
    if (n === 0) return 0;
    let hi = partials[--n] as number;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n] as number;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
