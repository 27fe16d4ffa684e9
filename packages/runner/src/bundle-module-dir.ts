import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding a package's `package.json`, found from any file inside it. */
function packageDir(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${file}`);
    dir = parent;
  }
  return dir;
}

/** Points `link` at `target`, replacing a link to anything else; safe when threads and processes race for it. */
async function ensureLink(target: string, link: string): Promise<void> {
  if ((await readlink(link).catch(() => undefined)) === target) return;
  await mkdir(dirname(link), { recursive: true });
  const temporary = `${link}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await symlink(target, temporary, 'dir');
  try {
    await rename(temporary, link);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The folder bundles are cached in and imported from, under `root`: one per install of the engine (named by a hash of
 * where it and its zod are), holding a `node_modules` whose `@fleet/engine` and `zod` link to this process's own
 * copies. A bundle's two imports then resolve, by Node's ordinary lookup, to the very modules this thread runs, so
 * its `registerStrategy` is the engine's, and the bundle's bytes never need rewriting (they stay what was hashed).
 * Checkouts sharing one `root` never see each other's links.
 */
export async function bundleModuleDir(root: string): Promise<string> {
  const engineEntry = fileURLToPath(import.meta.resolve('@fleet/engine'));
  const engine = packageDir(engineEntry);
  const zod = dirname(createRequire(engineEntry).resolve('zod/package.json'));
  const dir = join(root, createHash('sha256').update(`${engine}\n${zod}`).digest('hex').slice(0, 16));
  await ensureLink(engine, join(dir, 'node_modules', '@fleet', 'engine'));
  await ensureLink(zod, join(dir, 'node_modules', 'zod'));
  return dir;
}
