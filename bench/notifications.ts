import { CompiledQuery, sql } from 'kysely';

import { type Config, loadConfig } from '../src/config.ts';
import { type Db, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import {
  defaultWorkerOptions,
  startOutboxWorker,
  type WorkerOptions,
} from '../src/jobs/outbox-worker.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { notificationMessageId } from '../src/notificaties/email.ts';
import { seedReferenceData } from '../src/organisatie/reference-data.ts';
import { gemeenteId } from '../src/testing/app.ts';
import { createHousehold } from '../src/testing/households.ts';
import { type Received, startSmtpProcess } from '../src/testing/smtp.ts';
import { createDatabase, dropDatabase } from './postgres.ts';
import type { DatabaseKind, NotificationsRow } from './report.ts';

/**
 * Fan-out of 10,000 notifications and the hand-off of their e-mails to an SMTP server. Per
 * row: a fresh database with 500 contact persons of one gemeente who chose "gekoppeld" and 20
 * households linked to it (not timed); then 20 `koppeling.gewijzigd` events, each committed
 * on its own, and the app's outbox worker with the app's mailer until every notification is
 * e-mailed. The SMTP server is src/testing/smtp.ts, in a process of its own, which notes when
 * it took each message; the latency of an e-mail runs from its event's commit to that moment.
 */

export const ACCOUNTS = 500;
export const HOUSEHOLDS = 20;
export const GEMEENTE = 'Utrecht';
/** Nodemailer's pool opens at most this many SMTP connections: its default, kept by the app. */
export const SMTP_CONNECTIONS = 5;
/** The pool that openDatabase() gives the app on PostgreSQL. */
export const POSTGRES_CONNECTIONS = 10;

const POLL_MS = 500;
const TIME_LIMIT_MS = 15 * 60_000;

export interface NotificationsMeasurement {
  databaseVersion: string;
  rows: NotificationsRow[];
}

interface Settings {
  kind: DatabaseKind;
  /** The PostgreSQL server to create the benchmark database on; none for PGlite. */
  serverUrl?: string | undefined;
  concurrencies: readonly number[];
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The contact persons, their choice and the households; returns the gemeente and households. */
async function setUp(db: Db): Promise<{ gemeente: number; households: number[] }> {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const gemeente = await gemeenteId(db, GEMEENTE);
  const accounts = await db
    .insertInto('account')
    .values(
      Array.from({ length: ACCOUNTS }, (_, i) => ({
        email: `contactpersoon-${i + 1}@bench.tvs.local`,
        name: `Contactpersoon ${i + 1}`,
        phone: null,
        organisation: `Gemeente ${GEMEENTE}`,
        coa_role: null,
        regio_code: null,
        password_hash: null,
        totp_secret: null,
        locked_until: null,
        removed_at: null,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('membership')
    .values(
      accounts.map((a) => ({
        account_id: a.id,
        gemeente_id: gemeente,
        role: 'gemeente' as const,
        rechtsgrond: null,
        added_by: null,
      })),
    )
    .execute();
  await db
    .insertInto('notification_choice')
    .values(
      accounts.map((a) => ({
        account_id: a.id,
        gemeente_id: gemeente,
        kind: 'event' as const,
        key: 'gekoppeld' as const,
      })),
    )
    .execute();
  const households: number[] = [];
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const household = await createHousehold(db, {
      gemeente: GEMEENTE,
      persons: [{ achternaam: `Benchmark ${i + 1}` }],
    });
    households.push(household.ple);
  }
  const queued = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox`.execute(db);
  if (queued.rows[0]?.n !== 0) throw new Error('de opzet zette al rijen in de outbox');
  return { gemeente, households };
}

/** Inserts the events one transaction each; returns the commit time of each, by outbox id. */
async function change(db: Db, gemeente: number, households: number[]) {
  const commits = new Map<number, number>();
  for (const ple of households) {
    const row = await db
      .insertInto('outbox')
      .values({
        topic: 'koppeling.gewijzigd',
        payload: JSON.stringify({
          versie: 1,
          plaatsingseenheidId: ple,
          gemeenteId: gemeente,
          actie: 'gekoppeld',
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    commits.set(row.id, Date.now());
  }
  return commits;
}

/** Waits until every expected notification exists and is e-mailed. */
async function untilEmailed(db: Db, expected: number): Promise<void> {
  const deadline = Date.now() + TIME_LIMIT_MS;
  for (;;) {
    const state = await sql<{ total: number; emailed: number; failed: number }>`
      SELECT (SELECT count(*)::int FROM notification) AS total,
             (SELECT count(emailed_at)::int FROM notification) AS emailed,
             (SELECT count(*)::int FROM outbox WHERE status = 'failed') AS failed`.execute(db);
    const s = state.rows[0];
    if (s && s.failed > 0) throw new Error(`${s.failed} outbox-rijen opgegeven`);
    if (s && s.total === expected && s.emailed === expected) return;
    if (Date.now() > deadline) {
      throw new Error(`na ${TIME_LIMIT_MS / 60_000} min: ${JSON.stringify(s)} van ${expected}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Every notification's Message-ID exactly once and nothing else; returns hand-off by id. */
function checkReceived(
  config: Config,
  notificationIds: readonly number[],
  received: readonly Received[],
): Map<number, number> {
  const byMessageId = new Map(notificationIds.map((id) => [notificationMessageId(config, id), id]));
  const handedOff = new Map<number, number>();
  const problems: string[] = [];
  for (const message of received) {
    const id = byMessageId.get(message.messageId);
    if (id === undefined) problems.push(`onbekend bericht ${message.messageId}`);
    else if (handedOff.has(id)) problems.push(`${message.messageId} meer dan eens ontvangen`);
    else handedOff.set(id, message.receivedAt);
  }
  const missing = notificationIds.length - handedOff.size;
  if (missing > 0) problems.push(`${missing} notificaties niet ontvangen`);
  if (problems.length > 0) {
    throw new Error(`SMTP-controle mislukt: ${problems.slice(0, 5).join('; ')}`);
  }
  return handedOff;
}

async function outcome(db: Db) {
  const notifications = await db
    .selectFrom('notification')
    .select(['id', 'dedupe_key'])
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('outbox')
    .select(['id', 'processed_at'])
    .where('topic', '=', 'koppeling.gewijzigd')
    .execute();
  const retried = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM outbox WHERE attempts > 1`.execute(db);
  return { notifications, events, retries: retried.rows[0]?.n ?? 0 };
}

interface Timed {
  commits: Map<number, number>;
  handedOff: Map<number, number>;
  result: Awaited<ReturnType<typeof outcome>>;
  insertMs: number;
}

/** The timed part: the changes, then the worker until every e-mail is handed off. */
async function timed(
  db: Db,
  { gemeente, households }: Awaited<ReturnType<typeof setUp>>,
  concurrency: number,
): Promise<Timed> {
  const smtp = await startSmtpProcess();
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: smtp.url });
  const mailer = createMailer(config);
  const options: WorkerOptions = {
    ...defaultWorkerOptions,
    leaseSeconds: config.outboxLeaseSeconds,
    concurrency,
  };
  try {
    const before = Date.now();
    const commits = await change(db, gemeente, households);
    const insertMs = Date.now() - before;
    const worker = startOutboxWorker({ db, mailer, config }, options);
    try {
      await untilEmailed(db, ACCOUNTS * HOUSEHOLDS);
    } finally {
      await worker.stop();
    }
    const result = await outcome(db);
    const ids = result.notifications.map((n) => n.id);
    const handedOff = checkReceived(config, ids, smtp.received());
    return { commits, handedOff, result, insertMs };
  } finally {
    mailer.close();
    await smtp.stop();
  }
}

function summarise(concurrency: number, setupSeconds: number, t: Timed): NotificationsRow {
  const commitOf = (dedupeKey: string) => {
    const [topic, id] = dedupeKey.split(':');
    const at = topic === 'koppeling.gewijzigd' ? t.commits.get(Number(id)) : undefined;
    if (at === undefined) throw new Error(`notificatie zonder bekende gebeurtenis: ${dedupeKey}`);
    return at;
  };
  const latencies = t.result.notifications
    .map((n) => (t.handedOff.get(n.id) ?? Number.NaN) - commitOf(n.dedupe_key))
    .sort((a, b) => a - b);
  const firstCommit = Math.min(...t.commits.values());
  const fannedOut = Math.max(...t.result.events.map((e) => e.processed_at?.getTime() ?? NaN));
  const lastHandOff = Math.max(...t.handedOff.values());
  if (!Number.isFinite(fannedOut)) throw new Error('niet elke gebeurtenis is verwerkt');
  const count = t.result.notifications.length;
  const fanOutSeconds = (fannedOut - firstCommit) / 1000;
  const deliverySeconds = (lastHandOff - fannedOut) / 1000;
  const totalSeconds = (lastHandOff - firstCommit) / 1000;
  return {
    concurrency,
    batchSize: defaultWorkerOptions.batchSize,
    events: t.commits.size,
    notifications: count,
    emails: t.handedOff.size,
    receivedOnce: t.handedOff.size,
    setupSeconds: round(setupSeconds, 1),
    insertMs: t.insertMs,
    fanOutSeconds: round(fanOutSeconds, 2),
    fanOutPerSecond: Math.round(count / fanOutSeconds),
    deliverySeconds: round(deliverySeconds, 2),
    deliveryPerSecond: Math.round(t.handedOff.size / deliverySeconds),
    totalSeconds: round(totalSeconds, 2),
    emailsPerSecond: Math.round(t.handedOff.size / totalSeconds),
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    },
    retries: t.result.retries,
  };
}

async function measureOne(db: Db, concurrency: number): Promise<NotificationsRow> {
  const started = performance.now();
  const fixture = await setUp(db);
  const setupSeconds = (performance.now() - started) / 1000;
  const t = await timed(db, fixture, concurrency);
  const row = summarise(concurrency, setupSeconds, t);
  const s = (value: number) => (value / 1000).toFixed(2);
  say(
    `  concurrency ${String(concurrency).padStart(2)}: fan-out ${row.fanOutPerSecond} ` +
      `notifications/s, ${row.emailsPerSecond} e-mails/s end to end ` +
      `(${row.deliveryPerSecond}/s delivery alone), change → hand-off ` +
      `p50 ${s(row.latencyMs.p50)} s  p95 ${s(row.latencyMs.p95)} s  ` +
      `p99 ${s(row.latencyMs.p99)} s, total ${row.totalSeconds} s, retries ${row.retries}`,
  );
  return row;
}

async function versionOf(db: Db): Promise<string> {
  const result = await db.executeQuery<{ v: string }>(CompiledQuery.raw('SELECT version() AS v'));
  return result.rows[0]?.v ?? '?';
}

/** One row per concurrency, each on a fresh database and a fresh SMTP server process. */
export async function measureNotifications(settings: Settings): Promise<NotificationsMeasurement> {
  say(
    `\n== notifications, ${settings.kind}: ${ACCOUNTS} contact persons × ${HOUSEHOLDS} ` +
      `events to a local SMTP server`,
  );
  const rows: NotificationsRow[] = [];
  let databaseVersion = '?';
  for (const concurrency of settings.concurrencies) {
    const name = 'tvs_bench_notifications';
    const serverUrl = settings.serverUrl;
    const databaseUrl = serverUrl ? await createDatabase(serverUrl, name) : undefined;
    const db = openDatabase({ databaseUrl, dataDir: 'memory' });
    try {
      databaseVersion = await versionOf(db);
      rows.push(await measureOne(db, concurrency));
    } finally {
      await db.destroy();
      if (serverUrl) await dropDatabase(serverUrl, name);
    }
  }
  return { databaseVersion, rows };
}
