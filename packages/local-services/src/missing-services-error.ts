/** A service the demo needs, with what to install to run it privately. */
export interface MissingService {
  /** 'Redis' or 'Postgres'. */
  service: string;
  /** The variable that names its URL. */
  variable: 'REDIS_URL' | 'DATABASE_URL';
  /** The URL that did not answer, without its password. */
  url: string;
  /** Why it did not answer. */
  reason: string;
  /** What provides a private server, e.g. 'redis-server'. */
  install: string;
}

/**
 * Thrown when a service neither answers at its URL nor can be started here (no server programs, no Docker). Its
 * message is one line: what did not answer and what to install.
 */
export class MissingServicesError extends Error {
  override readonly name = 'MissingServicesError';
  readonly code = 'MISSING_SERVICES';

  constructor(readonly missing: readonly MissingService[]) {
    super(
      `${missing.map((m) => `no ${m.service} answers at ${m.url} (${m.reason})`).join(' and ')}: ` +
        `install ${missing.map((m) => m.install).join(' and ')}, or Docker to run docker-compose.yml's; ` +
        `or set ${missing.map((m) => m.variable).join(' and ')} to a running server`,
    );
  }
}
