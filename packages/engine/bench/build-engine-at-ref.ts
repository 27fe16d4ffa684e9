import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A compiled engine from another commit, for measuring against the working tree in the same process. */
export interface EngineAtRef {
  /** The commit the engine was built from. */
  readonly commit: string;
  /** Its `dist` directory (modules are imported from there by path). */
  readonly dist: string;
}

// Compiled to dist/bench/bench/, three levels below the package.
const packageDir = fileURLToPath(new URL('../../../', import.meta.url));

function git(args: readonly string[]): string {
  return execFileSync('git', args, { cwd: packageDir, encoding: 'utf8' }).trim();
}

/**
 * The default baseline: where this branch left main, so the bench compares the branch's engine against the one it
 * started from (after `git merge main` that is main's tip, which still lacks the branch's own commits).
 */
export function defaultBaseRef(): string {
  return git(['merge-base', 'HEAD', 'main']);
}

/**
 * Compiles `packages/engine` as it was at `ref` into a temp directory keyed by the commit (reused on the next run,
 * since a commit's sources never change), with this checkout's installed dependencies linked in.
 * @throws when `ref` names no commit or the old sources do not compile
 */
export function buildEngineAtRef(ref: string): EngineAtRef {
  const commit = git(['rev-parse', '--verify', `${ref}^{commit}`]);
  const root = join(tmpdir(), `fleet-engine-${commit}`);
  const dist = join(root, 'packages/engine/dist');
  if (existsSync(join(dist, 'index.js'))) return { commit, dist };
  const building = `${root}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const repo = git(['rev-parse', '--show-toplevel']);
  const archive = execFileSync('git', ['archive', commit, 'packages/engine'], { cwd: repo, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', building], { input: archive });
  symlinkSync(join(packageDir, 'node_modules'), join(building, 'packages/engine/node_modules'));
  // Since the engine hashes its own sources, its build writes src/engine-identity.ts first; older refs lack the script.
  const identity = join(building, 'packages/engine/scripts/write-engine-identity.mjs');
  if (existsSync(identity)) execFileSync(process.execPath, [identity], { stdio: 'inherit' });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(building, 'packages/engine/tsconfig.build.json')], {
    stdio: 'inherit',
  });
  rmSync(root, { recursive: true, force: true });
  mkdirSync(dirname(root), { recursive: true });
  renameSync(building, root);
  return { commit, dist };
}
