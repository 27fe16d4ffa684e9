/** Thrown when a strategy of a sweep has no combination left to run (its `where` prunes them all). */
export class EmptySweepError extends Error {
  override readonly name = 'EmptySweepError';
  readonly code = 'EMPTY_SWEEP';
}
