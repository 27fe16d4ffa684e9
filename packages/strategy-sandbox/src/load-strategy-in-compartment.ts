import 'ses';
import { ModuleSource } from '@endo/module-source';
import { defineStrategy, registerStrategy } from '@fleet/engine';
import * as zod from 'zod';
import { boundGlobalsSource } from './bound-globals-source.js';
import { lockdownEngineThread } from './lockdown-engine-thread.js';
import { StrategyLoadError } from './strategy-load-error.js';

/** The only modules a bundle may import, as the bundler allows them. */
const allowedImports = ['@fleet/engine', 'zod'] as const;
const bundleSpecifier = './strategy-bundle.js';

/**
 * The namespaces a bundle's imports resolve to, built once per thread after lockdown. The engine side is the
 * strategy API alone, hardened so a bundle cannot replace `registerStrategy` for the next one. zod is passed as a
 * frozen copy of its namespace rather than hardened: zod defines some properties lazily and breaks when frozen deep.
 */
let endowments: Record<(typeof allowedImports)[number], object> | undefined;
/** The global names every compartment has: the same hardened intrinsics, so one probe tells them all. */
let standardGlobals: string[] | undefined;

/**
 * The bundle as a module source with its standard globals bound (see {@link boundGlobalsSource}), or as written when
 * binding them clashes with a top-level name of its own (a `const Map` or an import named `Map`): that bundle still
 * loads, only without the faster lookups. A bundle that does not parse either way reports its own error.
 */
function moduleSourceOf(bundleSource: string): ModuleSource {
  standardGlobals ??= Object.getOwnPropertyNames(new Compartment().globalThis);
  try {
    return new ModuleSource(boundGlobalsSource(bundleSource, standardGlobals), bundleSpecifier);
  } catch {
    return new ModuleSource(bundleSource, bundleSpecifier);
  }
}

/**
 * Loads a strategy bundle (one self-contained ES module whose only imports are `@fleet/engine` and `zod`) inside a
 * ses Compartment and returns its exports; a bundle that registers its strategy does so in this thread's registry.
 * The compartment's global object holds only the hardened JavaScript intrinsics: no `process`, `require`, `fetch`,
 * timers or host objects, no dynamic `import()` (it resolves through the same two-module map), `Math.random` and
 * `Date.now` throw, and `Function`/`eval` evaluate inside the compartment, so a host object's `constructor` chain
 * leads back to nothing. Locks the thread down first (see {@link lockdownEngineThread}); call it from engine threads
 * only. It confines what code can reach, not how long it runs or how much memory it takes: the thread's heap limit
 * and the run timeout still bound those.
 *
 * @throws {@link StrategyLoadError} (`STRATEGY_LOAD_FAILED`) when the bundle does not parse, imports anything else or
 * throws while loading; Error on the main thread
 * @example
 * const exports = await loadStrategyInCompartment(bundleSource); // { momentum: { name: 'momentum', … } }
 */
export async function loadStrategyInCompartment(bundleSource: string): Promise<Readonly<Record<string, unknown>>> {
  lockdownEngineThread();
  endowments ??= {
    '@fleet/engine': harden({ defineStrategy, registerStrategy }),
    zod: Object.freeze({ ...zod }),
  };
  try {
    const compartment = new Compartment({
      __options__: true,
      name: 'strategy-bundle',
      modules: {
        '@fleet/engine': { namespace: endowments['@fleet/engine'] },
        zod: { namespace: endowments.zod },
        [bundleSpecifier]: { source: moduleSourceOf(bundleSource) },
      },
      resolveHook: (specifier: string) => specifier,
      importHook: async (specifier: string) => {
        throw new Error(
          `import '${specifier}' is not allowed: a strategy may import only ${allowedImports.join(' and ')}`,
        );
      },
      noAggregateLoadErrors: true,
    } as unknown as ConstructorParameters<typeof Compartment>[0]);
    const { namespace } = await compartment.import(bundleSpecifier);
    return namespace as Readonly<Record<string, unknown>>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StrategyLoadError(`strategy bundle failed to load: ${message}`, { cause: error });
  }
}
