/** A service a process connects to: its name for people, its URL, and the setting that holds the URL. */
export interface ServiceEndpoint {
  readonly service: string;
  readonly url: string;
  readonly setting: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const DEFAULT_PORTS: Record<string, string> = {
  'postgres:': '5432',
  'postgresql:': '5432',
  'redis:': '6379',
  'rediss:': '6379',
};

interface NetworkError {
  code?: string;
  address?: string;
  hostname?: string;
  port?: number;
  name?: string;
  message?: string;
  errors?: unknown[];
}

const hostOf = (url: URL) => `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol] || ''}`;

/**
 * One line naming the service a process could not reach and where, for the socket errors a driver reports bare
 * (`connect ECONNREFUSED 127.0.0.1:5499`, or ioredis' `Reached the max retries per request limit`): the endpoint is
 * matched on the error's port (or host name), and ioredis' retry error names Redis. `undefined` for any other error.
 *
 * @example
 * describeConnectionError(error, [{ service: 'Postgres', url: env.DATABASE_URL, setting: 'DATABASE_URL' }]);
 * // 'cannot reach Postgres at 127.0.0.1:5499 (ECONNREFUSED); is it running, and is DATABASE_URL right?'
 */
export function describeConnectionError(error: unknown, endpoints: readonly ServiceEndpoint[]): string | undefined {
  const parsed = endpoints.flatMap((e) => {
    try {
      return [{ ...e, at: new URL(e.url) }];
    } catch {
      return [];
    }
  });
  const say = (endpoint: (typeof parsed)[number], reason: string) =>
    `cannot reach ${endpoint.service} at ${hostOf(endpoint.at)} (${reason}); is it running, and is ${endpoint.setting} right?`;
  const e = (error ?? {}) as NetworkError;
  const cause = (e.errors?.[0] ?? e) as NetworkError;
  if (e.name === 'MaxRetriesPerRequestError') {
    const redis = parsed.find((p) => p.at.protocol.startsWith('redis'));
    return redis ? say(redis, 'no answer after retries') : undefined;
  }
  if (!cause.code || !NETWORK_CODES.has(cause.code)) return undefined;
  const endpoint =
    parsed.find(
      (p) => cause.port !== undefined && (p.at.port || DEFAULT_PORTS[p.at.protocol]) === String(cause.port),
    ) ?? parsed.find((p) => cause.hostname !== undefined && p.at.hostname === cause.hostname);
  return endpoint ? say(endpoint, cause.code) : undefined;
}
