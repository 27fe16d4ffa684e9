import { dirname, resolve } from 'node:path';
import type { SweepSpec } from '@fleet/contracts';
import { SweepFileError } from '@fleet/planning';
import { type BundledStrategyInfo, bundledStrategyKey, inspectStrategyBundles } from '@fleet/runner';
import { bundleStrategyFile, type StrategyBundle } from '@fleet/strategy-files';

/** A sweep's strategy files made ready to submit: see {@link prepareStrategyFiles}. */
export interface PreparedStrategyFiles {
  /**
   * The spec to store: each file strategy named as its file names it, with its bundle's hash, and flagged
   * `portfolio: true` when its bundle defines it as a portfolio strategy.
   */
  spec: SweepSpec;
  /** The spec to check and calibrate: file strategies named `name@hash`, as engine threads register them. */
  keyed: SweepSpec;
  /** One per distinct file, in the order first named. */
  bundles: StrategyBundle[];
  /** What the files' strategies declare, named `name@hash` like {@link PreparedStrategyFiles.keyed}'s. */
  strategies: BundledStrategyInfo[];
}

/**
 * Bundles every strategy file a sweep names (relative to the sweep file), loads the bundles on a thread of their own
 * to learn the strategies they define, and picks each file's strategy: the one its `name` names, or the file's only
 * one. Nothing is written; a forbidden import, an oversized or broken file, or a bundle that throws while loading
 * refuses the sweep here, naming the file.
 *
 * @throws `ForbiddenImportError`, `BundleTooLargeError`, `StrategyFileError`, `StrategyLoadFailedError`, or
 * {@link SweepFileError} when a file does not define the strategy named
 * @example
 * const files = await prepareStrategyFiles(spec, 'sweeps/momentum.yaml', { bundleDir: env.FLEET_BUNDLE_DIR });
 */
export async function prepareStrategyFiles(
  spec: SweepSpec,
  sweepFile: string,
  options: { bundleDir: string; timeoutMs?: number },
): Promise<PreparedStrategyFiles> {
  const byIndex = new Map<number, StrategyBundle>();
  const bundles = new Map<string, StrategyBundle>();
  for (const [i, strategy] of spec.strategies.entries()) {
    if (strategy.file === undefined) continue;
    const bundle = await bundleStrategyFile(resolve(dirname(sweepFile), strategy.file));
    byIndex.set(i, bundle);
    if (!bundles.has(bundle.hash)) bundles.set(bundle.hash, bundle);
  }
  if (bundles.size === 0) return { spec, keyed: spec, bundles: [], strategies: [] };
  const inspected = await inspectStrategyBundles(
    [...bundles.values()].map((b) => ({ hash: b.hash, code: b.bundle, fileName: b.fileName })),
    options,
  );
  const defined = new Map(inspected.map((entry) => [entry.hash, entry.strategies]));
  const problems: string[] = [];
  const strategies = spec.strategies.map((strategy, i) => {
    const bundle = byIndex.get(i);
    if (!bundle) return strategy;
    const offered = defined.get(bundle.hash) ?? [];
    const chosen = offered.find((s) => s.name === strategy.name) ?? (offered.length === 1 ? offered[0] : undefined);
    if (!chosen) {
      problems.push(
        `strategies[${i}].name: ${strategy.file} defines ${offered.map((s) => `'${s.name}'`).join(', ')}; name one of them`,
      );
      return strategy;
    }
    // The bundle alone says whether a file's strategy is a portfolio one, whatever a built-in of its name is.
    const { portfolio: _marked, ...rest } = strategy;
    return { ...rest, name: chosen.name, bundle: bundle.hash, ...(chosen.portfolio ? { portfolio: true } : {}) };
  });
  if (problems.length > 0) throw new SweepFileError(sweepFile, problems);
  const prepared = { ...spec, strategies };
  return {
    spec: prepared,
    keyed: {
      ...prepared,
      strategies: strategies.map((s) => (s.bundle ? { ...s, name: bundledStrategyKey(s.name, s.bundle) } : s)),
    },
    bundles: [...bundles.values()],
    strategies: inspected.flatMap((entry) =>
      entry.strategies.map((s) => ({ ...s, name: bundledStrategyKey(s.name, entry.hash) })),
    ),
  };
}
