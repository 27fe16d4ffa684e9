import { z } from 'zod';

/**
 * The content hash of one symbol's bars at one interval, as 16 hex digits. It changes whenever a bar of the series
 * changes and only then, so workers can key caches by it and every stored run can name the exact data it saw.
 */
export const DataVersion = z.string().regex(/^[0-9a-f]{16}$/, { message: 'must be 16 lowercase hex digits' });
export type DataVersion = z.infer<typeof DataVersion>;
