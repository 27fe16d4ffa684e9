/** Thrown when a sweep has more runs than `--max-runs` allows. */
export class SweepTooLargeError extends Error {
  override readonly name = 'SweepTooLargeError';
  readonly code = 'SWEEP_OVER_LIMIT';
}
