/** Stable codes of {@link ScaffoldError}, so a caller can tell a bad name from a file that is already there. */
export const ScaffoldErrorCode = {
  badName: 'SCAFFOLD_BAD_NAME',
  fileExists: 'SCAFFOLD_FILE_EXISTS',
} as const;
export type ScaffoldErrorCode = (typeof ScaffoldErrorCode)[keyof typeof ScaffoldErrorCode];

/** Why `fleet strategy new` wrote nothing: the name is not a strategy name, or a file it would write exists. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
  readonly code: ScaffoldErrorCode;

  constructor(code: ScaffoldErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
