/** The bytes stored or sent for a bundle do not hash to the id the job names: they are never run. */
export class BundleHashMismatchError extends Error {
  override readonly name = 'BundleHashMismatchError';
  readonly code = 'BUNDLE_HASH_MISMATCH';
}
