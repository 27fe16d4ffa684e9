import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The first `dir/name` that is executable, searching `dirs` in order; undefined when there is none. */
export async function findExecutable(name: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const file = join(dir, name);
    if (
      await access(file, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

/** The directories of a `PATH` value, in order. */
export function pathDirs(path: string | undefined): string[] {
  return (path ?? '').split(delimiter).filter((dir) => dir !== '');
}
