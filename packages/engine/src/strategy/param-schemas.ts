import { z } from 'zod';

/** Accepts numbers and numeric strings (CLI and query input), passing anything else through to fail validation. */
function toNumber(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/**
 * An integer strategy parameter ≥ `min` with a default, reported as e.g. `must be an integer ≥ 1`.
 * @example
 * integerParam(1, 10).parse('12'); // 12
 */
export function integerParam(min: number, defaultValue: number) {
  const message = `must be an integer ≥ ${min}`;
  return z
    .preprocess(toNumber, z.number({ error: message }).int({ error: message }).min(min, { error: message }))
    .default(defaultValue);
}

/**
 * A real strategy parameter strictly between `above` and `below`, with a default.
 * @example
 * boundedParam(0, 100, 30).parse(25); // 25
 */
export function boundedParam(above: number, below: number, defaultValue: number) {
  const message = `must be a number > ${above} and < ${below}`;
  return z
    .preprocess(toNumber, z.number({ error: message }).gt(above, { error: message }).lt(below, { error: message }))
    .default(defaultValue);
}

/**
 * A real strategy parameter > 0 with a default.
 * @example
 * positiveParam(2).parse(undefined); // 2
 */
export function positiveParam(defaultValue: number) {
  const message = 'must be a number > 0';
  return z.preprocess(toNumber, z.number({ error: message }).gt(0, { error: message })).default(defaultValue);
}
