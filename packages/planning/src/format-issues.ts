import type { z } from 'zod';

/** Renders a zod issue path the way a person points into a file: `strategies[0].params.fast.step`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
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
