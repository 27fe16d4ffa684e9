import { z } from 'zod';
import { integerParam } from '../param-schemas.js';
import { defineStrategy } from '../strategy-definition.js';

/**
 * Long-only Donchian channel breakout (turtle style): flat and close > highest high of the previous `entry` bars →
 * buy; long and close < lowest low of the previous `exit` bars → close. The current bar is excluded from both
 * channels, otherwise a close could never break out.
 */
export const donchianBreakout = defineStrategy({
  name: 'donchian_breakout',
  description:
    'Buy when close breaks above the previous `entry` bars’ highest high; close below the previous `exit` bars’ lowest low.',
  params: z.strictObject({ entry: integerParam(1, 20), exit: integerParam(1, 10) }),
  paramDocs: {
    entry: 'breakout channel length in bars; integer ≥ 1; default 20',
    exit: 'exit channel length in bars; integer ≥ 1; default 10',
  },
  create({ entry, exit }, setup) {
    const highest = setup.highestHigh(entry);
    const lowest = setup.lowestLow(exit);
    return {
      onBar(ctx) {
        const close = ctx.bars.close.at(0);
        if (ctx.position === 0) {
          if (close > highest.at(0)) ctx.buy();
        } else if (ctx.position > 0 && close < lowest.at(0)) {
          ctx.close();
        }
      },
    };
  },
});
