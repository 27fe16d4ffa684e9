import { type SweepSpec, splitSettings, strategySettingDomains } from '@fleet/contracts';
import type { SweepCatalog } from './find-sweep-problems.js';
import { ParamGrid } from './param-grid.js';

const EXAMPLES = 3;

/**
 * At most this many combinations of one strategy are checked against its schema (about 2 µs each), spread over the
 * grid when it is larger, so the check takes a fraction of a second whatever the file says.
 */
export const MAX_CHECKED_COMBINATIONS = 100_000;

/** Options of {@link findCombinationProblems}. */
export interface FindCombinationProblemsOptions {
  /** Told what was checked only in part (a grid larger than {@link MAX_CHECKED_COMBINATIONS}). */
  onNote?: (note: string) => void;
}

/**
 * The parameter combinations each strategy refuses as a whole (rules across parameters, such as `fast < slow`),
 * counted with examples and how to prune them. A grid of up to {@link MAX_CHECKED_COMBINATIONS} raw combinations is
 * checked in full; a larger one at that many combinations spread evenly over it (both ends of every axis included),
 * and `onNote` is told so. Run it after {@link findSweepProblems} found nothing, so every strategy and parameter is
 * known.
 *
 * @example
 * const problems = findCombinationProblems(spec, catalog, { onNote: (note) => console.warn(note) });
 */
export function findCombinationProblems(
  spec: SweepSpec,
  catalog: Pick<SweepCatalog, 'parseParams'>,
  options: FindCombinationProblemsOptions = {},
): string[] {
  const problems: string[] = [];
  spec.strategies.forEach((strategy, i) => {
    // Swept settings are dimensions of the grid so constraints that name them hold; the strategy sees only its params.
    const grid = new ParamGrid(strategy, splitSettings(strategySettingDomains(spec, i)).axes);
    let checked = 0;
    let invalid = 0;
    const examples: string[] = [];
    for (const combination of grid.spread(MAX_CHECKED_COMBINATIONS)) {
      checked++;
      const params = Object.fromEntries(
        Object.entries(combination).filter(([name]) => !grid.settingNames.includes(name)),
      );
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
  return problems;
}
