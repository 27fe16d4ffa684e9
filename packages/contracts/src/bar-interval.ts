import { z } from 'zod';

/**
 * A bar interval as the importer names it: a positive count and a unit, `s`, `m` (minutes), `h`, `d`, `w` or `M`
 * (calendar month), e.g. `1d`, `1h`, `5m`. Validated where a person types one, so a typo never becomes a new series.
 */
export const BarInterval = z
  .string()
  .regex(/^[1-9]\d*[smhdwM]$/, { message: 'must be a count and a unit s, m, h, d, w or M, e.g. 1d, 1h, 5m' });
export type BarInterval = z.infer<typeof BarInterval>;
