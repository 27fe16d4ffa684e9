import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A service of docker-compose.yml that the demo can take from Compose. */
export type ComposeService = 'redis' | 'postgres';

/** Where and how {@link ComposeServices} start. */
export interface ComposeServicesOptions {
  /** The directory of docker-compose.yml and .env. */
  projectDir: string;
  /** Where a generated env file is kept when there is no .env, so later runs reuse the passwords the volumes keep. */
  stateDir: string;
  services: readonly ComposeService[];
  /** The Docker CLI. @defaultValue 'docker' from the PATH */
  command?: string;
}

/**
 * Redis and Postgres from the repository's docker-compose.yml, for a machine that has Docker but neither server.
 * Compose refuses to start without passwords: they come from `.env` when there is one, else from a generated env file
 * with a random value for every variable docker-compose.yml requires.
 *
 * @example
 * if (await ComposeServices.available()) {
 *   const compose = await ComposeServices.start({ projectDir: '.', stateDir: '.fleet/services', services: ['redis'] });
 *   console.log(compose.redisUrl);
 *   await compose.stop();
 * }
 */
export class ComposeServices {
  private constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly services: readonly ComposeService[],
    private readonly env: ReadonlyMap<string, string>,
  ) {}

  /** Whether a Docker daemon answers and has the Compose plugin. */
  static async available(): Promise<boolean> {
    try {
      await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000 });
      await run('docker', ['compose', 'version'], { timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** Starts the services and resolves once Compose reports them healthy. */
  static async start(options: ComposeServicesOptions): Promise<ComposeServices> {
    const envFile = await composeEnvFile(options.projectDir, options.stateDir);
    const command = options.command ?? 'docker';
    const args = ['compose', '--project-directory', options.projectDir, '--env-file', envFile];
    await compose(command, [...args, 'up', '--detach', '--wait', ...options.services]);
    return new ComposeServices(command, args, options.services, parseEnvFile(await readFile(envFile, 'utf8')));
  }

  /** The Compose Redis as its default user, published on 127.0.0.1:6379 (docker-compose.yml). */
  get redisUrl(): string {
    return `redis://:${encodeURIComponent(this.env.get('REDIS_PASSWORD') ?? '')}@127.0.0.1:6379`;
  }

  /** The Compose Postgres as its owner, published on 127.0.0.1:5432 (docker-compose.yml). */
  get databaseUrl(): string {
    return `postgres://postgres:${encodeURIComponent(this.env.get('POSTGRES_PASSWORD') ?? '')}@127.0.0.1:5432/fleet`;
  }

  /** Stops the containers it started; their volumes stay for the next run. */
  async stop(): Promise<void> {
    await compose(this.command, [...this.args, 'stop', ...this.services]);
  }
}

async function compose(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { timeout: 300_000 });
  } catch (error) {
    const { stderr, message } = error as Error & { stderr?: string };
    throw new Error(
      `docker compose ${args.slice(5).join(' ')} failed: ${(stderr?.trim() || message).split('\n').at(-1)}`,
    );
  }
}

async function composeEnvFile(projectDir: string, stateDir: string): Promise<string> {
  const own = join(projectDir, '.env');
  if (existsSync(own)) return own;
  const generated = join(stateDir, 'compose.env');
  if (existsSync(generated)) return generated;
  // Every variable the compose file requires (`${NAME:?…}`) is a secret or a login: a random value each.
  const composeFile = await readFile(join(projectDir, 'docker-compose.yml'), 'utf8');
  const required = new Set(Array.from(composeFile.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g), (m) => m[1]));
  const lines = [...required].map((name) => `${name}=${randomBytes(24).toString('hex')}`);
  await mkdir(stateDir, { recursive: true });
  await writeFile(generated, `${lines.join('\n')}\n`, { mode: 0o600 });
  return generated;
}

/** `NAME=value` lines of a Compose env file, without comments and surrounding quotes. */
function parseEnvFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (match?.[1]) env.set(match[1], (match[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2'));
  }
  return env;
}
