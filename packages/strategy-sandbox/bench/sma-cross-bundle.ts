/**
 * The built-in sma_cross as a strategy file's bundle carries it: the same rule, written against the engine's public
 * strategy API and zod, so the bench measures the compartment on the engine's reference workload.
 */
export const smaCrossBundle = `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';

export const smaCrossBundle = defineStrategy({
  name: 'sma_cross_bundle',
  description: 'sma_cross from a bundle',
  params: z
    .strictObject({ fast: z.number().int().min(1).default(10), slow: z.number().int().min(1).default(30) })
    .refine((p) => p.fast < p.slow, { error: 'must be less than slow', path: ['fast'] }),
  paramDocs: { fast: 'fast SMA period', slow: 'slow SMA period' },
  create({ fast, slow }, setup) {
    const fastLine = setup.sma(fast);
    const slowLine = setup.sma(slow);
    let lastNonZero = Number.NaN;
    return {
      onBar(ctx) {
        const f = fastLine.at(0);
        const s = slowLine.at(0);
        if (Number.isNaN(s) || Number.isNaN(f)) return;
        if (ctx.position === 0) {
          if (lastNonZero < 0 && f > s) ctx.buy();
        } else if (ctx.position > 0 && lastNonZero > 0 && f < s) {
          ctx.close();
        }
        const difference = f - s;
        if (difference !== 0 || Number.isNaN(lastNonZero)) lastNonZero = difference;
      },
    };
  },
});
registerStrategy(smaCrossBundle);
`;
