import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { postgresSslOptions } from './postgres-ssl-options.js';

const url = 'postgres://fleet_worker@db.example:5432/fleet';
const caFile = join(mkdtempSync(join(tmpdir(), 'fleet-tls-')), 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\npg-ca\n-----END CERTIFICATE-----\n');

describe('postgresSslOptions', () => {
  it('leaves TLS to DATABASE_URL when no mode is set', () => {
    expect(postgresSslOptions({ DATABASE_URL: url })).toBeUndefined();
    expect(postgresSslOptions({ DATABASE_URL: `${url}?sslmode=verify-full` })).toBeUndefined();
  });

  it('maps the libpq modes to what they promise', () => {
    expect(postgresSslOptions({ DATABASE_URL: url, DATABASE_SSL_MODE: 'disable' })).toBe(false);
    expect(postgresSslOptions({ DATABASE_URL: url, DATABASE_SSL_MODE: 'require' }), 'encrypted, unchecked').toEqual({
      rejectUnauthorized: false,
    });
    expect(postgresSslOptions({ DATABASE_URL: url, DATABASE_SSL_MODE: 'verify-full' })).toEqual({
      rejectUnauthorized: true,
    });
    const verifyCa = postgresSslOptions({
      DATABASE_URL: url,
      DATABASE_SSL_MODE: 'verify-ca',
      DATABASE_SSL_CA_FILE: caFile,
    });
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true });
    expect((verifyCa as ConnectionOptions).ca, 'the private CA is trusted').toContain('pg-ca');
    const identity = (verifyCa as ConnectionOptions).checkServerIdentity;
    expect(identity?.('other.host', {} as never), 'verify-ca does not check the host name').toBeUndefined();
  });

  it('refuses contradictions rather than letting the URL win silently', () => {
    const refused = expect.objectContaining({ name: 'TlsConfigError', code: 'INVALID_TLS_CONFIG' });
    expect(() =>
      postgresSslOptions({ DATABASE_URL: `${url}?sslmode=disable`, DATABASE_SSL_MODE: 'verify-full' }),
    ).toThrow(refused);
    expect(() =>
      postgresSslOptions({ DATABASE_URL: url, DATABASE_SSL_MODE: 'require', DATABASE_SSL_CA_FILE: caFile }),
    ).toThrow(refused);
    expect(() => postgresSslOptions({ DATABASE_URL: url, DATABASE_SSL_CA_FILE: caFile })).toThrow(refused);
  });
});
