/** Thrown when a sweep has more runs than the submit's `--max-runs` allows; raised before any combination is enumerated. */
export class SweepTooLargeError extends Error {
  override readonly name = 'SweepTooLargeError';
  readonly code = 'SWEEP_OVER_LIMIT';
}
