import { ValidationInputError } from '../validation-input-error.js';

/**
 * The stitched out-of-sample equity curve of a walk-forward: each fold's out-of-sample equity (which starts flat at
 * the run's cash on its window's first bar) rescaled to start where the previous fold ended, so fold returns
 * compound. Its length is the sum of the folds' lengths; the step between two folds is flat.
 *
 * Why: the stitched curve is the only honest equity of a walk-forward, every bar of it traded with parameters
 * chosen before that bar; its metrics are the walk-forward's result.
 *
 * @param initial the curve's first value.
 * @defaultValue initial: the first fold's first equity
 * @throws {@link ValidationInputError} for an empty fold or a non-positive or non-finite equity value.
 * @example
 * stitchEquity([[100, 110], [100, 90]]); // Float64Array [100, 110, 110, 99]
 */
export function stitchEquity(folds: ReadonlyArray<ArrayLike<number>>, initial?: number): Float64Array {
  let length = 0;
  for (const [index, fold] of folds.entries()) {
    if (fold.length === 0) throw new ValidationInputError(`stitchEquity: fold ${index} has no equity values`);
    length += fold.length;
  }
  const stitched = new Float64Array(length);
  let level = initial ?? (folds[0]?.[0] as number);
  let at = 0;
  for (const [index, fold] of folds.entries()) {
    const base = fold[0] as number;
    for (let i = 0; i < fold.length; i++) {
      const value = fold[i] as number;
      if (!(Number.isFinite(value) && value > 0)) {
        throw new ValidationInputError(`stitchEquity: fold ${index} equity[${i}] is ${value}, not a positive number`);
      }
      stitched[at + i] = level * (value / base);
    }
    at += fold.length;
    level = stitched[at - 1] as number;
  }
  return stitched;
}
