import { describe, expect, it } from 'vitest';
import { fmt, money, pct } from './print-result.js';

describe('table cells', () => {
  it('round money half-even to cents with thousands grouped, from the exact decimal string', () => {
    expect(money('104523.456789')).toBe('104,523.46');
    expect(money('0.125')).toBe('0.12');
    expect(money('0.135')).toBe('0.14');
    expect(money('0.1250000001')).toBe('0.13');
    expect(money('1234567')).toBe('1,234,567.00');
    expect(money('-0.004')).toBe('0.00');
    expect(money('-98765.4321')).toBe('-98,765.43');
    expect(money(null)).toBe('-');
  });

  it('give every metric two decimals', () => {
    expect(fmt(1.23456)).toBe('1.23');
    expect(pct(0.045234)).toBe('4.52%');
    expect(pct(Number.NaN)).toBe('-');
  });
});
