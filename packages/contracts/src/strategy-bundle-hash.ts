import { z } from 'zod';

/** The identity of a strategy file's bundle: the sha256 of its bytes, as 64 lower-case hex digits. */
export const StrategyBundleHash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a sha256 (64 hex digits)' });
export type StrategyBundleHash = z.infer<typeof StrategyBundleHash>;

/** The first 8 hex digits of a bundle hash, as tables show it beside the file name (`momentum.ts@1a2b3c4d`). */
export const shortBundleHash = (hash: string): string => hash.slice(0, 8);

/**
 * How a run of a strategy file names where its strategy came from: the sweep's file name for the bundle and the
 * bundle's short hash (`momentum.ts@1a2b3c4d`); `null` for a built-in or plugin strategy.
 */
export function strategyFileLabel(
  spec: { strategies: readonly { file?: string; bundle?: string }[] },
  bundle: string | null | undefined,
): string | null {
  if (!bundle) return null;
  const file = spec.strategies.find((s) => s.bundle === bundle)?.file ?? 'strategy file';
  return `${file.split(/[\\/]/).pop()}@${shortBundleHash(bundle)}`;
}
