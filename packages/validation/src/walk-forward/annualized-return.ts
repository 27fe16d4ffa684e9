import { ValidationInputError } from '../validation-input-error.js';

const DAYS_PER_YEAR = 365.25;

/**
 * The constant yearly return that compounds to `totalReturn` over `days` calendar days, (1 + R)^(365.25 / days) − 1,
 * so windows of different lengths compare; −1 for a total loss.
 *
 * @throws {@link ValidationInputError} unless `days > 0` and `totalReturn` is finite.
 * @example
 * annualizedReturn(0.21, 730.5); // 0.1 (21 % over two years)
 */
export function annualizedReturn(totalReturn: number, days: number): number {
  if (!(days > 0) || !Number.isFinite(totalReturn)) {
    throw new ValidationInputError(
      `annualizedReturn: needs days > 0 and a finite return, got ${totalReturn} over ${days}`,
    );
  }
  if (totalReturn <= -1) return -1;
  return (1 + totalReturn) ** (DAYS_PER_YEAR / days) - 1;
}
