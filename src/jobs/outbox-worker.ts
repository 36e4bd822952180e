import { sql } from 'kysely';

import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import { deliverNotificationEmail } from '../notificaties/email.ts';
import { fanOut, fanOutTopics } from '../notificaties/fanout.ts';

/**
 * The outbox worker. Changes write their events into `outbox` in their own transaction; the
 * worker claims the oldest due rows with FOR UPDATE SKIP LOCKED (so several workers, in one or
 * many processes, never take the same row), handles each in a transaction that also marks it
 * done, and retries a failure later with a growing wait. A row claimed by a worker that died
 * is taken up again once its lease has passed. Handling a row twice is harmless: notifications
 * are unique per recipient and event, and an e-mail is marked as sent with its send.
 */

export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  config: Config;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface WorkerOptions {
  /** Rows claimed per round. */
  batchSize: number;
  /** Rows handled at the same time within a round. */
  concurrency: number;
  /** After this long a claimed row counts as abandoned by a dead worker. */
  leaseSeconds: number;
  /** After this many failed attempts a row is given up (status failed). */
  maxAttempts: number;
}

export const defaultWorkerOptions: WorkerOptions = {
  batchSize: 50,
  concurrency: 4,
  leaseSeconds: 120,
  maxAttempts: 10,
};

interface Claimed {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Seconds to wait before attempt n+1: 10 s, 20 s, 40 s … up to an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

async function claim(db: Db, options: WorkerOptions): Promise<Claimed[]> {
  const result = await sql<Claimed>`
    UPDATE outbox SET status = 'processing', claimed_at = now(), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE (status = 'pending' AND available_at <= now())
         OR (status = 'processing'
             AND claimed_at < now() - make_interval(secs => ${options.leaseSeconds}))
      ORDER BY id
      LIMIT ${options.batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, topic, payload, attempts`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

const handledTopics = new Set<string>([...fanOutTopics, 'notificatie.email']);

/** An error as it may be stored: its kind and code, never its message (it may name people). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'onbekende fout';
  const code = (error as { code?: unknown; responseCode?: unknown }).code;
  const response = (error as { responseCode?: unknown }).responseCode;
  return [
    error.name,
    typeof code === 'string' ? code : '',
    typeof response === 'number' ? response : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function handle(deps: WorkerDeps, row: Claimed): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // Still ours? A lease that ran out may have passed the row to another worker.
    const mine = await trx
      .selectFrom('outbox')
      .select('status')
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .forUpdate()
      .executeTakeFirst();
    if (mine?.status !== 'processing') return;
    if (row.topic === 'notificatie.email') {
      const id = typeof row.payload.notificationId === 'number' ? row.payload.notificationId : 0;
      await deliverNotificationEmail(trx, deps.mailer, deps.config, id);
    } else if (handledTopics.has(row.topic)) {
      await fanOut(trx, row);
    }
    await trx
      .updateTable('outbox')
      .set({ status: 'done', processed_at: new Date(), last_error: null })
      .where('id', '=', row.id)
      .execute();
  });
}

async function fail(deps: WorkerDeps, row: Claimed, error: unknown, options: WorkerOptions) {
  const giveUp = row.attempts >= options.maxAttempts;
  await deps.db
    .updateTable('outbox')
    .set({
      status: giveUp ? 'failed' : 'pending',
      claimed_at: null,
      last_error: describe(error),
      available_at: sql<Date>`now() + make_interval(secs => ${backoffSeconds(row.attempts)})`,
    })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .execute();
  deps.log?.(giveUp ? 'outbox-rij opgegeven' : 'outbox-rij later opnieuw', {
    outboxId: row.id,
    topic: row.topic,
    attempts: row.attempts,
    error: describe(error),
  });
}

export interface RoundResult {
  claimed: number;
  done: number;
  failed: number;
}

/** One round: claim due rows and handle them; returns what happened. */
export async function runOutboxRound(
  deps: WorkerDeps,
  options: WorkerOptions = defaultWorkerOptions,
): Promise<RoundResult> {
  const rows = await claim(deps.db, options);
  const result: RoundResult = { claimed: rows.length, done: 0, failed: 0 };
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      if (!row) break;
      try {
        await handle(deps, row);
        result.done++;
      } catch (error) {
        result.failed++;
        await fail(deps, row, error, options);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  return result;
}

/** Handles rounds until nothing is due; for tests, the CLI and the benchmark. */
export async function drainOutbox(
  deps: WorkerDeps,
  options: WorkerOptions = defaultWorkerOptions,
): Promise<RoundResult> {
  const total: RoundResult = { claimed: 0, done: 0, failed: 0 };
  for (;;) {
    const round = await runOutboxRound(deps, options);
    total.claimed += round.claimed;
    total.done += round.done;
    total.failed += round.failed;
    if (round.claimed === 0 || round.done === 0) return total;
  }
}

/**
 * Runs rounds in the background: right after a round that found work, otherwise every
 * `idleMs`. `stop` waits for the round in progress.
 */
export function startOutboxWorker(
  deps: WorkerDeps,
  options: WorkerOptions = defaultWorkerOptions,
  idleMs = 1000,
): { stop: () => Promise<void>; wake: () => void } {
  const state = { stopped: false };
  const stopping = () => state.stopped;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping()) {
      let found = 0;
      try {
        found = (await runOutboxRound(deps, options)).claimed;
      } catch (error) {
        deps.log?.('outbox-ronde mislukt', { error: describe(error) });
      }
      if (found > 0 || stopping()) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, idleMs);
      });
    }
  })();
  return {
    stop: async () => {
      state.stopped = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
    wake: () => {
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
  };
}
