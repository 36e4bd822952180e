import type { FastifyBaseLogger } from 'fastify';

import type { Config } from '../config.ts';
import { seedDemo } from '../demo/seed.ts';
import { seedReferenceData } from '../organisatie/reference-data.ts';
import type { Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Brings a database to a usable state at start: schema migrations, the reference data every
 * installation needs (regions, gemeenten) and, on a first start in demo mode, the demo data.
 */
export async function prepareDatabase(db: Db, config: Config, log: FastifyBaseLogger) {
  await migrateToLatest(db);
  await seedReferenceData(db);
  if (config.mode !== 'demo') return;
  const anyAccount = await db.selectFrom('account').select('id').limit(1).executeTakeFirst();
  if (anyAccount) return;
  log.info('eerste start in demomodus: demogegevens worden aangemaakt');
  const started = Date.now();
  await seedDemo(db);
  log.info({ ms: Date.now() - started }, 'demogegevens aangemaakt');
}
