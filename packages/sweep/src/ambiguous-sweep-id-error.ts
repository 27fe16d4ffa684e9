/** Thrown when a sweep id prefix names more than one sweep; the message lists the candidates. */
export class AmbiguousSweepIdError extends Error {
  override readonly name = 'AmbiguousSweepIdError';
  readonly code = 'AMBIGUOUS_SWEEP_ID';
}
