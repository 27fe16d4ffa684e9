import type { ValidationTrial } from '@fleet/db';
import { metricValueOf, type ValidationSelection } from './validation-selection.js';

/** Where a group's best row sits in the grid it was picked from. */
export interface ParameterNeighbourhood {
  /**
   * The mean of the selection metric over the best's neighbours one grid step away (one parameter or swept setting
   * moved to the next value swept, the others equal); `null` without a neighbour. Close to the best's own value, the
   * best is a plateau; far below it, a spike that a small change of market would knock over.
   */
  readonly stability: number | null;
  readonly neighbours: number;
  /** The parameters and swept settings whose best value is the lowest or highest of its swept range. */
  readonly onEdge: readonly { readonly name: string; readonly value: number; readonly side: 'low' | 'high' }[];
}

const axesOf = (trial: ValidationTrial): Record<string, number> => ({ ...trial.settings, ...trial.params });

/**
 * The {@link ParameterNeighbourhood} of `best` among the trials of its group. The grid is read from the trials
 * themselves (each axis's distinct values, sorted), so it works for a random sample as well as a full grid.
 *
 * @example
 * const { stability, onEdge } = parameterNeighbourhood(trials, best, { select: 'sharpe', minTrades: 0 });
 */
export function parameterNeighbourhood(
  trials: readonly ValidationTrial[],
  best: ValidationTrial,
  selection: ValidationSelection,
): ParameterNeighbourhood {
  const bestAxes = axesOf(best);
  const names = Object.keys(bestAxes).sort();
  const values = new Map(names.map((name) => [name, new Set<number>()]));
  for (const trial of trials) {
    for (const [name, value] of Object.entries(axesOf(trial))) values.get(name)?.add(value);
  }
  const grid = new Map([...values].map(([name, set]) => [name, [...set].sort((a, b) => a - b)]));
  const onEdge: ParameterNeighbourhood['onEdge'][number][] = [];
  for (const name of names) {
    const axis = grid.get(name) as number[];
    const value = bestAxes[name] as number;
    if (axis.length < 2) continue;
    if (value === axis[0]) onEdge.push({ name, value, side: 'low' });
    else if (value === axis[axis.length - 1]) onEdge.push({ name, value, side: 'high' });
  }
  let sum = 0;
  let neighbours = 0;
  for (const trial of trials) {
    const axes = axesOf(trial);
    let moved: string | undefined;
    let apart = 0;
    for (const name of names) {
      if (axes[name] !== bestAxes[name]) {
        moved = name;
        apart++;
      }
    }
    if (apart !== 1 || moved === undefined) continue;
    const axis = grid.get(moved) as number[];
    const step = Math.abs(axis.indexOf(axes[moved] as number) - axis.indexOf(bestAxes[moved] as number));
    const value = metricValueOf(trial, selection.select);
    if (step !== 1 || value === null) continue;
    sum += value;
    neighbours++;
  }
  return { stability: neighbours > 0 ? sum / neighbours : null, neighbours, onEdge };
}
