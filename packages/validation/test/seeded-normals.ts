/**
 * A seeded source of standard normal draws (mulberry32 and Box–Muller) for synthetic return series with known
 * answers: deterministic, so a test or a benchmark sees the same data on every run.
 */
export function seededNormals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** `count` series of `length` returns drawn from N(drift(i), volatility²), trial i's drift given by `drift`. */
export function syntheticReturns(
  seed: number,
  count: number,
  length: number,
  volatility: number,
  drift: (trial: number) => number = () => 0,
): Float64Array[] {
  const normal = seededNormals(seed);
  return Array.from({ length: count }, (_, trial) => {
    const mean = drift(trial);
    return Float64Array.from({ length }, () => mean + volatility * normal());
  });
}
