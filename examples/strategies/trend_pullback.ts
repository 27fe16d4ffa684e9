import { defineStrategy, registerStrategy } from '@fleet/engine';
import { z } from 'zod';

/**
 * Trades with the trend on both sides. Above its `trend`-bar average it is a buyer of pullbacks: a limit order
 * `pullback` standard deviations under the close. Below the average it sells breakdowns short: a stop order at the
 * lowest low of the last `channel` bars. Either position is closed when the close crosses back over the average.
 */
export const trendPullback = defineStrategy({
  name: 'trend_pullback',
  description:
    'Buy pullbacks with a limit in an uptrend, short breakdowns with a stop in a downtrend; exit on the turn.',
  params: z
    .strictObject({
      trend: z.number().int().min(10).max(400).default(100),
      channel: z.number().int().min(2).default(20),
      pullback: z.number().gt(0).max(3).default(1),
    })
    .refine((p) => p.channel < p.trend, { error: 'must be less than trend', path: ['channel'] }),
  paramDocs: {
    trend: 'trend average length in bars; integer from 10 to 400; default 100',
    channel: 'bars of the breakdown channel and of the pullback deviation; integer ≥ 2, less than trend; default 20',
    pullback: 'limit distance under the close in standard deviations; 0 < pullback ≤ 3; default 1',
  },
  create({ trend, channel, pullback }, setup) {
    // Indicators come from the setup object, computed once per series and shared by every run of a sweep.
    const average = setup.sma(trend);
    const deviation = setup.standardDeviation(channel);
    const floor = setup.lowestLow(channel);
    return {
      onBar(ctx) {
        const mean = average.at(0);
        if (Number.isNaN(mean) || Number.isNaN(deviation.at(0)) || Number.isNaN(floor.at(0))) return;
        const close = ctx.bars.close.at(0);
        const uptrend = close > mean;
        if (ctx.position > 0 && !uptrend) ctx.close(); // exit the long when the trend turns down
        if (ctx.position < 0 && uptrend) ctx.close(); // cover the short when it turns up
        if (ctx.position !== 0) return;
        // Flat: replace yesterday's resting entry with today's, so an entry never fills at a stale level.
        ctx.cancelAll();
        const limit = close - pullback * deviation.at(0);
        if (uptrend && limit > 0) ctx.buy({ type: 'limit', price: limit });
        if (!uptrend) ctx.sell({ type: 'stop', price: floor.at(0) });
      },
    };
  },
});

registerStrategy(trendPullback);
