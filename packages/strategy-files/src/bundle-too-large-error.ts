/** A strategy file, or the bundle made of it, is over `MAX_BUNDLE_BYTES` (1 MiB). */
export class BundleTooLargeError extends Error {
  override readonly name = 'BundleTooLargeError';
  readonly code = 'STRATEGY_BUNDLE_TOO_LARGE';
}
