import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { CompiledQuery, type KyselyPlugin } from 'kysely';

import { buildApp } from '../src/app.ts';
import { recordReads } from '../src/audit/processing-log.ts';
import { createSession, loadSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { type Db, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedReferenceData } from '../src/organisatie/reference-data.ts';
import { parseCriteria } from '../src/vergunninghouders/criteria.ts';
import { searchForActor } from '../src/vergunninghouders/service.ts';
import { generatePopulation } from './generate.ts';
import { baselineSteps, type Ready, type Reply, type Request } from './protocol.ts';

/**
 * The benchmark's server process, started by bench/run.ts so that the load generator does not
 * share its event loop: a database with a generated population, the TVS app on a free port
 * and, on a second port, the baseline: a bare node:http server that runs exactly the SQL of the
 * API search (captured from the real service) and returns JSON.stringify of the rows, with no
 * session, policy, processing log or response schema.
 *
 * Talks to its parent over the IPC channel: `ready` once listening, then answers `explain`
 * and `query` requests, and stops on `stop`.
 */

function send(message: Ready | Reply): void {
  if (!process.send) throw new Error('bench/server.ts runs as a child of bench/run.ts');
  process.send(message);
}

/** Runs the real search service once on a database handle that records the compiled SQL. */
async function captureSearchSql(
  db: Db,
  config: Config,
  token: string,
  query: Record<string, string>,
) {
  const session = await loadSession(db, config, token);
  if (!session) throw new Error('benchmark-sessie ontbreekt');
  const actor = session.actor;
  const captured: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      captured.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  const { criteria, errors } = parseCriteria(query);
  if (Object.keys(errors).length > 0) throw new Error(JSON.stringify(errors));
  await searchForActor(db.withPlugin(recorder), actor, criteria, 'bench-capture');
  const selects = captured.filter((q) => /^select .* from "vergunninghouder" as "v"/s.test(q.sql));
  if (selects.length !== 2) throw new Error(`${selects.length} zoekqueries gevonden, 2 verwacht`);
  return selects.map((q) => ({ sql: q.sql, parameters: q.parameters }));
}

async function createBenchAccount(db: Db, gemeenteId: number): Promise<number> {
  const account = await db
    .insertInto('account')
    .values({
      email: 'benchmark@bench.tvs.local',
      name: 'Benchmark gemeente',
      phone: null,
      organisation: 'Benchmark',
      coa_role: null,
      regio_code: null,
      password_hash: null,
      totp_secret: null,
      locked_until: null,
      removed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('membership')
    .values({
      account_id: account.id,
      gemeente_id: gemeenteId,
      role: 'gemeente',
      rechtsgrond: null,
      added_by: null,
    })
    .execute();
  return account.id;
}

interface BaselineContext {
  db: Db;
  config: Config;
  token: string;
  queries: CompiledQuery[];
}

async function actorOf(path: string, c: BaselineContext): Promise<number | null> {
  if (path === '/zoeken') return null;
  const session = await loadSession(c.db, c.config, c.token);
  if (!session) throw new Error('geen sessie');
  return session.actor.id;
}

async function baselineAnswer(path: string, c: BaselineContext): Promise<string> {
  const actorId = await actorOf(path, c);
  const [page, count] = await Promise.all(
    c.queries.map((q) => c.db.executeQuery<Record<string, unknown>>(q)),
  );
  const rows = page?.rows ?? [];
  const totaal = count?.rows[0]?.n;
  if (path.endsWith('/logboek')) {
    const traceId = randomUUID();
    await recordReads(
      c.db,
      rows.map((row) => ({
        traceId,
        actorId,
        activity: 'huisvesting-vergunninghouders',
        action: 'read',
        subjectType: 'vergunninghouder',
        subjectId: String(row.vNummer),
        details: { soort: 'zoeken', criteria: { fase: 'fase-2' }, resultaten: totaal },
      })),
    );
  }
  return JSON.stringify({ totaal, resultaten: rows });
}

function baselineServer(context: BaselineContext): Server {
  return createServer((request, response) => {
    const path = request.url ?? '';
    if (!(path in baselineSteps)) {
      response.writeHead(404).end();
      return;
    }
    baselineAnswer(path, context)
      .then((body) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      })
      .catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('geen adres'));
      else resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}

async function answer(db: Db, request: Request, queries: CompiledQuery[]): Promise<Reply> {
  if (request.type === 'stop') throw new Error('stop heeft geen antwoord');
  try {
    if (request.type === 'query') {
      const result = await db.executeQuery(CompiledQuery.raw(request.sql));
      return { type: 'reply', id: request.id, rows: result.rows };
    }
    const plans: string[] = [];
    for (const q of queries) {
      const explain = CompiledQuery.raw(
        `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
        q.parameters as unknown[],
      );
      const result = await db.executeQuery<{ 'QUERY PLAN': string }>(explain);
      plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return { type: 'reply', id: request.id, plans };
  } catch (error) {
    return { type: 'reply', id: request.id, error: String(error) };
  }
}

async function main(): Promise<void> {
  const persons = Number(process.env.BENCH_PERSONS);
  if (!Number.isInteger(persons) || persons <= 0) throw new Error('BENCH_PERSONS ontbreekt');
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;

  const config = loadConfig({ NODE_ENV: 'test' });
  const db = openDatabase({ databaseUrl, dataDir: 'memory' });
  await migrateToLatest(db);
  await seedReferenceData(db);
  const population = await generatePopulation(db, persons);

  // The gemeente with the most inhabitants has the most people, so the first page is full.
  const gemeente = await db
    .selectFrom('gemeente')
    .select(['id', 'naam'])
    .orderBy('inwoners', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const accountId = await createBenchAccount(db, gemeente.id);
  const token = await createSession(db, config, accountId, false);
  const query = {
    gemeente: String(gemeente.id),
    fase: 'fase-2',
    klantprofiel: 'ja',
    sorteer: 'achternaam',
  };
  const searchSql = await captureSearchSql(db, config, token, query);
  const queries = searchSql.map((q) => CompiledQuery.raw(q.sql, [...q.parameters]));

  const detail = await db
    .selectFrom('vergunninghouder')
    .select('v_nummer')
    .where('gemeente_id', '=', gemeente.id)
    .orderBy('v_nummer')
    .limit(200)
    .execute();
  const version = await db.executeQuery<{ v: string }>(CompiledQuery.raw('SELECT version() AS v'));

  const app = await buildApp(config, db);
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const baseline = baselineServer({ db, config, token, queries });
  const baselineUrl = await listen(baseline);

  process.on('message', (message: Request) => {
    if (message.type === 'stop') {
      baseline.close();
      void app
        .close()
        .then(() => db.destroy())
        .then(() => process.exit(0));
      return;
    }
    void answer(db, message, queries).then(send);
  });
  send({
    type: 'ready',
    appUrl,
    baselineUrl,
    cookie: `${SESSION_COOKIE}=${token}`,
    searchPath: `/api/v1/vergunninghouders?${new URLSearchParams(query).toString()}`,
    gemeente,
    detailVNummers: detail.map((r) => r.v_nummer),
    population,
    databaseVersion: version.rows[0]?.v ?? '?',
    searchSql,
  });
}

await main();
