/** Thrown when a symbol (and interval) names no stored bar series. */
export class SeriesNotFoundError extends Error {
  override readonly name = 'SeriesNotFoundError';
  readonly code = 'SERIES_NOT_FOUND';
}
