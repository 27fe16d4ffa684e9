import { fileURLToPath } from 'node:url';

/**
 * Folder of the compiled migrations, one file per version, applied in name order by the db package's migrator.
 * Migrations depend on kysely only and are frozen once released: a schema change is always a new file.
 */
export const migrationFolder: string = fileURLToPath(new URL('./versions/', import.meta.url));
