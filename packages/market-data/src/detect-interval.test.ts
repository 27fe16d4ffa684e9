import { describe, expect, it } from 'vitest';
import { detectInterval } from './detect-interval.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Times every `step` from Monday 2024-01-01, leaving out Saturdays and Sundays like an exchange calendar. */
function weekdays(count: number, step: number): number[] {
  const times: number[] = [];
  for (let time = Date.UTC(2024, 0, 1); times.length < count; time += step) {
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) times.push(time);
  }
  return times;
}

describe('detectInterval', () => {
  it.each([
    ['1d', weekdays(300, DAY)],
    ['1h', weekdays(500, HOUR)],
    ['5m', weekdays(500, 5 * MINUTE)],
    ['15m', weekdays(500, 15 * MINUTE)],
    ['30m', weekdays(500, 30 * MINUTE)],
    ['1m', weekdays(500, MINUTE)],
    ['1w', [0, 1, 2, 4, 5].map((week) => Date.UTC(2024, 0, 1) + week * 7 * DAY)],
    ['1M', [0, 1, 2, 3, 4, 5].map((month) => Date.UTC(2024, month, 1))],
    ['4h', [0, 4, 8, 12].map((hour) => hour * HOUR)],
    ['30s', [0, 30_000, 60_000]],
  ])('names the modal spacing %s despite gaps', (interval, times) => {
    expect(detectInterval(times)).toBe(interval);
  });

  it('prefers the shorter spacing on a tie, so two bars a day apart then a weekend read as daily', () => {
    expect(detectInterval([0, DAY, 4 * DAY])).toBe('1d');
  });

  it('refuses fewer than two times and times out of order with UNKNOWN_INTERVAL', () => {
    expect(() => detectInterval([0])).toThrow(expect.objectContaining({ code: 'UNKNOWN_INTERVAL' }));
    expect(() => detectInterval([0, DAY, DAY])).toThrow(expect.objectContaining({ code: 'UNKNOWN_INTERVAL' }));
  });
});
