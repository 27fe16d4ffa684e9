import { z } from 'zod';
import { integerParam, positiveParam } from '../param-schemas.js';
import { defineStrategy } from '../strategy-definition.js';

/**
 * Long-only Bollinger band mean reversion: middle = SMA(close, period), bands = middle ± k × population standard
 * deviation. Flat and close < lower band → buy; long and close > middle → close.
 */
export const bollingerReversion = defineStrategy({
  name: 'bollinger_reversion',
  description:
    'Buy when close falls below the lower Bollinger band; close the position when close rises above the middle.',
  params: z.strictObject({ period: integerParam(2, 20), k: positiveParam(2) }),
  paramDocs: {
    period: 'band period in bars; integer ≥ 2; default 20',
    k: 'band width in population standard deviations; number > 0; default 2',
  },
  create({ period, k }, setup) {
    const middle = setup.sma(period);
    const deviation = setup.standardDeviation(period);
    return {
      onBar(ctx) {
        const close = ctx.bars.close.at(0);
        const mid = middle.at(0);
        if (ctx.position === 0) {
          if (close < mid - k * deviation.at(0)) ctx.buy();
        } else if (ctx.position > 0 && close > mid) {
          ctx.close();
        }
      },
    };
  },
});
