import { type RawBuilder, sql } from 'kysely';

/** A run's parameter or swept setting by name, as float8: swept settings are addressed exactly like parameters. */
export function sweptValue(name: string): RawBuilder<number> {
  return sql<number>`coalesce(params ->> ${name}, settings ->> ${name})::float8`;
}
