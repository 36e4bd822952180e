import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { PGlite, types } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// DATE columns come back as 'YYYY-MM-DD' strings on both databases (see DateText).
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; the word `memory` keeps it in memory (tests). */
  dataDir: string;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database. */
export function openDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that dies (server restart, terminated by an administrator or a
    // dropped database) is removed by the pool, which opens a new one for the next query;
    // without a listener its error would end the process.
    pool.on('error', () => undefined);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const pgliteOptions = { parsers: { [types.DATE]: (value: string) => value } };
  let pglite: PGlite;
  if (options.dataDir === 'memory') {
    pglite = new PGlite(pgliteOptions);
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    pglite = new PGlite(join(options.dataDir, 'pglite'), pgliteOptions);
  }
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
}
