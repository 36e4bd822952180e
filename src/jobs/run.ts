import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import { defaultWorkerOptions, startOutboxWorker, type WorkerOptions } from './outbox-worker.ts';
import { startScheduler } from './scheduler.ts';

export interface Logger {
  info: (details: Record<string, unknown>, message: string) => void;
  error: (details: Record<string, unknown>, message: string) => void;
}

/** The background work of TVS: the outbox worker and the scheduled checks. */
export function startBackgroundJobs(
  deps: { db: Db; mailer: Mailer; config: Config; log: Logger },
  options: Partial<WorkerOptions> = {},
) {
  const worker = startOutboxWorker(
    {
      db: deps.db,
      mailer: deps.mailer,
      config: deps.config,
      log: (message, details) => {
        deps.log.info(details ?? {}, message);
      },
    },
    { ...defaultWorkerOptions, leaseSeconds: deps.config.outboxLeaseSeconds, ...options },
  );
  const scheduler = startScheduler(deps.db, (error) => {
    deps.log.error({ error: error instanceof Error ? error.name : 'onbekend' }, 'planning mislukt');
  });
  return {
    wake: worker.wake,
    stop: async () => {
      scheduler.stop();
      await worker.stop();
    },
  };
}
