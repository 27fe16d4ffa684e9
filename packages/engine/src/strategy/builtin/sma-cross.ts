import { z } from 'zod';
import { integerParam } from '../param-schemas.js';
import type { StrategyContext } from '../strategy.js';
import { defineStrategy } from '../strategy-definition.js';

/**
 * Long-only moving-average crossover with backtrader's `CrossOver` semantics: a cross up happens on a bar where the
 * fast SMA is above the slow one and the last non-zero (fast − slow) before this bar was negative (so touching
 * without crossing is no signal); a cross down mirrors it. Flat + cross up → buy; long + cross down → close.
 * No signal before both averages exist and one earlier difference is known.
 */
export const smaCross = defineStrategy({
  name: 'sma_cross',
  description: 'Buy when the fast SMA of close crosses above the slow SMA; close the position when it crosses below.',
  params: z
    .strictObject({ fast: integerParam(1, 10), slow: integerParam(1, 30) })
    .refine((p) => p.fast < p.slow, { error: 'must be less than slow', path: ['fast'] }),
  paramDocs: {
    fast: 'fast SMA period in bars; integer ≥ 1, less than slow; default 10',
    slow: 'slow SMA period in bars; integer ≥ 1, greater than fast; default 30',
  },
  create({ fast, slow }, setup) {
    const fastLine = setup.sma(fast);
    const slowLine = setup.sma(slow);
    const strategy = {
      /**
       * Last non-zero fast − slow up to the previous bar; NaN until both averages exist. A field rather than a
       * closure variable: V8 boxes a double written to a closure afresh on every write, i.e. on every bar.
       */
      lastNonZero: Number.NaN,
      onBar(ctx: StrategyContext): void {
        const f = fastLine.at(0);
        const s = slowLine.at(0);
        if (Number.isNaN(s) || Number.isNaN(f)) return;
        const lastNonZero = this.lastNonZero;
        if (ctx.position === 0) {
          if (lastNonZero < 0 && f > s) ctx.buy();
        } else if (ctx.position > 0 && lastNonZero > 0 && f < s) {
          ctx.close();
        }
        const difference = f - s;
        if (difference !== 0 || Number.isNaN(lastNonZero)) this.lastNonZero = difference;
      },
    };
    return strategy;
  },
});
