/** Thrown when Redis would evict keys under memory pressure, which silently loses queued jobs. */
export class RedisPolicyError extends Error {
  override readonly name = 'RedisPolicyError';
  readonly code = 'REDIS_EVICTION_POLICY';
}
