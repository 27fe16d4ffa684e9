/** A strategy file imports something a bundle may not (a package other than `@fleet/engine` and `zod`, a builtin). */
export class ForbiddenImportError extends Error {
  override readonly name = 'ForbiddenImportError';
  readonly code = 'STRATEGY_FORBIDDEN_IMPORT';

  constructor(
    /** The file that has the import, relative to the current directory. */
    readonly importer: string,
    /** The import as written. */
    readonly specifier: string,
  ) {
    super(
      `${importer}: imports '${specifier}'; a strategy file may import only relative files, '@fleet/engine' and 'zod'`,
    );
  }
}
