/**
 * The engine's error vocabulary. Errors cross worker-thread and sandbox boundaries as plain objects, so callers
 * classify them by the stable `name` and `code` fields, never by `instanceof`.
 */

/** Stable machine-readable codes; an error's `code` is always one of these. */
export const EngineErrorCode = {
  InvalidData: 'ENGINE_INVALID_DATA',
  InvalidConfig: 'ENGINE_INVALID_CONFIG',
  InvariantViolation: 'ENGINE_INVARIANT_VIOLATION',
} as const;
export type EngineErrorCode = (typeof EngineErrorCode)[keyof typeof EngineErrorCode];

/**
 * Base of every error the engine throws on purpose, so a caller can tell engine failures (permanent for the same
 * input) from crashes.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/**
 * The bars break a rule the engine relies on (ordering, OHLC consistency, finite positive prices); retrying the
 * same data cannot succeed.
 */
export class InvalidDataError extends EngineError {
  readonly symbol: string;
  /** ISO-8601 UTC time of the offending bar, or `null` when the series as a whole is malformed. */
  readonly barTime: string | null;
  readonly rule: string;

  constructor(symbol: string, barTime: string | null, rule: string) {
    super(EngineErrorCode.InvalidData, `invalid bar data for ${symbol}${barTime ? ` at ${barTime}` : ''}: ${rule}`);
    this.name = 'InvalidDataError';
    this.symbol = symbol;
    this.barTime = barTime;
    this.rule = rule;
  }
}

/** The run configuration or strategy parameters are unusable; the message lists every problem found. */
export class ConfigError extends EngineError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(EngineErrorCode.InvalidConfig, `invalid backtest configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * An internal invariant broke (NaN equity, negative quantity); the engine stops instead of producing a wrong result.
 */
export class InvariantViolationError extends EngineError {
  constructor(message: string) {
    super(EngineErrorCode.InvariantViolation, message);
    this.name = 'InvariantViolationError';
  }
}
