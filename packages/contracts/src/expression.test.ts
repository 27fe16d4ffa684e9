import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  evaluateExpression,
  expressionHolds,
  expressionNames,
  expressionType,
  parseExpression,
  type ValueType,
} from './expression.js';

const holds = (text: string, values: Record<string, number | string | null>) =>
  expressionHolds(parseExpression(text), values);
const value = (text: string, values: Record<string, number | string | null> = {}) =>
  evaluateExpression(parseExpression(text), values);

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

  it('treats an unknown name as unknown, so a comparison with it does not hold rather than hold by accident', () => {
    expect(holds('missing < 1', {})).toBe(false);
    expect(holds('missing != 1', {}), 'unknown is not "different from 1" either').toBe(false);
    expect(value('missing < 1')).toBeNull();
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

describe('expression semantics shared with SQL', () => {
  it.each([
    ['not a', { a: 0 }, true],
    ['not a', { a: 3 }, false],
    ['not a', { a: null }, null],
    ['a and b', { a: 2, b: 0 }, false],
    ['a or b', { a: 0, b: -1 }, true],
    ['(a > 1) + (b > 1)', { a: 2, b: 2 }, 2],
    ['a / b', { a: 1, b: 0 }, null],
    ['a % b', { a: 7, b: 0 }, null],
    ['-7 % 3', {}, -1],
    ['a / b > 1', { a: 1, b: 0 }, null],
    ['not (a / b > 1)', { a: 1, b: 0 }, null],
    ['x > 1 and y > 1', { x: 0, y: null }, false],
    ['x > 1 or y > 1', { x: 2, y: null }, true],
    ['x > 1 or y > 1', { x: 0, y: null }, null],
    ["symbol = 'ORCL'", { symbol: 'ORCL' }, true],
    ["symbol != 'ORCL'", { symbol: 'NVDA' }, true],
    ["strategy in ('sma_cross', 'rsi_reversion')", { strategy: 'rsi_reversion' }, true],
    ["strategy not in ('sma_cross', 'rsi_reversion')", { strategy: 'rsi_reversion' }, false],
    ['fast in (5, -10)', { fast: -10 }, true],
    ['fast in (5, 10)', { fast: null }, null],
    ["name = 'it''s'", { name: "it's" }, true],
  ])('%s with %j is %s', (text, values, expected) => {
    expect(value(text, values)).toBe(expected);
  });

  it('binds not looser than a comparison, as SQL does', () => {
    expect(holds('not sharpe > 1', { sharpe: 0.5 }), 'not (sharpe > 1)').toBe(true);
    expect(holds('! a == 1 and b', { a: 2, b: 1 }), '(not (a == 1)) and b').toBe(true);
  });

  it('does not find names on the prototype of the values', () => {
    expect(value('constructor')).toBeNull();
    expect(value('toString > 0')).toBeNull();
  });

  const types = new Map<string, ValueType>([
    ['sharpe', 'number'],
    ['fast', 'number'],
    ['symbol', 'text'],
  ]);
  it.each([
    ["symbol = 'ORCL' and sharpe > 1", 'boolean'],
    ['sharpe * 2', 'number'],
    ['symbol', 'text'],
    ["symbol in ('A', 'B')", 'boolean'],
  ])('types %s as %s', (text, expected) => {
    expect(expressionType(parseExpression(text), types)).toBe(expected);
  });

  it.each([
    ['trades >= 20', "unknown name 'trades' at 1; valid names: sharpe, fast, symbol"],
    ['constructor > 1', "unknown name 'constructor' at 1; valid names: sharpe, fast, symbol"],
    ["symbol > 'A'", 'text compares only with text, by =, != or in, at 8'],
    ['symbol = 1', 'text compares only with text, by =, != or in, at 8'],
    ["sharpe = 'high'", 'text compares only with text, by =, != or in, at 8'],
    ['-symbol', "'-' needs a number, not text, at 2"],
    ["fast in ('a')", "'in' compares a number with a list of numbers at 6"],
    ['symbol in (1, 2)', "'in' compares text with a list of text at 8"],
  ])('refuses %s: %s', (text, message) => {
    expect(() => expressionType(parseExpression(text), types)).toThrow(new ExpressionError(message, 0).message);
  });

  it.each([
    ["symbol = 'ORCL", 'unterminated text at 10'],
    ['fast in ()', "expected a number or 'text' in the list at 10"],
    ['fast in (a)', "expected a number or 'text' in the list at 10"],
    ['fast in (1, 2', "expected ')' at 14"],
    ['fast not 3', "unexpected 'not' at 6"],
  ])('refuses to parse %j: %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(new ExpressionError(message, 0).message);
  });
});
