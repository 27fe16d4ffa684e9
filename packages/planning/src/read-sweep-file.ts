import { readFile } from 'node:fs/promises';
import { SweepSpec } from '@fleet/contracts';
import { parse as parseYaml } from 'yaml';
import { formatIssues } from './format-issues.js';
import { SweepFileError } from './sweep-file-error.js';

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
