/** Thrown for a sweep file that cannot be read or does not match {@link SweepSpec}; lists every problem with its path. */
export class SweepFileError extends Error {
  override readonly name = 'SweepFileError';
  readonly code = 'INVALID_SWEEP_FILE';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`,
    );
  }
}
