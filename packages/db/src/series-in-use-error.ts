/** Thrown when a bar series cannot be deleted because a sweep that is still running was pinned to it at submit. */
export class SeriesInUseError extends Error {
  override readonly name = 'SeriesInUseError';
  readonly code = 'SERIES_IN_USE';
}
