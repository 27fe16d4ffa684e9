import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports strategy plugin modules, each of which registers its strategies with `registerStrategy` when loaded.
 * Kept apart from the engine's pure core (it does I/O) behind the `@fleet/engine/plugins` entry point. Relative
 * paths resolve against the current directory; bare names resolve as packages.
 *
 * @example
 * await loadStrategyModules(['./strategies/my-breakout.js']);
 */
export async function loadStrategyModules(specifiers: readonly string[]): Promise<void> {
  for (const specifier of specifiers) {
    const target =
      specifier.startsWith('.') || isAbsolute(specifier) ? pathToFileURL(resolve(specifier)).href : specifier;
    try {
      await import(target);
    } catch (error) {
      throw new Error(`cannot load strategy module '${specifier}': ${(error as Error).message}`, { cause: error });
    }
  }
}
