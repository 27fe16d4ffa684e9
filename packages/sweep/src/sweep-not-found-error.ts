/** Thrown when a sweep id names no sweep. */
export class SweepNotFoundError extends Error {
  override readonly name = 'SweepNotFoundError';
  readonly code = 'SWEEP_NOT_FOUND';
  constructor(readonly sweepId: string) {
    super(`no sweep with id ${sweepId}`);
  }
}
