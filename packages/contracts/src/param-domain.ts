import { z } from 'zod';

/** An inclusive numeric range `from, from+step, …, ≤ to`; counted exactly (decimal arithmetic), never materialized. */
export const ParamRange = z
  .strictObject({
    from: z.number().finite(),
    to: z.number().finite(),
    step: z.number().finite().positive({ message: 'must be > 0' }),
  })
  .refine((r) => r.to >= r.from, { message: 'to must be >= from', path: ['to'] });

/**
 * The values one strategy parameter takes in a sweep: a single number, a list, or an inclusive range.
 *
 * @example
 * ParamDomain.parse({ from: 5, to: 50, step: 5 }); // 10 values
 * ParamDomain.parse([60, 100, 200]);              // 3 values
 * ParamDomain.parse(14);                          // 1 value
 */
export const ParamDomain = z.union([
  z.number().finite(),
  z.array(z.number().finite()).min(1, { message: 'a list needs at least one value' }),
  ParamRange,
]);
export type ParamDomain = z.infer<typeof ParamDomain>;
