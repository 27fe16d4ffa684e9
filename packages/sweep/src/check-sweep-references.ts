import type { SweepSpec } from '@fleet/contracts';

/** What a sweep may refer to: the strategies the engine knows and the symbols stored for the sweep's interval. */
export interface SweepReferences {
  strategies: readonly string[];
  symbols: ReadonlySet<string>;
}

/**
 * Lists what a valid sweep file names that does not exist, each with its path in the file, so a typo is caught
 * before anything is written or enqueued.
 *
 * @example
 * const problems = checkSweepReferences(spec, { strategies: ['sma_cross'], symbols: new Set(['ORCL']) });
 * // ["strategies[0].name: unknown strategy 'sma'; valid: sma_cross", "symbols: no 1d bars for NVDA (import them with `fleet data import`)"]
 */
export function checkSweepReferences(spec: SweepSpec, known: SweepReferences): string[] {
  const problems: string[] = [];
  spec.strategies.forEach((s, i) => {
    if (!known.strategies.includes(s.name)) {
      problems.push(`strategies[${i}].name: unknown strategy '${s.name}'; valid: ${known.strategies.join(', ')}`);
    }
  });
  const missing = spec.symbols.filter((s) => !known.symbols.has(s));
  if (missing.length > 0) {
    problems.push(
      `symbols: no ${spec.interval} bars for ${missing.join(', ')} (import them with \`fleet data import\`)`,
    );
  }
  return problems;
}
