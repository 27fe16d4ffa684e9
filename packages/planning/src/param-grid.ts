import {
  type Expression,
  expressionHolds,
  type ParamDomain,
  parseExpression,
  type SweepStrategy,
} from '@fleet/contracts';
import { type ParamValues, paramValues } from './param-values.js';

/** The longest JSON text of a finite number (e.g. `-1.2345678901234567e-100`), a size bound for axes too long to scan. */
const MAX_NUMBER_JSON_LENGTH = 24;

/** Axes up to this long are scanned value by value for their longest JSON text; longer ones use the bound above. */
const MAX_SCANNED_AXIS = 1_000_000;

/**
 * The raw grid of one strategy's parameter domains (and swept settings, `axes`, outermost so consecutive runs share
 * their settings) and its `where` constraints, before anything is counted: its size
 * is a product, any combination is decoded from its ordinal in O(parameters), and constraints are tested one
 * combination at a time. It lets a submit bound and spot-check a grid of any size without enumerating it.
 *
 * @example
 * const grid = new ParamGrid(strategy);
 * grid.rawCount;            // e.g. 480,001 × 151 for `fast: {from: 2, to: 50, step: 0.0001}, slow: 50..200`
 * grid.decode(0);           // { fast: 2, slow: 50 }
 */
export class ParamGrid {
  /** The dimensions: swept settings, then parameters, each sorted by name; the last varies fastest. */
  readonly names: readonly string[];
  /** The swept settings among {@link names}. */
  readonly settingNames: readonly string[];
  readonly values: readonly ParamValues[];
  /** Combinations before constraints: the product of the axes' value counts. */
  readonly rawCount: number;
  readonly constraints: readonly Expression[];
  /** Scratch space of {@link decode}, which runs millions of times when a constrained grid is counted. */
  private readonly digits: number[];

  constructor(strategy: SweepStrategy, axes: Readonly<Record<string, ParamDomain>> = {}) {
    this.settingNames = Object.keys(axes).sort();
    this.names = [...this.settingNames, ...Object.keys(strategy.params).sort()];
    this.values = this.names.map((name) => paramValues((axes[name] ?? strategy.params[name]) as ParamDomain));
    this.rawCount = this.values.reduce((n, v) => n * v.count, 1);
    this.constraints = strategy.where.map((w) => parseExpression(w));
    this.digits = new Array<number>(this.names.length).fill(0);
  }

  /** The combination at a raw ordinal, with keys in sorted-name order so stored params read the same everywhere. */
  decode(raw: number): Record<string, number> {
    const { digits, names, values } = this;
    let rest = raw;
    for (let p = names.length - 1; p >= 0; p--) {
      const count = (values[p] as ParamValues).count;
      digits[p] = rest % count;
      rest = Math.floor(rest / count);
    }
    const params: Record<string, number> = {};
    for (let p = 0; p < names.length; p++)
      params[names[p] as string] = (values[p] as ParamValues).at(digits[p] as number);
    return params;
  }

  /** Whether a combination passes every `where` constraint. */
  accepts(params: Readonly<Record<string, number>>): boolean {
    return this.constraints.every((c) => expressionHolds(c, params));
  }

  /**
   * Up to `limit` combinations that pass the constraints, spread evenly over the raw grid (all of them when the grid
   * is no larger), so a check of a huge grid still sees both ends of every axis while costing at most `limit` tests.
   */
  *spread(limit: number): Generator<Record<string, number>> {
    if (this.rawCount <= limit) {
      for (let raw = 0; raw < this.rawCount; raw++) {
        const params = this.decode(raw);
        if (this.accepts(params)) yield params;
      }
      return;
    }
    const stride = (this.rawCount - 1) / (limit - 1);
    for (let k = 0; k < limit; k++) {
      const params = this.decode(Math.round(k * stride));
      if (this.accepts(params)) yield params;
    }
  }

  /** An upper bound of the bytes of one combination as JSON (`{"fast":2,"slow":50}`), without enumerating the grid. */
  maxParamsBytes(): number {
    if (this.names.length === 0) return 2;
    return this.names.reduce(
      (bytes, name, p) =>
        bytes + Buffer.byteLength(JSON.stringify(name)) + 1 + maxJsonLength(this.values[p] as ParamValues),
      1 + this.names.length,
    );
  }
}

function maxJsonLength(values: ParamValues): number {
  if (values.count > MAX_SCANNED_AXIS) return MAX_NUMBER_JSON_LENGTH;
  let longest = 0;
  for (let i = 0; i < values.count; i++) longest = Math.max(longest, JSON.stringify(values.at(i)).length);
  return longest;
}
