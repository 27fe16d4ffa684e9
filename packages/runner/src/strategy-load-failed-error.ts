/** A strategy file's bundle threw while loading, or registers no strategy: its runs fail for good, with the reason. */
export class StrategyLoadFailedError extends Error {
  override readonly name = 'StrategyLoadFailedError';
  readonly code = 'STRATEGY_LOAD_FAILED';
}
