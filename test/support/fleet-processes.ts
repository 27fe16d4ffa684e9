import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { uniquePrefix } from './services.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The environment every spawned Fleet process of a test gets. */
export interface FleetTestEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  FLEET_QUEUE_PREFIX: string;
  [name: string]: string;
}

/** A spawned app process with its captured output, for assertions and for debugging a failed test. */
export interface FleetProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts a built app (`worker`, `aggregator`, `dashboard`) as a real process, the way an operator runs it. */
export function startApp(app: 'worker' | 'aggregator' | 'dashboard', env: FleetTestEnv): FleetProcess {
  const child = spawn(process.execPath, [`${root}apps/${app}/dist/main.js`], {
    env: { ...process.env, LOG_LEVEL: 'info', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the `fleet` CLI to completion (in `cwd`, the repository root unless given) and returns its exit code and output. */
export function runCli(
  args: readonly string[],
  env: FleetTestEnv,
  cwd = root,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}apps/producer/dist/main.js`, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON object a `--json` command prints as its last stdout line. */
export function lastJsonLine<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '') as T;
}

/** Repository root, for paths to bundled data and examples. */
export const repoRoot = root;

/**
 * The environment of one test file's Fleet processes: the run's own database and Redis, and a key prefix of the
 * file's own, so files running at the same time never share a queue.
 */
export function fleetTestEnv(label: string, extra: Record<string, string> = {}): FleetTestEnv {
  return {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    FLEET_QUEUE_PREFIX: uniquePrefix(inject('runId'), label),
    WORKER_CONCURRENCY: '1',
    ...extra,
  };
}
