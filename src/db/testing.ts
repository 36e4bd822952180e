import { randomBytes } from 'node:crypto';

import pg from 'pg';

import { type Db, openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * A fresh, migrated database for one test file. On PGlite (default) it lives in memory; when
 * TEST_DATABASE_URL points at a PostgreSQL server, a new database is created there and dropped
 * again by `close`.
 */
export async function createTestDb(): Promise<{
  db: Db;
  close: () => Promise<void>;
  /** The database's URL on PostgreSQL, for other processes; undefined on PGlite. */
  url?: string;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = openDatabase({ dataDir: 'memory' });
    await migrateToLatest(db);
    return { db, close: () => db.destroy() };
  }

  const name = `tvs_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' });
  await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
