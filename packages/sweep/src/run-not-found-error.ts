/** Thrown when a sweep has no succeeded run under a run index, so there is nothing to replay. */
export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
  readonly code = 'RUN_NOT_FOUND';
}
