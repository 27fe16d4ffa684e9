import type { SweepSpec } from '@fleet/contracts';
import { CombinationSpace } from './combination-space.js';

/** What a sweep may refer to: the strategies the engine offers and the stored bar series. */
export interface SweepCatalog {
  strategies: readonly { name: string; params: Readonly<Record<string, string>> }[];
  series: readonly { symbol: string; interval: string; from: Date; to: Date }[];
  /** Validates one parameter combination of a strategy, throwing with every problem (the engine's parser). */
  parseParams: (strategy: string, params: Record<string, number>) => unknown;
}

const EXAMPLES = 3;

/**
 * Everything in a schema-valid sweep that cannot run, each with its path in the file: unknown strategies (with the
 * valid ones), unknown parameters (with the valid ones), parameter combinations the strategy refuses (counted, with
 * examples, and how to prune them), symbols without bars for the interval, and date ranges outside the data. It
 * checks each distinct combination once, so a grid the size of the run limit is checked in seconds.
 *
 * @example
 * const problems = findSweepProblems(spec, { strategies: listStrategies(), series: await listBarSeries(db), parseParams: parseStrategyParams });
 */
export function findSweepProblems(spec: SweepSpec, catalog: SweepCatalog): string[] {
  const problems: string[] = [];
  const known = new Map(catalog.strategies.map((s) => [s.name, s]));
  spec.strategies.forEach((strategy, i) => {
    const info = known.get(strategy.name);
    if (!info) {
      problems.push(
        `strategies[${i}].name: unknown strategy '${strategy.name}'; valid: ${[...known.keys()].join(', ')}`,
      );
      return;
    }
    const unknown = Object.keys(strategy.params).filter((p) => !(p in info.params));
    if (unknown.length > 0) {
      const valid = Object.keys(info.params).join(', ') || 'none';
      problems.push(
        ...unknown.map((p) => `strategies[${i}].params.${p}: unknown parameter of ${strategy.name}; valid: ${valid}`),
      );
      return;
    }
    let invalid = 0;
    const examples: string[] = [];
    for (const params of new CombinationSpace(strategy).combinations()) {
      try {
        catalog.parseParams(strategy.name, params);
      } catch (error) {
        if (invalid++ < EXAMPLES) examples.push(`${JSON.stringify(params)}: ${(error as Error).message}`);
      }
    }
    if (invalid > 0) {
      problems.push(
        `strategies[${i}].params: ${invalid} combination${invalid > 1 ? 's are' : ' is'} invalid for ${strategy.name}, e.g. ${examples.join('; ')}` +
          ' — narrow the ranges or prune them with `where:` (e.g. `where: fast < slow`)',
      );
    }
  });

  const series = new Map(catalog.series.filter((s) => s.interval === spec.interval).map((s) => [s.symbol, s]));
  const missing = spec.symbols.filter((s) => !series.has(s));
  if (missing.length > 0) {
    problems.push(
      `symbols: no ${spec.interval} bars for ${missing.join(', ')} (import them with \`fleet data import\`)`,
    );
  }
  const start = Date.parse(`${spec.start}T00:00:00Z`);
  const end = Date.parse(`${spec.end}T23:59:59.999Z`);
  for (const symbol of spec.symbols) {
    const s = series.get(symbol);
    if (s && (s.to.getTime() < start || s.from.getTime() > end)) {
      const day = (d: Date) => d.toISOString().slice(0, 10);
      problems.push(
        `start/end: ${spec.start}..${spec.end} is outside the ${spec.interval} data of ${symbol} (${day(s.from)}..${day(s.to)})`,
      );
    }
  }
  return problems;
}
