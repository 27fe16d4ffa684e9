/** Thrown at start-up when the TLS settings contradict each other, so a half-configured TLS never silently runs in clear text. */
export class TlsConfigError extends Error {
  override readonly name = 'TlsConfigError';
  readonly code = 'INVALID_TLS_CONFIG';
}
