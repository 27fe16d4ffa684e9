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
