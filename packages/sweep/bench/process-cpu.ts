import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times; 100 on every Linux the fleet runs on (sysconf(_SC_CLK_TCK)). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds a process has used so far (user + system, all its threads), from /proc/PID/stat; with `children`,
 * also those of its descendants that have exited and been waited for. `null` once the process is gone.
 */
export function processCpuSeconds(pid: number, options: { children?: boolean } = {}): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = (n: number) => Number(fields[n - 3] ?? 0);
  const own = tick(14) + tick(15);
  return (options.children ? own + tick(16) + tick(17) : own) / TICKS_PER_SECOND;
}
