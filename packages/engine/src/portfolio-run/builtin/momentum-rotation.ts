import { z } from 'zod';
import { integerParam } from '../../strategy/param-schemas.js';
import { definePortfolioStrategy } from '../define-portfolio-strategy.js';

/**
 * Holds the `top` symbols by trailing return close[t] / close[t − lookback] − 1 (descending, ties by symbol name
 * ascending) at weight 1/k each, k being how many are selected, and the rest at 0. Decision bars are lookback,
 * lookback + R, …; a symbol without a close lookback bars back is not ranked.
 */
export const momentumRotation = definePortfolioStrategy({
  name: 'momentum_rotation',
  description: 'Rotate into the `top` symbols by trailing `lookback`-bar return, every `rebalance` bars.',
  params: z.strictObject({ lookback: integerParam(1, 63), top: integerParam(1, 1), rebalance: integerParam(1, 21) }),
  paramDocs: {
    lookback: 'portfolio bars of trailing return, integer ≥ 1 (default 63)',
    top: 'how many symbols to hold, integer ≥ 1 (default 1)',
    rebalance: 'portfolio bars between decisions, integer ≥ 1 (default 21)',
  },
  create({ lookback, top, rebalance }) {
    return {
      onBar(ctx) {
        if (ctx.index < lookback || (ctx.index - lookback) % rebalance !== 0) return;
        const ranked = ctx.symbols
          .map((symbol) => ({ symbol, trailing: ctx.closeAgo(symbol, 0) / ctx.closeAgo(symbol, lookback) - 1 }))
          .filter(({ trailing }) => Number.isFinite(trailing))
          .sort((a, b) => b.trailing - a.trailing || (a.symbol < b.symbol ? -1 : 1));
        const chosen = ranked.slice(0, top);
        ctx.targetWeights(Object.fromEntries(chosen.map(({ symbol }) => [symbol, 1 / chosen.length])));
      },
    };
  },
});
