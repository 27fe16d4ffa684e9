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
 *
 * While the exact sum is the sum of two doubles, it is kept as that pair (`hi + lo`): adding is then two error-free
 * additions (TwoSum) without a branch on the data, and the correctly rounded sum is one IEEE addition of the pair.
 * Window sums of prices stay in that form (the sum's magnitude over the smallest price's last bit fits 53 bits);
 * the first addition whose exact result would need a third double moves the sum into partials for good.
 */
export class ExactRollingSum {
  // −0, the sum of no values in IEEE addition, so a pair holds the signed zero a sum of −0s has.
  #hi = -0;
  #lo = -0;
  /** `undefined` while the pair holds the sum exactly. */
  #partials: Float64Array | undefined;
  #count = 0;

  /** Adds `x` exactly; pass `-x` to remove a value that leaves the window. */
  add(x: number): void {
    if (this.#partials === undefined) {
      const hi = this.#hi;
      const lo = this.#lo;
      const sum = hi + x;
      const virtualX = sum - hi;
      const error = hi - (sum - virtualX) + (x - virtualX);
      const low = error + lo;
      const virtualLo = low - error;
      // `low` is error + lo exactly when this is 0 (NaN for non-finite values, which take the general path too).
      if (error - (low - virtualLo) + (lo - virtualLo) === 0) {
        this.#hi = sum;
        this.#lo = low;
        return;
      }
      this.#partials = new Float64Array(MAX_PARTIALS);
      this.#addPartial(hi);
      this.#addPartial(lo);
    }
    this.#addPartial(x);
  }

  /** The exact sum rounded half-even to the nearest double, as `math.fsum` returns it. */
  value(): number {
    const partials = this.#partials;
    if (partials === undefined) return this.#hi + this.#lo;
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

  #addPartial(value: number): void {
    const partials = this.#partials as Float64Array;
    const count = this.#count;
    let x = value;
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
}
