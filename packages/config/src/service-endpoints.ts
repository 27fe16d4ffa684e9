import type { ServiceEndpoint } from './describe-connection-error.js';

/** The Postgres and Redis a process is configured for, named for people, for {@link describeConnectionError}. */
export function serviceEndpoints(env: { DATABASE_URL: string; REDIS_URL: string }): ServiceEndpoint[] {
  return [
    { service: 'Postgres', url: env.DATABASE_URL, setting: 'DATABASE_URL' },
    { service: 'Redis', url: env.REDIS_URL, setting: 'REDIS_URL' },
  ];
}
