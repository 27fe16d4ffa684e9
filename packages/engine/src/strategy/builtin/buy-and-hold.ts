import { z } from 'zod';
import { defineStrategy } from '../strategy-definition.js';

/**
 * The benchmark every other strategy should beat: buy on the first bar (filled at the second bar's open) and hold to
 * the end. A rejected entry is retried on the next bar.
 */
export const buyAndHold = defineStrategy({
  name: 'buy_and_hold',
  description: 'Buy once at the start and hold until the end of the data.',
  params: z.strictObject({}),
  paramDocs: {},
  create() {
    let entered = false;
    return {
      onBar(ctx) {
        if (!entered && ctx.position === 0 && ctx.pendingOrders === 0) ctx.buy();
      },
      onOrderFilled() {
        entered = true;
      },
    };
  },
});
