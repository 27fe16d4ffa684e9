import { z } from 'zod';

/** A non-negative decimal given as a number or a string in the file; kept as a string so money never becomes a float. */
export const DecimalString = z
  .union([z.number().finite(), z.string()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d+(\.\d+)?$/.test(v), { message: 'must be a non-negative decimal number' });

/**
 * The settings shared by every run of a sweep and by `fleet backtest`: starting cash, order size and costs.
 * Defaults match the engine's: 100,000 cash, 100 units per order, no commission, no slippage.
 */
export const BacktestSettings = z.strictObject({
  /** @defaultValue '100000' */
  cash: DecimalString.default('100000'),
  /** Units per order. @defaultValue 100 */
  size: z.number().int().positive().default(100),
  /** Commission as a fraction of notional, e.g. 0.001 = 0.1 %. @defaultValue '0' */
  commission: DecimalString.default('0'),
  /** Slippage against the trader in basis points. @defaultValue 0 */
  slippageBps: z.number().finite().nonnegative().default(0),
});
export type BacktestSettings = z.infer<typeof BacktestSettings>;
