import { definePortfolioStrategy } from '@fleet/engine';
import { z } from 'zod';

/**
 * A portfolio strategy as a file: the built-in equal_weight written out, a template for one's own. It runs once per
 * universe of a sweep (or over every `--data` of `fleet backtest`), holding each symbol at weight 1/N and rebalancing
 * on portfolio bars 0, R, 2R, … (R = `rebalance`). N counts the symbols listed by the decision bar.
 */
export default definePortfolioStrategy({
  name: 'equal_weight_copy',
  description: 'Hold every symbol at weight 1/N, rebalanced every `rebalance` portfolio bars from bar 0.',
  params: z.strictObject({ rebalance: z.number().int().min(1).default(21) }),
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
