/**
 * The number system the accounting runs in. Real runs use {@link decimalArithmetic}; the float implementation
 * exists so the benchmark can measure what exact money costs against the very same engine code.
 *
 * @typeParam M - the money representation (`Decimal` or `number`)
 */
export interface Arithmetic<M> {
  readonly zero: M;
  /** A bar price or other double; for decimals this reproduces the file's decimal text (shortest round-trip). */
  fromNumber(value: number): M;
  /** A decimal string from configuration. */
  parse(text: string): M;
  add(a: M, b: M): M;
  sub(a: M, b: M): M;
  mul(a: M, b: M): M;
  div(a: M, b: M): M;
  max(a: M, b: M): M;
  /** Negative, zero or positive like a comparator. */
  compare(a: M, b: M): number;
  /** −1, 0 or 1; cheaper than comparing with zero. */
  sign(value: M): number;
  /** Rounds down to whole units, for sizing orders. */
  floor(value: M): number;
  toNumber(value: M): number;
  toString(value: M): string;
}
