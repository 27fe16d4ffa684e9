/** Thrown when a command does not apply to a sweep in its current status (e.g. retrying a cancelled sweep). */
export class SweepStateError extends Error {
  override readonly name = 'SweepStateError';
  readonly code = 'SWEEP_STATE';
  constructor(
    readonly sweepId: string,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}
