import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { smallDecimal } from './small-decimal.js';

/**
 * Everything that makes two Decimals behave the same: decimal.js' fields in its order, its settings (the
 * constructor), and the text money is reported in.
 */
function layout(value: Decimal): unknown {
  return {
    keys: Object.keys(value),
    settings: value.constructor === Decimal,
    decimal: Decimal.isDecimal(value),
    s: value.s,
    e: value.e,
    d: value.d,
    text: value.toFixed(),
  };
}

/** Decimals of 1–20 digits at scales from 10^-24 to 10^20, both signs, zero included: short and long coefficients. */
const decimal = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,20}$/), fc.integer({ min: -24, max: 20 }))
  .map(([negative, digits, exponent]) => new Decimal(`${negative ? '-' : ''}${digits}e${exponent}`));

/** Money as the engine books it: 6-decimal prices, whole units, rates like 0.001, cash with a dozen digits. */
const money = fc.oneof(
  fc.integer({ min: 1, max: 999_999_999 }).map((micros) => new Decimal(micros).dividedBy(1e6)),
  fc.integer({ min: 1, max: 10_000 }).map((units) => new Decimal(units)),
  fc.constantFrom(new Decimal('0.001'), new Decimal('0.0005'), new Decimal('100000'), new Decimal('1e14')),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((cents) => new Decimal(cents.toString()).dividedBy(1e7)),
);

const operand = fc.oneof(decimal, money);

describe('smallDecimal', () => {
  it('adds, subtracts and multiplies exactly as decimal.js does, to the layout', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        const why = `${a.toFixed()} and ${b.toFixed()}`;
        expect(layout(smallDecimal.add(a, b)), `${why}: plus`).toEqual(layout(a.plus(b)));
        expect(layout(smallDecimal.sub(a, b)), `${why}: minus`).toEqual(layout(a.minus(b)));
        expect(layout(smallDecimal.mul(a, b)), `${why}: times`).toEqual(layout(a.times(b)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps computing like decimal.js on its own results (a fill, then cash after it)', () => {
    fc.assert(
      fc.property(money, money, money, (price, units, rate) => {
        const notional = smallDecimal.mul(price, units);
        const commission = smallDecimal.mul(notional, rate);
        const cash = smallDecimal.sub(smallDecimal.sub(new Decimal('100000'), notional), commission);
        const exact = new Decimal('100000').minus(price.times(units)).minus(price.times(units).times(rate));
        expect(layout(cash), `${price} × ${units} × ${rate}`).toEqual(layout(exact));
        expect(layout(cash.plus(commission)), 'a decimal.js op on a fast result').toEqual(
          layout(exact.plus(price.times(units).times(rate))),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it('converts any double exactly as new Decimal(value) does', () => {
    const prices = fc
      .tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 8 }))
      .map(([units, decimals]) => Number(`${units}e-${decimals}`));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          prices,
          fc.integer().map((n) => -n),
        ),
        (value) => {
          expect(layout(smallDecimal.fromNumber(value)), String(value)).toEqual(layout(new Decimal(value)));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('leaves zero, negative zero and non-finite values to decimal.js', () => {
    for (const value of [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const made = smallDecimal.fromNumber(value);
      expect(Object.is(made.toNumber(), new Decimal(value).toNumber()), String(value)).toBe(true);
    }
    const two = new Decimal(2);
    expect(layout(smallDecimal.sub(two, two)), '2 − 2 is +0 as in decimal.js').toEqual(layout(two.minus(two)));
    expect(smallDecimal.mul(two, new Decimal(Number.NaN)).isNaN()).toBe(true);
  });
});
