function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * How many times the chosen parameter set changes from one fold to the next (0 for a set that never changes,
 * `folds − 1` for one that changes every time); key order does not matter.
 *
 * Why: a walk-forward whose winner jumps around the grid every fold is selecting noise even when its stitched
 * returns look good.
 *
 * @example
 * parameterChanges([{ fast: 10, slow: 50 }, { slow: 50, fast: 10 }, { fast: 20, slow: 50 }]); // 1
 */
export function parameterChanges(chosen: ReadonlyArray<Readonly<Record<string, unknown>>>): number {
  let changes = 0;
  for (let i = 1; i < chosen.length; i++) {
    if (canonical(chosen[i]) !== canonical(chosen[i - 1])) changes++;
  }
  return changes;
}
