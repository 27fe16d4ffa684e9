/**
 * The source of a new strategy file: a plugin module in the shape `FLEET_STRATEGY_MODULES` and strategy files share
 * (it registers its strategy when loaded and exports it for its test), importing only the engine's strategy API and
 * zod, which is all a strategy file may import. It trades (long above a band around its average, flat below it) so
 * its test has something to check from the first run.
 */
export function strategyTemplate(name: string, identifier: string): string {
  return `import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';

/**
 * ${name}: long while the close is more than \`band\` above its \`period\`-bar average, flat once it falls back below
 * the average. Replace the rule with yours; keep the parameters' constraints in the schema, so a sweep over bad
 * values is refused before anything runs.
 */
export const ${identifier} = defineStrategy({
  name: '${name}',
  description: 'Long above a band over the moving average of close; flat below the average.',
  params: z.strictObject({
    period: z.number().int().min(2).max(250).default(20),
    band: z.number().min(0).lt(0.2).default(0.01),
  }),
  paramDocs: {
    period: 'moving-average length in bars; integer from 2 to 250; default 20',
    band: 'entry threshold above the average, as a fraction; 0 ≤ band < 0.2; default 0.01',
  },
  create({ period, band }, setup) {
    // Indicators come from the setup object: computed once per series and shared by every run of a sweep.
    const average = setup.sma(period);
    return {
      onBar(ctx) {
        const mean = average.at(0);
        if (Number.isNaN(mean)) return; // still warming up
        const close = ctx.bars.close.at(0);
        if (ctx.position === 0 && close > mean * (1 + band)) ctx.buy();
        else if (ctx.position > 0 && close < mean) ctx.close();
      },
    };
  },
});

registerStrategy(${identifier});
`;
}
