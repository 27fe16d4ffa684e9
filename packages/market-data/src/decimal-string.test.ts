import { describe, expect, it } from 'vitest';
import { compareDecimals, normalizeDecimal } from './decimal-string.js';

describe('normalizeDecimal', () => {
  it.each([
    ['1.750000', '1.750000'],
    ['+2.5', '2.5'],
    ['007', '7'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.00', '0.00'],
    ['-3.1', '-3.1'],
    [' 12 ', '12'],
  ])('keeps the digits of %s as %s', (text, expected) => {
    expect(normalizeDecimal(text)).toBe(expected);
  });

  it.each(['', '.', '+', 'abc', 'NaN', 'Infinity', '1e5', '1,000', '1.2.3', '0x10'])('refuses %j', (text) => {
    expect(normalizeDecimal(text)).toBeUndefined();
  });
});

describe('compareDecimals', () => {
  it('orders exactly where floats cannot tell two prices apart', () => {
    expect(compareDecimals('1.00000000000000001', '1'), 'equal as doubles, different as decimals').toBe(1);
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('9.99', '10')).toBeLessThan(0);
    expect(compareDecimals('10.5', '10.49')).toBeGreaterThan(0);
  });
});
