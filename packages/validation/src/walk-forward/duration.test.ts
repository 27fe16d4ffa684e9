import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads days, weeks, months and years as calendar months and days', () => {
    expect(parseDuration('10d', 'x')).toEqual({ months: 0, days: 10 });
    expect(parseDuration('2w', 'x')).toEqual({ months: 0, days: 14 });
    expect(parseDuration('6m', 'x')).toEqual({ months: 6, days: 0 });
    expect(parseDuration('3y', 'x')).toEqual({ months: 36, days: 0 });
  });

  it('refuses anything else, naming the setting', () => {
    for (const text of ['', '0d', '-1y', '1.5y', '3Y', '3 y', 'y', '03d']) {
      expect(() => parseDuration(text, 'validation.walkForward.step'), text).toThrow(
        /^validation\.walkForward\.step: .* is not a duration/,
      );
    }
  });
});
