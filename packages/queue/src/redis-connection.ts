import type { ConnectionOptions } from 'node:tls';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * How a connection is used, which decides how it reacts to an outage:
 * - `blocking`: BullMQ workers and stream consumers; commands wait through reconnects (BullMQ requires
 *   `maxRetriesPerRequest: null` here, or blocking calls fail during a Redis restart).
 * - `command`: the CLI and queue producers; a request fails fast so a person is told Redis is down instead of waiting.
 */
const ConnectionRoles = ['blocking', 'command'] as const;
export type ConnectionRole = (typeof ConnectionRoles)[number];

/**
 * Opens an ioredis connection configured for its role, with an error listener so a transient outage is logged
 * rather than crashing the process with an unhandled 'error' event. `tls` (from `redisTlsOptions(env)`) carries a
 * private CA; a `rediss://` URL alone already turns TLS on.
 *
 * @example
 * const redis = createRedisConnection(env.REDIS_URL, 'blocking', (e) => log.warn({ err: e }, 'redis'), redisTlsOptions(env));
 */
export function createRedisConnection(
  url: string,
  role: ConnectionRole,
  onError?: (error: Error) => void,
  tls?: ConnectionOptions,
): Redis {
  const options: RedisOptions =
    role === 'blocking'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          connectTimeout: 5_000,
          retryStrategy: (n) => (n > 3 ? null : n * 200),
        };
  const redis = new Redis(url, { ...options, ...(tls ? { tls } : {}), lazyConnect: false });
  redis.on('error', onError ?? (() => {}));
  return redis;
}
