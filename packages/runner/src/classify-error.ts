/**
 * Codes of job failures that no retry can mend: the strategy file's bundle is missing, its stored bytes are not the
 * ones its hash names, or it throws while loading. A worker fails such a job for good at once, recording the code.
 */
const PermanentJobErrorCodes: readonly string[] = ['STRATEGY_LOAD_FAILED', 'BUNDLE_HASH_MISMATCH', 'BUNDLE_NOT_FOUND'];

/** Whether an error is one of {@link PermanentJobErrorCodes}; classified by code, since it may come from a thread. */
export function isPermanentJobError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && PermanentJobErrorCodes.includes(code);
}

/**
 * Whether an error means a service the worker depends on is unreachable right now (Postgres restarting, a network
 * blip) rather than anything wrong with the job. Such a job is put back to wait without spending an attempt, so an
 * outage of any length never turns runs into failures. Classified by code and message, since errors from pg and
 * ioredis are plain objects across their own boundaries.
 */
export function isServiceUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  // Postgres class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
  if (/^08/.test(code) || ['57P01', '57P02', '57P03'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Connection is closed/i.test(
    message,
  );
}
