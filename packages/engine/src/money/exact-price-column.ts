import type { Arithmetic } from './arithmetic.js';

/**
 * One price column of a series in the run's money type, each bar converted on first use and then kept. Turning a
 * double into a decimal is the dearest step of a fill (it goes through the number's shortest string), and the
 * runs of a sweep fill at the same opens again and again, so they share one column through the
 * {@link IndicatorCache}. Decimals are immutable, so sharing one between runs cannot couple them. The same goes for
 * printing them: every trade reports its entry and exit price as text.
 * @typeParam M - the run's money type
 */
export class ExactPriceColumn<M> {
  readonly #prices: Float64Array;
  readonly #math: Arithmetic<M>;
  readonly #exact: (M | undefined)[];
  /** Text of each price handed out so far; `undefined` until first asked for. */
  readonly #texts = new Map<M, string | undefined>();

  constructor(prices: Float64Array, math: Arithmetic<M>) {
    this.#prices = prices;
    this.#math = math;
    this.#exact = new Array<M | undefined>(prices.length).fill(undefined);
  }

  /** The price of bar `index`, equal to `math.fromNumber(prices[index])`. */
  at(index: number): M {
    let exact = this.#exact[index];
    if (exact === undefined) {
      exact = this.#math.fromNumber(this.#prices[index] as number);
      this.#exact[index] = exact;
      this.#texts.set(exact, undefined);
    }
    return exact;
  }

  /** `math.toString(value)`, remembered when `value` is one of this column's prices. */
  textOf(value: M): string {
    if (!this.#texts.has(value)) return this.#math.toString(value);
    let text = this.#texts.get(value);
    if (text === undefined) {
      text = this.#math.toString(value);
      this.#texts.set(value, text);
    }
    return text;
  }
}
