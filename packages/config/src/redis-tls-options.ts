import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { TlsConfigError } from './tls-config-error.js';

/**
 * The `tls` option for ioredis from `REDIS_URL` and `REDIS_TLS_CA_FILE`. A `rediss://` URL turns TLS on (ioredis
 * verifies the certificate against the system's CAs); the CA file adds a private CA. A CA file with a plain
 * `redis://` URL is refused rather than ignored, since it means someone expected TLS.
 *
 * @example
 * const redis = createRedisConnection(env.REDIS_URL, 'blocking', onError, redisTlsOptions(env));
 */
export function redisTlsOptions(env: {
  REDIS_URL: string;
  REDIS_TLS_CA_FILE?: string | undefined;
}): ConnectionOptions | undefined {
  const tls = new URL(env.REDIS_URL).protocol === 'rediss:';
  if (!env.REDIS_TLS_CA_FILE) return tls ? {} : undefined;
  if (!tls) throw new TlsConfigError('REDIS_TLS_CA_FILE is set but REDIS_URL is not rediss://; use rediss:// for TLS');
  return { ca: readFileSync(env.REDIS_TLS_CA_FILE, 'utf8') };
}
