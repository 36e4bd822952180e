import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { defaultWorkerOptions } from '../src/jobs/outbox-worker.ts';
import { measureDocuments } from './documents.ts';
import { type Measurement, runLoad } from './load.ts';
import {
  ACCOUNTS,
  GEMEENTE,
  HOUSEHOLDS,
  measureNotifications,
  POSTGRES_CONNECTIONS,
  SMTP_CONNECTIONS,
} from './notifications.ts';
import { createDatabase, dropDatabase, serverVersion, startCluster } from './postgres.ts';
import {
  type DatabaseKind,
  type Machine,
  type RunResult,
  type SizeResult,
  writeDocumentsResult,
  writeNotificationsResult,
  writeReport,
  writeResult,
} from './report.ts';
import { baselineSteps, type Ready, type Reply, type Request } from './protocol.ts';

/**
 * `npm run bench` (PGlite: 10,000 and 100,000 people) and `npm run bench -- --postgres`
 * (PostgreSQL: 10,000, 100,000 and 1,000,000). Per size: a server process with a fresh
 * generated database, then autocannon against the API search and its baseline, and against the
 * detail (API and page). Writes bench/results/<database>.json and regenerates
 * docs/performance.md from every result file present.
 *
 * Both then fan out 10,000 notifications and hand their e-mails to a local SMTP server
 * (bench/notifications.ts) and write their part of bench/results/notifications.json; the
 * PGlite run then measures the klantprofiel PDFs (bench/documents.ts) and writes
 * bench/results/documents.json.
 *
 * Options: --sizes 10000,50000 and --seconds 10 change the run (for trying things out);
 * --only search, --only notifications or --only documents runs one part; --report only renders
 * docs/performance.md again from the result files.
 */

const WARM_UP_SECONDS = 2;
const CONNECTIONS = 10;

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    report: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const parts = ['search', 'notifications', 'documents'];
if (args.only !== undefined && !parts.includes(args.only)) {
  throw new Error('Gebruik --only search, --only notifications of --only documents.');
}
/** Worker concurrencies: the app's default, and on PostgreSQL also more lanes than its pool. */
const notificationConcurrencies: Record<DatabaseKind, number[]> = {
  pglite: [defaultWorkerOptions.concurrency],
  postgresql: [defaultWorkerOptions.concurrency, 16],
};

const kind: DatabaseKind = args.postgres ? 'postgresql' : 'pglite';
const sizes = args.sizes
  ? args.sizes.split(',').map((s) => Number(s.replace(/_/g, '')))
  : kind === 'pglite'
    ? [10_000, 100_000]
    : [10_000, 100_000, 1_000_000];
const seconds = Number(args.seconds);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !(seconds > 0)) {
  throw new Error('Gebruik --sizes 10000,100000 en --seconds 10 (positieve getallen).');
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** The server process of one size, and a way to ask it things. */
class ServerProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private readyMessage: Promise<Ready>;

  constructor(private readonly child: ChildProcess) {
    this.readyMessage = new Promise((resolve, reject) => {
      child.on('message', (message: Ready | Reply) => {
        if (message.type === 'ready') resolve(message);
        else this.waiting.get(message.id)?.(message);
      });
      child.once('exit', (code) => {
        reject(new Error(`bench/server.ts stopte (code ${String(code)})`));
      });
    });
  }

  static start(persons: number, databaseUrl: string | undefined): ServerProcess {
    const script = fileURLToPath(new URL('./server.ts', import.meta.url));
    // BENCH_CPU_PROFILE_DIR=<folder> writes a V8 CPU profile of the server process, to see
    // where its time goes.
    const profile = process.env.BENCH_CPU_PROFILE_DIR;
    const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', script], {
      env: { ...process.env, BENCH_PERSONS: String(persons), BENCH_DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ServerProcess(child);
  }

  ready(): Promise<Ready> {
    return this.readyMessage;
  }

  ask(type: 'explain' | 'query', sql = ''): Promise<Reply> {
    const id = this.nextId++;
    const message: Request = type === 'query' ? { type, id, sql } : { type, id };
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send(message);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) {
        resolve();
        return;
      }
      this.child.once('exit', () => {
        resolve();
      });
      this.child.send({ type: 'stop' } satisfies Request);
    });
  }
}

async function measure(
  label: string,
  origin: string,
  paths: readonly string[],
  headers: Record<string, string>,
  connections: number,
): Promise<Measurement> {
  await runLoad({ origin, paths, headers, connections, seconds: WARM_UP_SECONDS });
  const result = await runLoad({ origin, paths, headers, connections, seconds });
  say(
    `  ${label.padEnd(30)} ${String(result.requestsPerSecond).padStart(8)} req/s` +
      `  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms`,
  );
  return result;
}

interface SearchBody {
  totaal: number;
  resultaten: { vNummer: string }[];
}

/** The API and the baseline must answer the same people, or the comparison means nothing. */
async function checkSameAnswer(ready: Ready): Promise<{ matches: number; pageRows: number }> {
  const api = await fetch(`${ready.appUrl}${ready.searchPath}`, {
    headers: { cookie: ready.cookie },
  });
  if (!api.ok) throw new Error(`API-zoekopdracht gaf ${api.status}: ${await api.text()}`);
  const apiBody = (await api.json()) as SearchBody;
  const baseline = (await (await fetch(`${ready.baselineUrl}/zoeken`)).json()) as {
    totaal: unknown;
    resultaten: { vNummer: string }[];
  };
  const left = apiBody.resultaten.map((r) => r.vNummer).join(',');
  const right = baseline.resultaten.map((r) => r.vNummer).join(',');
  if (left !== right || apiBody.totaal !== Number(baseline.totaal)) {
    throw new Error('API en baseline geven verschillende antwoorden');
  }
  return { matches: apiBody.totaal, pageRows: apiBody.resultaten.length };
}

async function statusOf(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status;
}

async function benchSize(persons: number, databaseUrl: string | undefined): Promise<SizeResult> {
  say(`\n== ${kind}, ${persons.toLocaleString('en')} vergunninghouders`);
  const server = ServerProcess.start(persons, databaseUrl);
  try {
    const ready = await server.ready();
    const p = ready.population;
    say(
      `  generated in ${p.seconds.toFixed(1)} s: ${p.households} households, ` +
        `${JSON.stringify(p.perFase)}, klantprofiel ${p.klantprofielBeschikbaar}`,
    );
    const answer = await checkSameAnswer(ready);
    say(
      `  search: ${ready.gemeente.naam}, fase-2, klantprofiel ja: ${answer.matches} matches, ` +
        `${answer.pageRows} on page 1`,
    );
    const cookie = { cookie: ready.cookie };
    const api = await measure('API search', ready.appUrl, [ready.searchPath], cookie, CONNECTIONS);
    const baseline = await measure('baseline', ready.baselineUrl, ['/zoeken'], {}, CONNECTIONS);
    const steps: SizeResult['steps'] = [];
    for (const [path, step] of Object.entries(baselineSteps)) {
      if (path === '/zoeken') continue;
      const m = await measure(`baseline ${path}`, ready.baselineUrl, [path], {}, CONNECTIONS);
      steps.push({ path, step, measurement: m });
    }

    const apiPaths = ready.detailVNummers.map((v) => `/api/v1/vergunninghouders/${v}`);
    const pagePaths = ready.detailVNummers.map((v) => `/vergunninghouders/${v}`);
    const firstApi = `${ready.appUrl}${apiPaths[0] ?? ''}`;
    const apiStatus = await statusOf(firstApi, ready.cookie);
    if (apiStatus !== 200) throw new Error(`API-detail gaf ${apiStatus}`);
    const detailApi1 = await measure('API detail, 1 connection', ready.appUrl, apiPaths, cookie, 1);
    const detailApi10 = await measure('API detail', ready.appUrl, apiPaths, cookie, CONNECTIONS);

    const pageStatus = await statusOf(`${ready.appUrl}${pagePaths[0] ?? ''}`, ready.cookie);
    let detailPage1: Measurement | null = null;
    let detailPage10: Measurement | null = null;
    if (pageStatus === 200) {
      detailPage1 = await measure('detail page, 1 connection', ready.appUrl, pagePaths, cookie, 1);
      detailPage10 = await measure('detail page', ready.appUrl, pagePaths, cookie, CONNECTIONS);
    } else {
      say(`  detail page: HTTP ${pageStatus}, not measured`);
    }

    const explained = await server.ask('explain');
    if (explained.error) throw new Error(explained.error);
    return {
      persons,
      population: p,
      gemeente: ready.gemeente.naam,
      matches: answer.matches,
      pageRows: answer.pageRows,
      search: { api, baseline },
      steps,
      detail: {
        pageStatus,
        api1: detailApi1,
        api10: detailApi10,
        page1: detailPage1,
        page10: detailPage10,
      },
      searchSql: ready.searchSql,
      plans: explained.plans ?? [],
      databaseVersion: ready.databaseVersion,
    };
  } finally {
    await server.stop();
  }
}

function cpuModel(): string {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown';
}

function commitOf(): string {
  const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

function machine(): Machine {
  return {
    cpus: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpuModel: cpuModel(),
    node: process.version,
    kernel: release(),
  };
}

async function benchDocuments(): Promise<string> {
  const started = new Date();
  const measured = await measureDocuments({ seconds, warmUpSeconds: WARM_UP_SECONDS });
  const command = args.only === 'documents' ? 'npm run bench -- --only documents' : 'npm run bench';
  return writeDocumentsResult({
    command: args.seconds !== '10' ? `${command} (custom options)` : command,
    startedAt: started.toISOString(),
    minutes: Number(((Date.now() - started.getTime()) / 60_000).toFixed(1)),
    commit: commitOf(),
    machine: machine(),
    warmUpSeconds: WARM_UP_SECONDS,
    seconds,
    ...measured,
  });
}

/** Where the PostgreSQL run works: a given server or the throwaway cluster. */
interface PostgresServer {
  url: string;
  version: string;
  settings: string;
}

const flags = [args.postgres ? '--postgres' : '', args.only ? `--only ${args.only}` : '']
  .filter(Boolean)
  .join(' ');
const runCommand = `npm run bench${flags ? ` -- ${flags}` : ''}`;

async function benchSearch(server: PostgresServer | undefined): Promise<string> {
  const started = new Date();
  const results: SizeResult[] = [];
  if (server) {
    for (const persons of sizes) {
      const name = `tvs_bench_${persons}`;
      const url = await createDatabase(server.url, name);
      try {
        results.push(await benchSize(persons, url));
      } finally {
        await dropDatabase(server.url, name);
      }
    }
  } else {
    for (const persons of sizes) results.push(await benchSize(persons, undefined));
  }
  const result: RunResult = {
    database: kind,
    databaseVersion: server?.version ?? results[0]?.databaseVersion ?? '',
    databaseSettings: server?.settings ?? 'in memory (PGlite in the server process)',
    command: args.sizes || args.seconds !== '10' ? `${runCommand} (custom options)` : runCommand,
    seconds,
    warmUpSeconds: WARM_UP_SECONDS,
    connections: CONNECTIONS,
    startedAt: started.toISOString(),
    minutes: Number(((Date.now() - started.getTime()) / 60_000).toFixed(1)),
    commit: commitOf(),
    machine: machine(),
    sizes: results,
  };
  return writeResult(result);
}

async function benchNotifications(server: PostgresServer | undefined): Promise<string> {
  const started = new Date();
  const measured = await measureNotifications({
    kind,
    serverUrl: server?.url,
    concurrencies: notificationConcurrencies[kind],
  });
  return writeNotificationsResult({
    database: kind,
    databaseVersion: server?.version ?? measured.databaseVersion,
    databaseSettings: server?.settings ?? 'in memory (PGlite in the benchmark process)',
    command: runCommand,
    startedAt: started.toISOString(),
    minutes: Number(((Date.now() - started.getTime()) / 60_000).toFixed(1)),
    commit: commitOf(),
    machine: machine(),
    accounts: ACCOUNTS,
    households: HOUSEHOLDS,
    gemeente: GEMEENTE,
    databaseConnections: server ? POSTGRES_CONNECTIONS : 1,
    smtpConnections: SMTP_CONNECTIONS,
    rows: measured.rows,
  });
}

/** The parts of a PostgreSQL run, on one server. */
async function benchPostgres(): Promise<string[]> {
  const given = process.env.TVS_BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const cluster = given ? null : await startCluster();
  const url = given ?? cluster?.url ?? '';
  const settings = cluster ? cluster.settings : 'server from TVS_BENCH_DATABASE_URL / DATABASE_URL';
  try {
    const server = { url, settings, version: await serverVersion(url) };
    say(`${server.version} (${settings})`);
    const files: string[] = [];
    if (args.only !== 'notifications') files.push(await benchSearch(server));
    if (args.only !== 'search') files.push(await benchNotifications(server));
    return files;
  } finally {
    cluster?.stop();
  }
}

async function main(): Promise<void> {
  if (args.report) {
    say(`wrote ${await writeReport()}`);
    return;
  }
  if (args.only === 'documents') {
    const file = await benchDocuments();
    say(`\nwrote ${file} and ${await writeReport()}`);
    return;
  }
  const files: string[] = [];
  if (kind === 'postgresql') files.push(...(await benchPostgres()));
  else {
    if (args.only !== 'notifications') files.push(await benchSearch(undefined));
    if (args.only !== 'search') files.push(await benchNotifications(undefined));
    if (args.only === undefined) files.push(await benchDocuments());
  }
  const doc = await writeReport();
  say(`\nwrote ${files.join(', ')} and ${doc}`);
}

await main();
