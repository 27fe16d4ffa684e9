import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisClient } from './redis-client.js';

/**
 * How a connection is used, which decides how it reacts to an outage:
 * - `blocking`: BullMQ workers and stream consumers; commands wait through reconnects (BullMQ requires
 *   `maxRetriesPerRequest: null` here, or blocking calls fail during a Redis restart).
 * - `command`: the CLI and queue producers; a request fails fast so a person is told Redis is down instead of waiting.
 */
export type ConnectionRole = 'blocking' | 'command';

/** Where to connect: one server by URL, or a Redis Cluster by its seed nodes (`host:port`). */
export interface RedisTarget {
  url: string;
  /** Seed nodes of a Redis Cluster; when given, the client is a cluster client and `url` only lends its credentials. @defaultValue none */
  clusterNodes?: readonly string[];
}

/**
 * Opens an ioredis connection configured for its role, with an error listener so a transient outage is logged
 * rather than crashing the process with an unhandled 'error' event. `tls` (from `redisTlsOptions(env)`) carries a
 * private CA; a `rediss://` URL alone already turns TLS on. A target with `clusterNodes` gets ioredis' cluster client,
 * which follows slot moves and failovers; BullMQ accepts it as it is.
 *
 * @example
 * const redis = createRedisConnection(env.REDIS_URL, 'blocking', (e) => log.warn({ err: e }, 'redis'), redisTlsOptions(env));
 * const cluster = createRedisConnection({ url: env.REDIS_URL, clusterNodes: ['10.0.0.1:7000'] }, 'blocking');
 */
export function createRedisConnection(
  target: string | RedisTarget,
  role: ConnectionRole,
  onError?: (error: Error) => void,
  tls?: ConnectionOptions,
): RedisClient {
  const { url, clusterNodes = [] } = typeof target === 'string' ? { url: target } : target;
  const options: RedisOptions =
    role === 'blocking'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          connectTimeout: 5_000,
          retryStrategy: (n) => (n > 3 ? null : n * 200),
        };
  const withTls = { ...options, ...(tls ? { tls } : {}) };
  const redis: RedisClient =
    clusterNodes.length > 0
      ? new Cluster(clusterNodes.map(seedNode), {
          redisOptions: { ...withTls, ...credentialsOf(url) },
          ...(role === 'command' ? { clusterRetryStrategy: (n: number) => (n > 3 ? null : n * 200) } : {}),
        })
      : new Redis(url, { ...withTls, lazyConnect: false });
  redis.on('error', onError ?? (() => {}));
  return redis;
}

function seedNode(node: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '6379'] = node.replace(/^rediss?:\/\//, '').split(':');
  return { host, port: Number(port) };
}

/** The user and password of a URL, which every node of a cluster shares (an ACL user is per node, created alike). */
function credentialsOf(url: string): { username?: string; password?: string } {
  const { username, password } = new URL(url);
  return {
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
  };
}
