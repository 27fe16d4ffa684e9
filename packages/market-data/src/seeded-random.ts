/**
 * A small seeded PRNG (mulberry32) with standard normal draws (Box–Muller), so synthetic data is the same on every
 * machine and run for a given seed, with no dependence on `Math.random`. Not for cryptography.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.nextGaussian(); // same value every run
 * ```
 */
export class SeededRandom {
  #state: number;
  #spareGaussian: number | undefined;

  /** @param seed - Any number; only its low 32 bits are used. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform draw in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal draw; Box–Muller yields two per pair of uniforms, and the second is kept for the next call. */
  nextGaussian(): number {
    if (this.#spareGaussian !== undefined) {
      const spare = this.#spareGaussian;
      this.#spareGaussian = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.#spareGaussian = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
