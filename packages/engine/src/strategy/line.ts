import type { BarCursor } from '../data/bar-cursor.js';
import { InvariantViolationError } from '../errors.js';

/**
 * A strategy's read-only view of one value per bar (a price column or an indicator), clipped at the bar the engine
 * has reached: `at(0)` is the current bar, `at(1)` the one before. There is no way to ask for a later bar.
 *
 * @example
 * const previousClose = ctx.bars.close.at(1); // NaN before the series starts
 */
export class Line {
  readonly #values: Float64Array;
  readonly #cursor: BarCursor;

  constructor(values: Float64Array, cursor: BarCursor) {
    this.#values = values;
    this.#cursor = cursor;
  }

  /**
   * Value `ago` bars back from the current bar; `NaN` before the first bar (including in `onStart`) or during an
   * indicator's warm-up.
   * @defaultValue ago = 0
   */
  at(ago = 0): number {
    if (!(ago >= 0) || (ago | 0) !== ago) {
      throw new InvariantViolationError(
        `Line.at(${ago}): bars back must be a whole number ≥ 0; a strategy cannot look ahead`,
      );
    }
    const index = this.#cursor.index - ago;
    return index >= 0 ? (this.#values[index] as number) : Number.NaN;
  }
}
