/**
 * Thrown for a field or parameter name a run query does not know, or a metric it cannot rank by; a client error,
 * not a server fault.
 */
export class RunQueryError extends Error {
  override readonly name = 'RunQueryError';
  readonly code = 'INVALID_RUN_QUERY';
}
