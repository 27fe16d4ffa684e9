import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { TlsConfigError } from './tls-config-error.js';

/**
 * The `ssl` option for pg from `DATABASE_SSL_MODE` and `DATABASE_SSL_CA_FILE`, with libpq's meanings of the modes.
 * `undefined` leaves TLS to the URL (`?sslmode=…&sslrootcert=…`); setting both the URL's sslmode and the variable is
 * refused, because pg lets the URL win silently.
 *
 * @example
 * const db = createDatabase({ url: env.DATABASE_URL, ssl: postgresSslOptions(env) });
 */
export function postgresSslOptions(env: {
  DATABASE_URL: string;
  DATABASE_SSL_MODE?: 'disable' | 'require' | 'verify-ca' | 'verify-full' | undefined;
  DATABASE_SSL_CA_FILE?: string | undefined;
}): false | ConnectionOptions | undefined {
  const mode = env.DATABASE_SSL_MODE;
  if (mode && new URL(env.DATABASE_URL).searchParams.has('sslmode')) {
    throw new TlsConfigError('DATABASE_SSL_MODE is set and DATABASE_URL has sslmode too; set TLS in one place');
  }
  if (env.DATABASE_SSL_CA_FILE && mode !== 'verify-ca' && mode !== 'verify-full') {
    throw new TlsConfigError('DATABASE_SSL_CA_FILE needs DATABASE_SSL_MODE=verify-ca or verify-full');
  }
  const ca = env.DATABASE_SSL_CA_FILE ? { ca: readFileSync(env.DATABASE_SSL_CA_FILE, 'utf8') } : {};
  switch (mode) {
    case undefined:
      return undefined;
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The chain is checked; the host name is not (libpq's verify-ca).
      return { ...ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...ca, rejectUnauthorized: true };
  }
}
