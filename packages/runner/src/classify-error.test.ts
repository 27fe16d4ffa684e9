import { describe, expect, it } from 'vitest';
import { isServiceUnavailable } from './classify-error.js';

describe('isServiceUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [{ name: 'ConfigError', code: 'ENGINE_INVALID_CONFIG', message: 'sma_cross.fast: must be less than slow' }, false],
    [new Error('engine thread exited with code 3'), false],
  ])('%j → %s', (error, expected) => {
    expect(isServiceUnavailable(error)).toBe(expected);
  });
});
