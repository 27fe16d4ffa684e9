import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * Writes a bundle file unless it is there with the same bytes; written aside and renamed into place, so a thread or
 * process importing it never reads half a file.
 */
export async function writeBundleFile(path: string, code: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => undefined)) === code) return;
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, code);
  await rename(temporary, path);
}
