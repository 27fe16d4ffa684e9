import type { ParamDomain, SweepStrategy } from '@fleet/contracts';
import { ParamGrid } from './param-grid.js';
import { SweepPlanError } from './sweep-plan-error.js';

/**
 * Beyond this many raw combinations a strategy cannot be filtered or sampled in reasonable time at submit: a
 * constrained or sampled grid is enumerated once to be counted, at about half a million combinations a second.
 */
export const MAX_ENUMERATED_COMBINATIONS = 5_000_000;

/** A 32-bit mix of (seed, ordinal): a reproducible pseudo-random priority for sampling without a stateful RNG. */
function priority(seed: number, ordinal: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ ordinal;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Keeps the `size` smallest (priority, ordinal) pairs seen, as a binary max-heap. */
function smallestPriorities(size: number) {
  const heap: [number, number][] = [];
  const greater = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as [number, number], heap[i] as [number, number]];
  };
  return {
    offer(item: [number, number]) {
      if (heap.length < size) {
        heap.push(item);
        for (let i = heap.length - 1; i > 0 && greater(heap[i] as never, heap[(i - 1) >> 1] as never); i = (i - 1) >> 1)
          swap(i, (i - 1) >> 1);
      } else if (greater(heap[0] as never, item)) {
        heap[0] = item;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let top = i;
          if (l < heap.length && greater(heap[l] as never, heap[top] as never)) top = l;
          if (r < heap.length && greater(heap[r] as never, heap[top] as never)) top = r;
          if (top === i) break;
          swap(i, top);
          i = top;
        }
      }
    },
    ordinals: () => heap.map(([, ordinal]) => ordinal).sort((a, b) => a - b),
  };
}

/** Options of a {@link CombinationSpace}. */
export interface CombinationSpaceOptions {
  /** Stop counting a constrained grid once it has more combinations than this, and throw `overLimit()`. */
  maxCount?: number;
  overLimit?: () => Error;
}

/**
 * The parameter combinations one strategy of a sweep runs, in a fixed order: the grid of its parameter domains
 * (parameter names sorted, the last varying fastest), less the combinations its `where` constraints reject, or a
 * seeded random sample of those. Swept settings (`axes`, e.g. `stopLoss: [0.02, 0.05]`) are dimensions like parameters,
 * outermost so consecutive runs share their settings, and `where` may name them. The count is exact and known up
 * front; combinations are produced lazily, so even a million-combination grid is never held in memory.
 *
 * @example
 * const space = new CombinationSpace(spec.strategies[0]);
 * space.count;                         // e.g. 405 with `where: fast < slow`
 * for (const params of space.combinations()) …
 */
export class CombinationSpace {
  /** The dimensions: swept settings, then parameters, each sorted by name. */
  readonly names: readonly string[];
  /** The swept settings among {@link names}. */
  readonly settingNames: readonly string[];
  readonly count: number;
  private readonly grid: ParamGrid;
  /** Sorted ordinals of the sampled combinations in the filtered grid, for random search. */
  private readonly sample?: readonly number[];
  /** Raw grid ordinal of each position of a filtered or sampled space, built on the first {@link at}. */
  private rawAt?: Uint32Array;

  constructor(
    strategy: SweepStrategy,
    path = 'strategies[?]',
    axes: Readonly<Record<string, ParamDomain>> = {},
    options: CombinationSpaceOptions = {},
  ) {
    this.grid = new ParamGrid(strategy, axes);
    this.names = this.grid.names;
    this.settingNames = this.grid.settingNames;
    const { rawCount, constraints } = this.grid;
    const mustEnumerate = constraints.length > 0 || strategy.search.type === 'random';
    if (mustEnumerate && rawCount > MAX_ENUMERATED_COMBINATIONS) {
      throw new SweepPlanError(
        `${path}: ${rawCount.toLocaleString('en')} combinations are too many to filter or sample (limit ${MAX_ENUMERATED_COMBINATIONS.toLocaleString('en')}); narrow the parameter ranges`,
      );
    }
    if (strategy.search.type === 'random') {
      const { samples, seed } = strategy.search;
      const kept = smallestPriorities(samples);
      let ordinal = 0;
      for (const _ of this.filtered()) {
        kept.offer([priority(seed, ordinal), ordinal]);
        ordinal++;
      }
      this.sample = kept.ordinals();
      this.count = this.sample.length;
    } else if (constraints.length > 0) {
      const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
      let n = 0;
      for (const _ of this.filtered()) {
        if (++n > maxCount)
          throw options.overLimit?.() ?? new SweepPlanError(`${path}: more than ${maxCount} combinations`);
      }
      this.count = n;
    } else {
      this.count = rawCount;
    }
  }

  /** A combination as a run's parameters and its swept settings' values. */
  split(combination: Readonly<Record<string, number>>): {
    params: Record<string, number>;
    settings: Record<string, number>;
  } {
    const params: Record<string, number> = {};
    const settings: Record<string, number> = {};
    for (const [name, value] of Object.entries(combination))
      (this.settingNames.includes(name) ? settings : params)[name] = value;
    return { params, settings };
  }

  /** The combinations from position `from` (0-based, in this space's order) to the end. */
  *combinations(from = 0): Generator<Record<string, number>> {
    if (this.sample) {
      let next = from;
      let ordinal = 0;
      for (const params of this.filtered()) {
        if (next >= this.sample.length) return;
        if (ordinal++ === this.sample[next]) {
          next++;
          yield params;
        }
      }
      return;
    }
    if (this.grid.constraints.length === 0) {
      for (let raw = from; raw < this.grid.rawCount; raw++) yield this.grid.decode(raw);
      return;
    }
    let position = 0;
    for (const params of this.filtered()) if (position++ >= from) yield params;
  }

  /**
   * The combination at `position` (as {@link combinations} would yield it), or `undefined` outside the space. O(1) on a
   * plain grid; a filtered or sampled space is enumerated once on the first call (4 bytes per combination kept).
   */
  at(position: number): Record<string, number> | undefined {
    if (!Number.isInteger(position) || position < 0 || position >= this.count) return undefined;
    if (!this.sample && this.grid.constraints.length === 0) return this.grid.decode(position);
    if (!this.rawAt) {
      // Raw ordinals stay below MAX_ENUMERATED_COMBINATIONS whenever a space is filtered or sampled.
      const rawAt = new Uint32Array(this.count);
      let kept = 0;
      let ordinal = 0;
      for (let raw = 0; raw < this.grid.rawCount && kept < this.count; raw++) {
        const params = this.grid.decode(raw);
        if (!this.grid.accepts(params)) continue;
        if (!this.sample || this.sample[kept] === ordinal) rawAt[kept++] = raw;
        ordinal++;
      }
      this.rawAt = rawAt;
    }
    return this.grid.decode(this.rawAt[position] as number);
  }

  /** An upper bound of the bytes of one combination as JSON, for bounding job sizes without enumerating. */
  maxParamsBytes(): number {
    return this.grid.maxParamsBytes();
  }

  private *filtered(): Generator<Record<string, number>> {
    for (let raw = 0; raw < this.grid.rawCount; raw++) {
      const params = this.grid.decode(raw);
      if (this.grid.accepts(params)) yield params;
    }
  }
}
