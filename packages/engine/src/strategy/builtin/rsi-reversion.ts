import { z } from 'zod';
import { boundedParam, integerParam } from '../param-schemas.js';
import { defineStrategy } from '../strategy-definition.js';

/**
 * Long-only mean reversion on Wilder's RSI: flat and RSI < low → buy; long and RSI > high → close.
 */
export const rsiReversion = defineStrategy({
  name: 'rsi_reversion',
  description: 'Buy when Wilder RSI of close drops below `low`; close the position when it rises above `high`.',
  params: z
    .strictObject({ period: integerParam(2, 14), low: boundedParam(0, 100, 30), high: boundedParam(0, 100, 70) })
    .refine((p) => p.low < p.high, { error: 'must be less than high', path: ['low'] }),
  paramDocs: {
    period: 'RSI period in bars (Wilder smoothing); integer ≥ 2; default 14',
    low: 'buy below this RSI; number in (0, 100), less than high; default 30',
    high: 'close above this RSI; number in (0, 100), greater than low; default 70',
  },
  create({ period, low, high }, setup) {
    const rsi = setup.rsi(period);
    return {
      onBar(ctx) {
        const value = rsi.at(0);
        if (ctx.position === 0) {
          if (value < low) ctx.buy();
        } else if (ctx.position > 0 && value > high) {
          ctx.close();
        }
      },
    };
  },
});
