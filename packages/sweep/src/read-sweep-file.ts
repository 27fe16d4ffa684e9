import { readFile } from 'node:fs/promises';
import { SweepSpec } from '@fleet/contracts';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** Thrown for a sweep file that cannot be read or does not match {@link SweepSpec}; lists every problem with its path. */
export class SweepFileError extends Error {
  override readonly name = 'SweepFileError';
  readonly code = 'INVALID_SWEEP_FILE';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`,
    );
  }
}

/** Renders a zod issue path the way a person points into a file: `strategies[0].params.fast.step`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Formats zod issues as `path: message` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const path = formatIssuePath(i.path);
    const message =
      i.code === 'unrecognized_keys'
        ? `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`
        : i.message;
    return path ? `${path}: ${message}` : message;
  });
}

/**
 * Reads a sweep file (YAML, or JSON, which is YAML too) and validates it strictly: unknown keys are errors.
 *
 * @example
 * const spec = await readSweepFile('examples/sma-grid.yaml');
 */
export async function readSweepFile(path: string): Promise<SweepSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SweepFileError(path, [`cannot read file: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new SweepFileError(path, [`not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = SweepSpec.safeParse(raw);
  if (!parsed.success) throw new SweepFileError(path, formatIssues(parsed.error.issues));
  return parsed.data;
}
