import { sql } from 'kysely';

import type { Db } from '../db/database.ts';
import { seedDemo } from '../demo/seed.ts';
import { errors } from '../errors.ts';

/** Domain tables, children before parents, so each DELETE meets no remaining reference. */
const domainTables = [
  'notification',
  'notification_choice',
  'message_read',
  'message',
  'change_event',
  'nareisprofiel_versie',
  'klantprofiel_versie',
  'klantprofiel',
  'gesprek',
  'toestemming',
  'nareiziger',
  'hervestiger',
  'huurcontract',
  'voordracht',
  'woningaanbod',
  'koppeling_historie',
  'koppeling',
  'vergunninghouder',
  'plaatsingseenheid',
  'outbox',
  'taakstelling',
] as const;

/** Removes domain data, demo accounts and locations; regions, gemeenten and settings stay. */
export async function wipeDemoData(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of domainTables) await trx.deleteFrom(table).execute();
    await trx.updateTable('setting').set({ changed_by: null }).execute();
    await trx.deleteFrom('processing_log').execute();
    await trx.deleteFrom('session').execute();
    await trx.deleteFrom('membership').execute();
    await trx.deleteFrom('account_locatie').execute();
    await trx.deleteFrom('account').execute();
    await trx.deleteFrom('locatie').execute();
  });
}

/**
 * `tvs demo`: (re)creates the demo data. Refuses when the database holds a real (non-demo)
 * account, because wiping would destroy real people's data.
 */
export async function runDemoCommand(db: Db): Promise<void> {
  const real = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('demo', '=', false)
    .executeTakeFirstOrThrow();
  if (Number(real.count) > 0) {
    throw errors.conflict(
      'demo_refused',
      'Deze database bevat echte accounts; demogegevens worden hier niet aangemaakt.',
    );
  }

  console.log('Bestaande demogegevens verwijderen…');
  await wipeDemoData(db);
  // A wiped table keeps its sequence position; fresh numbering keeps demo URLs stable.
  for (const table of ['account', 'locatie', 'gesprek', 'toestemming', 'nareiziger']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), 1, false)`.execute(db);
  }

  console.log('Demogegevens aanmaken…');
  const summary = await seedDemo(db, {
    onProgress: (message) => {
      console.log(`  ${message}`);
    },
  });
  console.log(
    `Klaar in ${summary.seconds.toFixed(1)} s: ${summary.vergunninghouders} vergunninghouders ` +
      `in ${summary.plaatsingseenheden} plaatsingseenheden, ${summary.accounts} accounts.`,
  );
}
