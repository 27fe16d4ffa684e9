/**
 * A strategy bundle could not be loaded in its compartment: it does not parse, imports something other than the
 * engine's strategy API and zod, or throws while its top level runs. Permanent for the same bytes, so its runs fail
 * with this `code` and are never retried; `name` and `code` survive the trip across a thread boundary.
 */
export class StrategyLoadError extends Error {
  override readonly name = 'StrategyLoadError';
  readonly code = 'STRATEGY_LOAD_FAILED';
}
