/** A strategy file cannot be read or does not compile; the message names the file and the first problem. */
export class StrategyFileError extends Error {
  override readonly name = 'StrategyFileError';
  readonly code = 'STRATEGY_FILE_INVALID';
}
