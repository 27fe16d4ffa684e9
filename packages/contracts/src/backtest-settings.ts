import { z } from 'zod';

/** A non-negative decimal given as a number or a string in the file; kept as a string so money never becomes a float. */
const DecimalString = z
  .union([z.number().finite(), z.string()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d+(\.\d+)?$/.test(v), { message: 'must be a non-negative decimal number' });

const settingFields = {
  /** Starting cash. */
  cash: DecimalString,
  /** Units per order. */
  size: z.number().int().positive(),
  /** Commission as a fraction of notional, e.g. 0.001 = 0.1 %. */
  commission: DecimalString,
  /** Slippage against the trader in basis points. */
  slippageBps: z.number().finite().nonnegative(),
};

/**
 * The settings shared by every run of a sweep and by `fleet backtest`: starting cash, order size and costs.
 * Defaults match the engine's: 100,000 cash, 100 units per order, no commission, no slippage.
 */
export const BacktestSettings = z.strictObject({
  /** @defaultValue '100000' */
  cash: settingFields.cash.default('100000'),
  /** @defaultValue 100 */
  size: settingFields.size.default(100),
  /** @defaultValue '0' */
  commission: settingFields.commission.default('0'),
  /** @defaultValue 0 */
  slippageBps: settingFields.slippageBps.default(0),
});
export type BacktestSettings = z.infer<typeof BacktestSettings>;

/** Per-strategy settings in a sweep file; any that are given override the sweep's. */
export const BacktestSettingsOverrides = z.strictObject({
  cash: settingFields.cash.optional(),
  size: settingFields.size.optional(),
  commission: settingFields.commission.optional(),
  slippageBps: settingFields.slippageBps.optional(),
});
export type BacktestSettingsOverrides = z.infer<typeof BacktestSettingsOverrides>;
