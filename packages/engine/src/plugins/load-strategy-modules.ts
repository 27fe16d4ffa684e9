import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listStrategies } from '../strategy/strategy-registry.js';

/**
 * Imports strategy plugin modules, each of which registers its strategies with `registerStrategy` when loaded, and
 * returns the sha256 of each module's code by the strategies it registered, so a run's identity changes when its
 * strategy's code does. Kept apart from the engine's pure core (it does I/O) behind the `@fleet/engine/plugins`
 * entry point. Relative paths resolve against the current directory; bare names resolve as packages.
 *
 * @example
 * await loadStrategyModules(['./strategies/my-breakout.js']); // { my_breakout: '9f86d0…' }
 */
export async function loadStrategyModules(specifiers: readonly string[]): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const specifier of specifiers) {
    const target =
      specifier.startsWith('.') || isAbsolute(specifier) ? pathToFileURL(resolve(specifier)).href : specifier;
    let module = loaded.get(target);
    if (!module) {
      const before = new Set(listStrategies().map((s) => s.name));
      try {
        // Hashed before the import, so the digest is of the code that registers, even if the file changes later.
        const url = import.meta.resolve(target);
        const code = url.startsWith('file:') ? await readFile(fileURLToPath(url)) : Buffer.from(url);
        const digest = createHash('sha256').update(code).digest('hex');
        await import(target);
        module = {
          digest,
          strategies: listStrategies()
            .filter((s) => !before.has(s.name))
            .map((s) => s.name),
        };
      } catch (error) {
        throw new Error(`cannot load strategy module '${specifier}': ${(error as Error).message}`, { cause: error });
      }
      loaded.set(target, module);
    }
    for (const name of module.strategies) digests[name] = module.digest;
  }
  return digests;
}

/** Modules imported so far: an ES module runs once per thread, so its strategies and digest are known from then on. */
const loaded = new Map<string, { digest: string; strategies: string[] }>();
