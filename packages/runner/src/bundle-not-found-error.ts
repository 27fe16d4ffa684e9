/** A job names a strategy bundle that is not stored. */
export class BundleNotFoundError extends Error {
  override readonly name = 'BundleNotFoundError';
  readonly code = 'BUNDLE_NOT_FOUND';
}
