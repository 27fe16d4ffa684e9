import { Redis } from 'ioredis';
import type { ServiceProbe } from './service-probe.js';

/**
 * Asks the Redis at `url` for a PING once, without retrying: a demo on a laptop without Redis should learn that in a
 * second, not after ioredis' retries.
 */
export async function probeRedis(url: string): Promise<ServiceProbe> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // connect() rejects with a bare "Connection is closed"; the error event says why (ECONNREFUSED, WRONGPASS, …).
  let cause: Error | undefined;
  redis.on('error', (error: Error) => {
    cause = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return { answers: true };
  } catch (error) {
    return { answers: false, reason: (cause ?? (error as Error)).message };
  } finally {
    redis.disconnect();
  }
}
