import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateExpression, expressionNames, parseExpression } from './expression.js';

const holds = (text: string, values: Record<string, number>) => evaluateExpression(parseExpression(text), values);

describe('expression language', () => {
  it.each([
    ['fast < slow', { fast: 5, slow: 10 }, true],
    ['fast < slow', { fast: 10, slow: 10 }, false],
    ['fast * 2 <= slow and slow < 250', { fast: 50, slow: 100 }, true],
    ['fast * 2 <= slow && slow < 250', { fast: 51, slow: 100 }, false],
    ['not (a > 1) or b == 3', { a: 5, b: 3 }, true],
    ['a = 2', { a: 2 }, true],
    ['a != 2', { a: 2 }, false],
    ['-a + 10 % 4 > 0', { a: 1 }, true],
    ['1 + 2 * 3 == 7', {}, true],
    ['sharpe > 1.5e-1', { sharpe: 0.2 }, true],
  ])('%s with %j is %s', (text, values, expected) => {
    expect(holds(text, values)).toBe(expected);
  });

  it('treats an unknown name as NaN, so a comparison with it is false rather than an accident', () => {
    expect(holds('missing < 1', {})).toBe(false);
  });

  it('lists the names it refers to', () => {
    expect(expressionNames(parseExpression('fast < slow and fast > 2 * period'))).toEqual(['fast', 'slow', 'period']);
  });

  it.each([
    ['fast <', 'unexpected end of expression'],
    ['fast < slow)', "unexpected ')' at 12"],
    ['(fast < slow', "expected ')' at 13"],
    ['fast ; slow', "unexpected character ';' at 6"],
    ['process.exit()', "unexpected character '.' at 8"],
  ])('refuses %j with a message that points at the problem', (text, message) => {
    expect(() => parseExpression(text)).toThrow(new ExpressionError(message, 0).message);
  });
});
