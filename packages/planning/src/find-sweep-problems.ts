import { rangeEndMs, rangeStartMs, type SweepSpec } from '@fleet/contracts';
import { findAxisProblems } from './find-axis-problems.js';
import { ParamGrid } from './param-grid.js';
import type { ParamRule } from './param-rule.js';

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

const EXAMPLES = 3;

/**
 * At most this many combinations of one strategy are checked against its schema (about 2 µs each), spread over the
 * grid when it is larger, so the check takes a fraction of a second whatever the file says.
 */
export const MAX_CHECKED_COMBINATIONS = 100_000;

/** Options of {@link findSweepProblems}. */
export interface FindSweepProblemsOptions {
  /** Told what was checked only in part (a grid larger than {@link MAX_CHECKED_COMBINATIONS}). */
  onNote?: (note: string) => void;
}

/**
 * Everything in a schema-valid sweep that cannot run, each with its path in the file: unknown strategies (with the
 * valid ones), unknown parameters (with the valid ones), parameter domains the strategy's rules refuse on their own
 * (a fractional step of an integer parameter, a value out of bounds: checked per axis, without enumeration),
 * parameter combinations the strategy refuses (counted, with examples, and how to prune them), symbols without bars
 * for the interval, and date ranges outside the data. Combinations are checked only when every axis is valid, and at
 * most {@link MAX_CHECKED_COMBINATIONS} of them, spread over the grid; `onNote` is told when the check was partial.
 *
 * @example
 * const problems = findSweepProblems(spec, { strategies: listStrategies(), series: await listBarSeries(db), parseParams: parseStrategyParams });
 */
export function findSweepProblems(
  spec: SweepSpec,
  catalog: SweepCatalog,
  options: FindSweepProblemsOptions = {},
): string[] {
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
    const grid = new ParamGrid(strategy);
    let checked = 0;
    let invalid = 0;
    const examples: string[] = [];
    for (const params of grid.spread(MAX_CHECKED_COMBINATIONS)) {
      checked++;
      try {
        catalog.parseParams(strategy.name, params);
      } catch (error) {
        if (invalid++ < EXAMPLES) examples.push(`${JSON.stringify(params)}: ${(error as Error).message}`);
      }
    }
    const partial = grid.rawCount > MAX_CHECKED_COMBINATIONS;
    const scope = partial
      ? ` of ${checked.toLocaleString('en')} checked (spread over ${grid.rawCount.toLocaleString('en')})`
      : '';
    if (invalid > 0) {
      problems.push(
        `strategies[${i}].params: ${invalid} combination${invalid > 1 ? 's' : ''}${scope} ${invalid > 1 ? 'are' : 'is'} invalid for ${strategy.name}, e.g. ${examples.join('; ')}` +
          ' — narrow the ranges or prune them with `where:` (e.g. `where: fast < slow`)',
      );
    } else if (partial) {
      options.onNote?.(
        `strategies[${i}].params: checked ${checked.toLocaleString('en')} of ${grid.rawCount.toLocaleString('en')} combinations against ${strategy.name}'s rules, spread over the grid; any other invalid run fails alone`,
      );
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
  return problems;
}
