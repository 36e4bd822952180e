import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

import type { Db } from './database.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-domain.ts';
import * as m0003 from './migrations/0003-search.ts';
import * as m0004 from './migrations/0004-notifications.ts';

/** Migrations in order; each file exports `up` (and `down` where undoing is safe). */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-domain': m0002,
  '0003-search': m0003,
  '0004-notifications': m0004,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database-migratie mislukt${name}`, { cause: error });
  }
}
