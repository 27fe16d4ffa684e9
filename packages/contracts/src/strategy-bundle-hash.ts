import { z } from 'zod';

/** The identity of a strategy file's bundle: the sha256 of its bytes, as 64 lower-case hex digits. */
export const StrategyBundleHash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a sha256 (64 hex digits)' });
export type StrategyBundleHash = z.infer<typeof StrategyBundleHash>;

/** The first 8 hex digits of a bundle hash, as tables show it beside the file name (`momentum.ts@1a2b3c4d`). */
export const shortBundleHash = (hash: string): string => hash.slice(0, 8);
