import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { childEnv, readEnv } from './env.js';
import { provideServices } from './provide-services.js';

/**
 * `node packages/local-services/dist/main.js [--dir DIR] -- COMMAND [ARG...]`: runs COMMAND with REDIS_URL and
 * DATABASE_URL set to servers that answer (see provideServices), then stops what it started and exits as COMMAND did.
 * The demo runs under it, so a laptop without Redis or Postgres still runs the demo.
 */
const usage = 'usage: main.js [--dir DIR] -- COMMAND [ARG...]';
const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const flags = split === -1 ? argv : argv.slice(0, split);
const [command, ...args] = split === -1 ? [] : argv.slice(split + 1);
const dir = flags[0] === '--dir' && flags.length === 2 ? flags[1] : flags.length === 0 ? '.fleet/services' : undefined;

if (!command || !dir) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

// Ctrl-C reaches the whole foreground process group, COMMAND included: we outlive it to stop the servers, and a
// Ctrl-C while they start stops them before COMMAND runs. Other signals are for us alone, so they are passed on.
let interrupted: NodeJS.Signals | undefined;
let child: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (signal !== 'SIGINT') child?.kill(signal);
  });
}

try {
  const env = readEnv();
  const services = await provideServices({
    redisUrl: env.REDIS_URL,
    databaseUrl: env.DATABASE_URL,
    dir,
    projectDir: process.cwd(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const [code, signal] = interrupted ? [null, interrupted] : await run(command, args, services);
  await services.stop();
  process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}

function run(
  command: string,
  args: string[],
  services: { redisUrl: string; databaseUrl: string },
): Promise<[number | null, NodeJS.Signals | null]> {
  return new Promise((resolve) => {
    child = spawn(command, args, {
      stdio: 'inherit',
      env: childEnv({ REDIS_URL: services.redisUrl, DATABASE_URL: services.databaseUrl }),
    });
    child.once('error', (error) => {
      process.stderr.write(`error: ${command}: ${error.message}\n`);
      resolve([127, null]);
    });
    child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
}
