/**
 * An input the validation statistics cannot work with (too few returns, mismatched blocks, a malformed window
 * duration); the message says which function and which value. Retrying with the same input cannot succeed, so a
 * caller routes it as permanent by its stable `name` and `code`, never by `instanceof` alone.
 *
 * @example
 * try {
 *   parseDuration('3x', 'walkForward.train');
 * } catch (error) {
 *   if ((error as { code?: string }).code === 'VALIDATION_INPUT') console.error((error as Error).message);
 * }
 */
export class ValidationInputError extends Error {
  readonly code = 'VALIDATION_INPUT' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ValidationInputError';
  }
}
