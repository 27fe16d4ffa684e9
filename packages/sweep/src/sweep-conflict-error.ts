/** Thrown when an idempotency key is reused for a different sweep file. */
export class SweepConflictError extends Error {
  override readonly name = 'SweepConflictError';
  readonly code = 'SWEEP_KEY_CONFLICT';
}
