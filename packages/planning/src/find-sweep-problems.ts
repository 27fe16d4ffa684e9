import { rangeEndMs, rangeStartMs, type SweepSpec } from '@fleet/contracts';
import { findAxisProblems } from './find-axis-problems.js';
import type { ParamRule } from './param-rule.js';
import { foldsOf } from './sweep-folds.js';

/** What a sweep may refer to: the strategies the engine offers and the stored bar series. */
export interface SweepCatalog {
  strategies: readonly {
    name: string;
    params: Readonly<Record<string, string>>;
    /** What the strategy's schema says of each parameter alone; parameters without a rule are checked by combination. */
    paramRules?: Readonly<Record<string, ParamRule>>;
  }[];
  series: readonly { symbol: string; interval: string; from: Date; to: Date }[];
  /** Validates one parameter combination of a strategy, throwing with every problem (the engine's parser). */
  parseParams: (strategy: string, params: Record<string, number>) => unknown;
}

/**
 * Everything in a schema-valid sweep that cannot run and is found without enumerating anything, each with its path in
 * the file: unknown strategies (with the valid ones), unknown parameters (with the valid ones), parameter domains the
 * strategy's rules refuse on their own (a fractional step of an integer parameter, a value out of bounds: checked
 * per axis from `from`, `step` and the last value), symbols without bars for the interval (with the intervals they
 * have), and date ranges outside the data. Combinations are checked apart, by {@link findCombinationProblems}, once
 * the sweep is known to be within its run limit.
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
    const axisProblems = Object.entries(strategy.params).flatMap(([name, domain]) => {
      const rule = info.paramRules?.[name];
      return rule ? findAxisProblems(`strategies[${i}].params.${name}`, strategy.name, name, domain, rule) : [];
    });
    if (axisProblems.length > 0) {
      problems.push(...axisProblems);
      return;
    }
  });

  const series = new Map(catalog.series.filter((s) => s.interval === spec.interval).map((s) => [s.symbol, s]));
  const missing = spec.symbols.filter((s) => !series.has(s));
  if (missing.length > 0) {
    const hints = missing.map((symbol) => {
      const intervals = [...new Set(catalog.series.filter((s) => s.symbol === symbol).map((s) => s.interval))];
      return intervals.length === 0
        ? `import ${symbol} with \`fleet data import\``
        : `${symbol} has ${intervals.join(', ')} bars: set interval: ${intervals[0]}`;
    });
    problems.push(`symbols: no ${spec.interval} bars for ${missing.join(', ')}; ${hints.join('; ')}`);
  }
  const start = rangeStartMs(spec.start);
  const end = rangeEndMs(spec.end);
  for (const symbol of spec.symbols) {
    const s = series.get(symbol);
    if (s && (s.to.getTime() < start || s.from.getTime() > end)) {
      const day = (d: Date) => d.toISOString().slice(0, 10);
      problems.push(
        `start/end: ${spec.start}..${spec.end} is outside the ${spec.interval} data of ${symbol} (${day(s.from)}..${day(s.to)})`,
      );
    }
  }
  try {
    foldsOf(spec);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}
