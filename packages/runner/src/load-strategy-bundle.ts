import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  collectStrategies,
  type RegisteredPortfolioStrategy,
  type RegisteredStrategy,
  registerStrategy,
} from '@fleet/engine';
import { BundleHashMismatchError } from './bundle-hash-mismatch-error.js';
import { bundleModuleDir } from './bundle-module-dir.js';
import { StrategyLoadFailedError } from './strategy-load-failed-error.js';
import { writeBundleFile } from './write-bundle-file.js';

/** The name a bundle's strategy is registered under in a thread: its own name and its bundle, so versions never clash. */
export const bundledStrategyKey = (name: string, hash: string): string => `${name}@${hash}`;

/** What a loaded bundle offers: each strategy it registers, single-symbol or portfolio, by its own name. */
export interface LoadedBundle {
  strategies: readonly (RegisteredStrategy | RegisteredPortfolioStrategy)[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const loads = new Map<string, Promise<LoadedBundle>>();
/** Loads run one at a time, since {@link collectStrategies} collects from one load at a time. */
let previous: Promise<unknown> = Promise.resolve();

const isStrategy = (value: unknown): value is RegisteredStrategy | RegisteredPortfolioStrategy =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RegisteredStrategy).name === 'string' &&
  typeof (value as RegisteredStrategy).prepare === 'function';

async function load(hash: string, code: string, root: string): Promise<LoadedBundle> {
  const file = join(await bundleModuleDir(root), `${hash}.mjs`);
  await writeBundleFile(file, code);
  // The file on disk is what gets imported, so it is what must hash to the id, whoever else writes the folder.
  if (sha256(await readFile(file, 'utf8')) !== hash)
    throw new BundleHashMismatchError(`strategy bundle ${hash.slice(0, 8)} on disk does not hash to its id`);
  let collected: Awaited<ReturnType<typeof collectStrategies<{ default?: unknown }>>>;
  try {
    collected = await collectStrategies(() => import(pathToFileURL(file).href) as Promise<{ default?: unknown }>);
  } catch (error) {
    throw new StrategyLoadFailedError(
      `strategy bundle ${hash.slice(0, 8)} threw while loading: ${(error as Error)?.message ?? String(error)}`,
    );
  }
  const strategies = [...collected.strategies];
  const fallback = collected.value.default;
  if (isStrategy(fallback) && !strategies.includes(fallback)) strategies.push(fallback);
  if (strategies.length === 0)
    throw new StrategyLoadFailedError(
      `strategy bundle ${hash.slice(0, 8)} defines no strategy: call registerStrategy(defineStrategy({ … })) or export default defineStrategy({ … }) (or definePortfolioStrategy)`,
    );
  for (const strategy of strategies) registerStrategy({ ...strategy, name: bundledStrategyKey(strategy.name, hash) });
  return { strategies };
}

/**
 * Loads a strategy file's bundle into this thread once, after checking that its bytes hash to `hash`, and registers
 * each strategy it defines (single-symbol or portfolio) under {@link bundledStrategyKey}, so runs name it as `name@hash`. The bundle is imported
 * from a file under `root` (see {@link bundleModuleDir}); a bundle that throws while loading, or defines nothing,
 * rejects with {@link StrategyLoadFailedError} (and does so again for every later call: its runs fail alike).
 * Imports run the bundle's top-level code, so call this only where strategies run: engine and calibration threads.
 *
 * @throws {@link BundleHashMismatchError} when the bytes are not the ones named, {@link StrategyLoadFailedError}
 * @example
 * const { strategies } = await loadStrategyBundle(hash, code, '/tmp/fleet-strategy-bundles');
 */
export function loadStrategyBundle(hash: string, code: string, root: string): Promise<LoadedBundle> {
  const known = loads.get(hash);
  if (known) return known;
  if (sha256(code) !== hash)
    return Promise.reject(
      new BundleHashMismatchError(`the bytes given for strategy bundle ${hash.slice(0, 8)} do not hash to its id`),
    );
  const loading = previous.then(() => load(hash, code, root));
  previous = loading.catch(() => undefined);
  loads.set(hash, loading);
  // A fault of the disk is not the bundle's: forget it, so the next job tries again.
  loading.catch((error: unknown) => {
    if ((error as Error)?.name !== 'StrategyLoadFailedError') loads.delete(hash);
  });
  return loading;
}
