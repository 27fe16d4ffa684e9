import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * Names the code a worker runs; every run records it so a result can be traced to, and reproduced with, the code
 * that produced it. In order: `given` (`FLEET_CODE_VERSION`, for images built without a git checkout), the git commit
 * of the checkout the worker runs from with `-dirty` appended when tracked files differ from it, or else
 * `@fleet/worker@<package version>`. Resolved once per thread at start, so it costs two `git` calls per thread.
 *
 * @example
 * resolveCodeVersion(); // '074d745d0c1e…9a1b' or '074d745d0c1e…9a1b-dirty'
 * resolveCodeVersion('v1.4.2'); // 'v1.4.2'
 */
export function resolveCodeVersion(given?: string): string {
  if (given !== undefined) return given;
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  // --no-optional-locks: several worker threads start at once, and none may take the index lock another needs.
  const git = (...args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    if (COMMIT.test(commit)) {
      let dirty = false;
      try {
        git('diff', '--quiet', 'HEAD', '--');
      } catch {
        dirty = true;
      }
      return dirty ? `${commit}-dirty` : commit;
    }
  } catch {
    // Not a git checkout (an image, a tarball) or no git installed: the package version is the best name left.
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return `${pkg.name}@${pkg.version}`;
}
