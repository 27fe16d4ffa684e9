import { type Database, findSweepsByIdPrefix, type Kysely } from '@fleet/db';
import { AmbiguousSweepIdError } from './ambiguous-sweep-id-error.js';
import { SweepNotFoundError } from './sweep-not-found-error.js';

const CANDIDATES = 10;

/**
 * The full id of the one sweep whose id starts with `idOrPrefix` (case-insensitive), so every command accepts the
 * 8-character ids the dashboard shows as well as whole ones.
 *
 * @throws {@link SweepNotFoundError} when no sweep matches (or the text cannot start a sweep id),
 * {@link AmbiguousSweepIdError} listing the candidates when several do
 * @example
 * const sweepId = await resolveSweepId(db, '3f2a9c1d'); // '3f2a9c1d-5b7e-4c1a-9d3e-0a1b2c3d4e5f'
 */
export async function resolveSweepId(db: Kysely<Database>, idOrPrefix: string): Promise<string> {
  const prefix = idOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f-]{1,36}$/.test(prefix)) throw new SweepNotFoundError(idOrPrefix);
  const found = await findSweepsByIdPrefix(db, prefix, CANDIDATES + 1);
  const exact = found.find((s) => s.id === prefix);
  if (exact) return exact.id;
  if (found.length === 0) throw new SweepNotFoundError(idOrPrefix);
  if (found.length === 1) return (found[0] as (typeof found)[number]).id;
  const listed = found
    .slice(0, CANDIDATES)
    .map((s) => `${s.id} '${s.name}' (${s.created_at.toISOString().slice(0, 16).replace('T', ' ')})`);
  throw new AmbiguousSweepIdError(
    `sweep id '${idOrPrefix}' matches ${found.length > CANDIDATES ? `more than ${CANDIDATES}` : found.length} sweeps: ${listed.join(', ')}; give more characters`,
  );
}
