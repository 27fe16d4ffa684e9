/** Thrown when the engine refuses to replay a run that succeeded when it was stored: its code or bars changed since. */
export class ReplayFailedError extends Error {
  override readonly name = 'ReplayFailedError';
  readonly code = 'REPLAY_FAILED';
}
