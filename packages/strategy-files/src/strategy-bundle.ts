/**
 * A strategy file as it ships with a sweep: one self-contained ES module whose only imports are the engine's strategy
 * API (`@fleet/engine`) and `zod`, named by the sha256 of its bytes, so every worker runs exactly the code submitted.
 */
export interface StrategyBundle {
  /** sha256 of `bundle`'s UTF-8 bytes, 64 lower-case hex digits: the bundle's identity. */
  hash: string;
  /** The strategy file's name (`momentum.ts`), as results show it beside the short hash. */
  fileName: string;
  /** The strategy file's own text, for `fleet strategy show`. */
  source: string;
  /** The ES module workers load. */
  bundle: string;
}

/** Largest bundle (and strategy file) accepted, in bytes: far above any strategy, small enough for every job to fetch. */
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/** The imports a bundle may keep: the engine's public strategy API and zod, which every engine thread provides. */
export const ALLOWED_IMPORTS: readonly string[] = ['@fleet/engine', 'zod'];
