/**
 * A value as Postgres' text input reads it, spelled as `pg` spells a query parameter (so a row copied holds exactly
 * what the same row inserted with parameters holds): numbers in JavaScript's shortest round-trip form (`NaN`,
 * `Infinity` and `-Infinity` as float8 reads them), strings as they are (a jsonb column's value arrives already
 * serialized, as Kysely inserts it), dates as ISO instants, arrays as array literals, other objects as JSON.
 */
function textOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return arrayLiteral(value);
      return JSON.stringify(value);
    default:
      throw new TypeError(`a ${typeof value} has no Postgres text form`);
  }
}

/** An array literal (`{1,"a b",NULL}`), every element quoted so commas, braces and quotes in it stay data. */
function arrayLiteral(values: readonly unknown[]): string {
  const elements = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    return `"${textOf(v).replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${elements.join(',')}}`;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;

/** One field: numbers need no escaping (the common case, so it skips the scan), other text only when it holds one. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = textOf(value);
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c] as string) : text;
}

/**
 * One row in COPY's text format: fields in `columns` order, tab-separated, newline-terminated; `null` and
 * `undefined` are `\N`, and backslashes, tabs, newlines and carriage returns inside a field are escaped, so any
 * string (quotes, backslashes, unicode) arrives byte for byte.
 */
export function copyTextRow(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  let line = field(row[columns[0] as string]);
  for (let i = 1; i < columns.length; i++) line += `\t${field(row[columns[i] as string])}`;
  return `${line}\n`;
}
