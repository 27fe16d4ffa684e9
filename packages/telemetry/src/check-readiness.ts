/** Named readiness checks; one passes when it returns or resolves to anything but `false` in time. */
export type ReadinessChecks = Record<string, () => unknown>;

/** The answer of `/readyz`: whether every check passed, and each check's result or error. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

/**
 * Runs every readiness check concurrently with a timeout, so `/readyz` answers promptly (not ready) even while a
 * dependency hangs instead of refusing connections.
 *
 * @example
 * await checkReadiness({ redis: () => redis.ping(), postgres: () => pingDatabase(db), worker: () => worker.isRunning() });
 */
export async function checkReadiness(checks: ReadinessChecks, timeoutMs = 2000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const result = await Promise.race([Promise.resolve().then(check), timeout]);
        return [name, result === false ? 'not running' : 'ok'];
      } catch (error) {
        return [name, (error as Error).message || 'failed'];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: entries.every(([, r]) => r === 'ok'), checks: Object.fromEntries(entries) };
}
