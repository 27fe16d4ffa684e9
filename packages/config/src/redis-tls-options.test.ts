import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redisTlsOptions } from './redis-tls-options.js';

const caFile = join(mkdtempSync(join(tmpdir(), 'fleet-tls-')), 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nredis-ca\n-----END CERTIFICATE-----\n');

describe('redisTlsOptions', () => {
  it('leaves a redis:// connection in clear text', () => {
    expect(redisTlsOptions({ REDIS_URL: 'redis://127.0.0.1:6379' })).toBeUndefined();
  });

  it('turns TLS on for rediss:// with the system CAs', () => {
    expect(redisTlsOptions({ REDIS_URL: 'rediss://redis.example:6380' })).toEqual({});
  });

  it('trusts the private CA of REDIS_TLS_CA_FILE', () => {
    const tls = redisTlsOptions({ REDIS_URL: 'rediss://redis.example:6380', REDIS_TLS_CA_FILE: caFile });
    expect(tls?.ca, 'the file content is the CA ioredis passes to tls.connect').toContain('redis-ca');
  });

  it('refuses a CA file with a clear-text URL instead of silently connecting without TLS', () => {
    expect(() => redisTlsOptions({ REDIS_URL: 'redis://redis.example:6379', REDIS_TLS_CA_FILE: caFile })).toThrow(
      expect.objectContaining({ name: 'TlsConfigError', code: 'INVALID_TLS_CONFIG' }),
    );
  });
});
