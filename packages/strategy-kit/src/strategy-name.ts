import { ScaffoldError, ScaffoldErrorCode } from './scaffold-error.js';

/** What sweeps and `--strategy` can name: lower case, digits and underscores, as the built-ins are named. */
const pattern = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Checks that `name` can be a strategy's name and a file name at once, and returns the camelCase identifier the
 * scaffold exports it as (`mean_revert` → `meanRevert`).
 * @throws {@link ScaffoldError} `SCAFFOLD_BAD_NAME`
 */
export function identifierOf(name: string): string {
  if (!pattern.test(name) || name.endsWith('_') || name.includes('__')) {
    throw new ScaffoldError(
      ScaffoldErrorCode.badName,
      `strategy name '${name}' must be lower case letters, digits and single underscores, starting with a letter (e.g. mean_revert)`,
    );
  }
  return name.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}
