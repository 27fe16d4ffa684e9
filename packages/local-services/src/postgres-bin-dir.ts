import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findExecutable } from './find-executable.js';

/** Where Debian and Ubuntu install each PostgreSQL major version's server programs, off the PATH. */
const debianRoot = '/usr/lib/postgresql';

/**
 * The directory holding PostgreSQL's `initdb` and `pg_ctl`: the one on the PATH (Homebrew, Fedora, the official
 * packages) or else the newest Debian `/usr/lib/postgresql/<version>/bin`; undefined when neither is installed.
 */
export async function postgresBinDir(path: readonly string[]): Promise<string | undefined> {
  const initdb = await findExecutable('initdb', path);
  if (initdb && (await findExecutable('pg_ctl', [dirname(initdb)]))) return dirname(initdb);
  const versions = await readdir(debianRoot).catch(() => [] as string[]);
  // Numerically, so 16 comes after 9.6.
  for (const version of versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))) {
    const bin = `${debianRoot}/${version}/bin`;
    if ((await findExecutable('initdb', [bin])) && (await findExecutable('pg_ctl', [bin]))) return bin;
  }
  return undefined;
}
