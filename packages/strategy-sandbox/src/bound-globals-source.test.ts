import { describe, expect, it } from 'vitest';
import { boundGlobalsSource } from './bound-globals-source.js';

describe('boundGlobalsSource', () => {
  it('binds the globals as constants on the first line, keeping every line number of the bundle', () => {
    const source = 'export const a = 1;\nexport const b = Math.max(a, 2);';
    const bound = boundGlobalsSource(source, ['Math', 'Number']);
    expect(bound).toBe('const { Math, Number } = globalThis; export const a = 1;\nexport const b = Math.max(a, 2);');
    expect(bound.split('\n').length).toBe(source.split('\n').length);
  });

  it('leaves out what strict mode forbids, what is constant anyway, and what is no identifier', () => {
    expect(boundGlobalsSource('x;', ['eval', 'undefined', 'NaN', 'Infinity', 'globalThis', 'not-a-name', 'JSON'])).toBe(
      'const { JSON } = globalThis; x;',
    );
    expect(boundGlobalsSource('x;', ['eval'])).toBe('x;');
  });
});
