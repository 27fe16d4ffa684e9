import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeConnectionError } from './describe-connection-error.js';

const endpoints = [
  { service: 'Postgres', url: 'postgres://fleet@db.internal:5499/fleet', setting: 'DATABASE_URL' },
  { service: 'Redis', url: 'redis://127.0.0.1:6379', setting: 'REDIS_URL' },
];

/** A real connection error from a port nobody listens on. */
async function refusedError(): Promise<Error> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const { connect } = await import('node:net');
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve));
}

describe('describeConnectionError', () => {
  it('names the service, its host and its setting for a refused connection', async () => {
    const refused = await refusedError();
    const port = (refused as Error & { port: number }).port;
    const at = [{ service: 'Postgres', url: `postgres://root@127.0.0.1:${port}/fleet`, setting: 'DATABASE_URL' }];
    expect(describeConnectionError(refused, at)).toBe(
      `cannot reach Postgres at 127.0.0.1:${port} (ECONNREFUSED); is it running, and is DATABASE_URL right?`,
    );
  });

  it('matches an unknown host by name and ioredis retry errors to Redis', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), {
      code: 'ENOTFOUND',
      hostname: 'db.internal',
    });
    expect(describeConnectionError(notFound, endpoints)).toBe(
      'cannot reach Postgres at db.internal:5499 (ENOTFOUND); is it running, and is DATABASE_URL right?',
    );
    const retries = Object.assign(new Error('Reached the max retries per request limit (which is 2).'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(describeConnectionError(retries, endpoints)).toBe(
      'cannot reach Redis at 127.0.0.1:6379 (no answer after retries); is it running, and is REDIS_URL right?',
    );
  });

  it('leaves every other error alone', () => {
    expect(describeConnectionError(new Error('relation "sweeps" does not exist'), endpoints)).toBeUndefined();
  });
});
