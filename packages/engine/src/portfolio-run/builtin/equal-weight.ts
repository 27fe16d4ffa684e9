import { z } from 'zod';
import { integerParam } from '../../strategy/param-schemas.js';
import { definePortfolioStrategy } from '../define-portfolio-strategy.js';

/**
 * Holds every symbol at weight 1/N, rebalanced on portfolio bars 0, R, 2R, … (R = `rebalance`). N counts the symbols
 * that have had their first bar by the decision bar: a symbol cannot be traded before it.
 */
export const equalWeight = definePortfolioStrategy({
  name: 'equal_weight',
  description: 'Hold every symbol at weight 1/N, rebalanced every `rebalance` portfolio bars from bar 0.',
  params: z.strictObject({ rebalance: integerParam(1, 21) }),
  paramDocs: { rebalance: 'portfolio bars between rebalances, integer ≥ 1 (default 21)' },
  create({ rebalance }) {
    return {
      onBar(ctx) {
        if (ctx.index % rebalance !== 0) return;
        const listed = ctx.symbols.filter((symbol) => ctx.snapshot(symbol) !== undefined);
        ctx.targetWeights(Object.fromEntries(listed.map((symbol) => [symbol, 1 / listed.length])));
      },
    };
  },
});
