import { Command } from 'commander';
import { pino } from 'pino';

import { loadConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { seedReferenceData } from '../organisatie/reference-data.ts';
import { startBackgroundJobs } from '../jobs/run.ts';
import { createMailer } from '../mail/mailer.ts';
import { createAdmin } from './create-admin.ts';
import { runDemoCommand } from './demo.ts';

/** Opens the configured database, brought up to date, for one command. */
async function withDatabase(work: (db: Db) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    await seedReferenceData(db);
    await work(db);
  } finally {
    await db.destroy();
  }
}

const program = new Command()
  .name('tvs')
  .description('Beheeropdrachten voor het Taakstellingvolgsysteem (TVS)');

program
  .command('migreren')
  .description('Database bijwerken naar het laatste schema en referentiegegevens laden')
  .action(() => withDatabase(() => Promise.resolve()));

program
  .command('demo')
  .description('Demogegevens (opnieuw) aanmaken; weigert als er echte accounts zijn')
  .action(() => withDatabase((db) => runDemoCommand(db)));

program
  .command('beheerder-aanmaken')
  .description('Een COA-beheerder aanmaken (de eerste gebruiker van een productie-installatie)')
  .requiredOption('--email <email>', 'e-mailadres')
  .requiredOption('--naam <naam>', 'volledige naam')
  .option('--telefoon <telefoon>', 'telefoonnummer')
  .action((options: { email: string; naam: string; telefoon?: string }) =>
    withDatabase(async (db) => {
      const { password } = await createAdmin(db, {
        email: options.email,
        name: options.naam,
        phone: options.telefoon,
      });
      console.log(`COA-beheerder ${options.email} aangemaakt.`);
      console.log(`Eenmalig wachtwoord: ${password}`);
      console.log('Bij de eerste keer inloggen stelt u tweestapsverificatie in.');
    }),
  );

program
  .command('worker')
  .description(
    'Alleen de achtergrondtaken draaien (outbox, e-mail, planning), voor een apart werkproces',
  )
  .action(async () => {
    const config = loadConfig();
    const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(db);
    const mailer = createMailer(config);
    const log = pino({ level: config.logLevel });
    const jobs = startBackgroundJobs({ db, mailer, config, log });
    log.info({}, 'TVS-werkproces gestart');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await jobs.stop();
    mailer.close();
    await db.destroy();
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof AppError) {
    const details = Object.values(error.fields);
    console.error([error.message, ...details].join('\n'));
    process.exit(1);
  }
  throw error;
}
