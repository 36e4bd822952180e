import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { startBackgroundJobs } from './jobs/run.ts';

/** Starts TVS: configuration, database (migrated, reference and demo data), HTTP server. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(config, db);
  await prepareDatabase(db, config, app.log);
  await app.listen({ port: config.port, host: config.host });
  const jobs = config.backgroundJobs
    ? startBackgroundJobs({ db, mailer: app.mailer, config, log: app.log })
    : undefined;
  app.log.info(
    { mode: config.mode, database: config.databaseUrl ? 'postgresql' : 'pglite' },
    `TVS luistert op http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );

  const stop = async () => {
    await jobs?.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

await main();
