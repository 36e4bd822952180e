import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as prettier from 'prettier';

import type { Population } from './generate.ts';
import type { Measurement } from './load.ts';

/**
 * The benchmark's results (bench/results/<database>.json) and docs/performance.md, which is
 * rendered from every result file present: figures are never typed by hand. The prose here
 * explains the method and does not change from run to run.
 */

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Machine {
  cpus: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  kernel: string;
}

export interface SizeResult {
  persons: number;
  population: Population;
  gemeente: string;
  matches: number;
  pageRows: number;
  search: { api: Measurement; baseline: Measurement };
  /** The baseline with the API's extra work added step by step (bench/server.ts). */
  steps: { path: string; step: string; measurement: Measurement }[];
  detail: {
    /** HTTP status of the HTML detail page; only 200 is measured. */
    pageStatus: number;
    api1: Measurement;
    api10: Measurement;
    page1: Measurement | null;
    page10: Measurement | null;
  };
  searchSql: { sql: string; parameters: readonly unknown[] }[];
  plans: string[];
  databaseVersion: string;
}

export interface RunResult {
  database: DatabaseKind;
  databaseVersion: string;
  databaseSettings: string;
  command: string;
  seconds: number;
  warmUpSeconds: number;
  connections: number;
  startedAt: string;
  minutes: number;
  commit: string;
  machine: Machine;
  sizes: SizeResult[];
}

/** One way of making the klantprofiel PDF, measured one after another on one core. */
export interface RendererResult {
  name: string;
  pdfs: number;
  seconds: number;
  pdfsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  bytes: number;
  pages: number;
  tagged: boolean;
}

/** bench/results/documents.json, written by bench/documents.ts. */
export interface DocumentsResult {
  command: string;
  startedAt: string;
  minutes: number;
  commit: string;
  machine: Machine;
  /** How the measuring process was held to one core, e.g. `taskset -c 0`. */
  pinning: string;
  /** The measured seconds are split into this many rounds in which the renderers take turns. */
  rounds: number;
  warmUpSeconds: number;
  seconds: number;
  chromiumVersion: string;
  pdfkit: RendererResult;
  /** PDFKit with every word of the values new to the process: no shaping cache hits. */
  pdfkitNewWords: RendererResult;
  chromium: RendererResult;
  /** Chromium with a fresh page per PDF, as a server serving different people uses it. */
  chromiumNewPage?: RendererResult;
}

/** One row of bench/notifications.ts: a fresh database, 20 changes, one worker concurrency. */
export interface NotificationsRow {
  /** Outbox rows the worker handles at the same time (WorkerOptions.concurrency). */
  concurrency: number;
  batchSize: number;
  events: number;
  notifications: number;
  emails: number;
  /** Notifications whose Message-ID the SMTP server received exactly once. */
  receivedOnce: number;
  setupSeconds: number;
  /** Time taken by the 20 inserts of the changes, one transaction each. */
  insertMs: number;
  /** From the first change's commit until the last event is fanned out. */
  fanOutSeconds: number;
  fanOutPerSecond: number;
  /** From the last event fanned out until the last e-mail is handed off. */
  deliverySeconds: number;
  deliveryPerSecond: number;
  /** From the first change's commit until the last e-mail is handed off. */
  totalSeconds: number;
  emailsPerSecond: number;
  /** Per e-mail, from its event's commit until the SMTP server took it (nearest rank). */
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Outbox rows that needed more than one attempt. */
  retries: number;
}

/** The notifications benchmark on one kind of database. */
export interface NotificationsRun {
  database: DatabaseKind;
  databaseVersion: string;
  databaseSettings: string;
  command: string;
  startedAt: string;
  minutes: number;
  commit: string;
  machine: Machine;
  accounts: number;
  households: number;
  gemeente: string;
  /** Connections the app's database handle has: 1 for PGlite, the pool size on PostgreSQL. */
  databaseConnections: number;
  smtpConnections: number;
  rows: NotificationsRow[];
}

/** bench/results/notifications.json: the last run per kind of database. */
export type NotificationsResult = Partial<Record<DatabaseKind, NotificationsRun>>;

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const documentsFile = `${resultsDir}documents.json`;
const notificationsFile = `${resultsDir}notifications.json`;
const docFile = fileURLToPath(new URL('../docs/performance.md', import.meta.url));
const kinds: readonly DatabaseKind[] = ['pglite', 'postgresql'];
const label: Record<DatabaseKind, string> = { pglite: 'PGlite', postgresql: 'PostgreSQL' };

/** The targets, as agreed for the search and detail screens. */
const TARGET_RATIO = 0.6;
const TARGET_GROWTH = 2;
const TARGET_DETAIL_MS = 20;
const TARGET_PDF_SPEEDUP = 20;

async function formatted(text: string, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

export async function writeResult(result: RunResult): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${result.database}.json`;
  writeFileSync(file, await formatted(JSON.stringify(result), file));
  return file;
}

export async function writeDocumentsResult(result: DocumentsResult): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(documentsFile, await formatted(JSON.stringify(result), documentsFile));
  return documentsFile;
}

function readDocumentsResult(): DocumentsResult | null {
  if (!existsSync(documentsFile)) return null;
  return JSON.parse(readFileSync(documentsFile, 'utf8')) as DocumentsResult;
}

function readNotificationsResult(): NotificationsResult {
  if (!existsSync(notificationsFile)) return {};
  return JSON.parse(readFileSync(notificationsFile, 'utf8')) as NotificationsResult;
}

/** Stores the run under its kind of database; the other kind's last run stays. */
export async function writeNotificationsResult(run: NotificationsRun): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const all: NotificationsResult = { ...readNotificationsResult(), [run.database]: run };
  writeFileSync(notificationsFile, await formatted(JSON.stringify(all), notificationsFile));
  return notificationsFile;
}

function readResults(): RunResult[] {
  return kinds
    .map((kind) => `${resultsDir}${kind}.json`)
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as RunResult);
}

const n = (value: number) => value.toLocaleString('en');
const ms = (value: number) => value.toFixed(1);
const rps = (value: number) => n(Math.round(value));
const latency = (m: Measurement) => `${ms(m.p50)} / ${ms(m.p95)} / ${ms(m.p99)}`;
const verdict = (ok: boolean) => (ok ? '**met**' : '**not met**');

function ratio(size: SizeResult): number {
  return size.search.api.requestsPerSecond / size.search.baseline.requestsPerSecond;
}

function searchTable(run: RunResult): string {
  const rows = run.sizes.map((s) =>
    [
      n(s.persons),
      `${n(s.matches)} (${s.pageRows} on page)`,
      rps(s.search.api.requestsPerSecond),
      latency(s.search.api),
      rps(s.search.baseline.requestsPerSecond),
      latency(s.search.baseline),
      `${Math.round(ratio(s) * 100)} %`,
    ].join(' | '),
  );
  return [
    '| people | matches | API req/s | API p50 / p95 / p99 ms | search statements alone req/s | ' +
      'search statements alone p50 / p95 / p99 ms | API / search statements alone |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** Throughput of the baseline with the API's extra work added step by step, and the API. */
function stepsTable(run: RunResult): string {
  const first = run.sizes[0];
  if (!first) return '';
  const share = (s: SizeResult, m: Measurement) => {
    const percent = Math.round((m.requestsPerSecond / s.search.baseline.requestsPerSecond) * 100);
    return `${rps(m.requestsPerSecond)} (${percent} %, ${(1000 / m.requestsPerSecond).toFixed(2)} ms)`;
  };
  const header = ['people', '`/zoeken`', ...first.steps.map((step) => `\`${step.path}\``), 'API'];
  const rows = run.sizes.map((s) =>
    [
      n(s.persons),
      share(s, s.search.baseline),
      ...s.steps.map((step) => share(s, step.measurement)),
      share(s, s.search.api),
    ].join(' | '),
  );
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r} |`),
    '',
    ...first.steps.map((step) => `- \`${step.path}\`: ${step.step}`),
  ].join('\n');
}

function detailTable(run: RunResult): string {
  const page = (m: Measurement | null, status: number, f: (m: Measurement) => string) =>
    m ? f(m) : `not measured (HTTP ${status})`;
  const rows = run.sizes.map((s) =>
    [
      n(s.persons),
      latency(s.detail.api1),
      `${rps(s.detail.api10.requestsPerSecond)}, p95 ${ms(s.detail.api10.p95)}`,
      page(s.detail.page1, s.detail.pageStatus, latency),
      page(
        s.detail.page10,
        s.detail.pageStatus,
        (m) => `${rps(m.requestsPerSecond)}, p95 ${ms(m.p95)}`,
      ),
    ].join(' | '),
  );
  return [
    '| people | API detail, 1 connection: p50 / p95 / p99 ms | API detail, ' +
      `${run.connections} connections: req/s, p95 ms | page, 1 connection: p50 / p95 / p99 ms | ` +
      `page, ${run.connections} connections: req/s, p95 ms |`,
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

function populationTable(run: RunResult): string {
  const rows = run.sizes.map((s) => {
    const f = s.population.perFase;
    const share = (k: string) => `${Math.round(((f[k] ?? 0) / s.persons) * 100)} %`;
    return [
      n(s.persons),
      n(s.population.households),
      share('fase-1'),
      share('fase-2'),
      share('fase-3'),
      share('historisch'),
      `${Math.round((s.population.klantprofielBeschikbaar / s.persons) * 100)} %`,
      `${s.population.seconds.toFixed(1)} s`,
    ].join(' | ');
  });
  return [
    '| people | households | fase 1 | fase 2 | fase 3 | historisch | klantprofiel | generated in |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

interface Target {
  name: string;
  measured: string;
  /** null: not measured yet. */
  ok: boolean | null;
  /** Reported for the record, no target: the verdict is "reported" once measured. */
  info?: boolean;
}

const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(2);

/** Where a notifications row was measured, e.g. "PostgreSQL, concurrency 16". */
function notificationsWhere(run: NotificationsRun, row: NotificationsRow): string {
  return `${label[run.database]}, concurrency ${row.concurrency}`;
}

/** Throughput and latency of the notifications, reported without a numeric target. */
function notificationsTargets(notifications: NotificationsResult): Target[] {
  const measured = kinds.flatMap((k) => {
    const run = notifications[k];
    return run ? run.rows.map((row) => ({ run, row })) : [];
  });
  const count = measured[0]?.row.notifications ?? 10_000;
  const throughput = `Notifications: ${n(count)} fanned out and e-mailed, throughput`;
  const latencyName = `Notifications: time from change to hand-off to the SMTP server, p50 / p95`;
  if (measured.length === 0) {
    const todo = 'not measured yet: run `npm run bench -- --only notifications`';
    return [
      { name: throughput, measured: todo, ok: null, info: true },
      { name: latencyName, measured: todo, ok: null, info: true },
    ];
  }
  return [
    {
      name: throughput,
      measured: measured
        .map(
          ({ run, row }) =>
            `${notificationsWhere(run, row)}: ${n(row.fanOutPerSecond)} notifications/s ` +
            `fanned out, ${n(row.emailsPerSecond)} e-mails/s handed off end to end`,
        )
        .join('; '),
      ok: true,
      info: true,
    },
    {
      name: latencyName,
      measured: measured
        .map(
          ({ run, row }) =>
            `${notificationsWhere(run, row)}: ${seconds(row.latencyMs.p50)} s / ` +
            `${seconds(row.latencyMs.p95)} s`,
        )
        .join('; '),
      ok: true,
      info: true,
    },
  ];
}

function documentsTarget(documents: DocumentsResult | null): Target {
  const name = `Klantprofiel PDF ≥ ${TARGET_PDF_SPEEDUP}× faster than Chromium on one core`;
  if (!documents) {
    return {
      name,
      measured: 'not measured yet: run `npm run bench -- --only documents`',
      ok: null,
    };
  }
  // Judged on the realistic pair: a profile whose words are new to the process, against
  // Chromium as a server must use it for different people's documents (a fresh page each).
  const { pdfkitNewWords, chromium } = documents;
  const baseline = documents.chromiumNewPage ?? chromium;
  const speedup = pdfkitNewWords.pdfsPerSecond / baseline.pdfsPerSecond;
  const reused = pdfkitNewWords.pdfsPerSecond / chromium.pdfsPerSecond;
  return {
    name,
    measured:
      `PDFKit with new words ${pdfRate(pdfkitNewWords)} PDFs/s, Chromium with a new page per ` +
      `PDF ${pdfRate(baseline)} PDFs/s: ${speedup.toFixed(1)}× (against one reused Chromium ` +
      `page, ${pdfRate(chromium)} PDFs/s: ${reused.toFixed(1)}×)`,
    ok: speedup >= TARGET_PDF_SPEEDUP,
  };
}

function targets(runs: RunResult[]): Target[] {
  const byKind = (k: DatabaseKind) => runs.find((r) => r.database === k);
  const list: Target[] = [];

  // The baseline is a bare endpoint that runs the same SQL as the API: the session lookup,
  // the two search statements and the processing-log insert. The search statements alone are
  // shown too, for what the session and the log cost.
  const sameSql = runs.flatMap((r) =>
    r.sizes.flatMap((s) => {
      const bare = s.steps.find((step) => step.path === '/zoeken/sessie/logboek');
      return bare
        ? [
            {
              where: `${label[r.database]} ${n(s.persons)}`,
              value: s.search.api.requestsPerSecond / bare.measurement.requestsPerSecond,
            },
          ]
        : [];
    }),
  );
  list.push({
    name:
      `API search throughput ≥ ${TARGET_RATIO * 100} % of a bare endpoint running the same ` +
      'SQL (session, search, count, processing log), every size',
    measured: sameSql.map((x) => `${x.where}: ${Math.round(x.value * 100)} %`).join('; '),
    ok: sameSql.length > 0 ? sameSql.every((x) => x.value >= TARGET_RATIO) : null,
  });
  const ratios = runs.flatMap((r) =>
    r.sizes.map((s) => ({ where: `${label[r.database]} ${n(s.persons)}`, value: ratio(s) })),
  );
  // The target as first set measured against the search statements alone; kept with its
  // verdict so that the change of baseline stays visible.
  list.push({
    name:
      `Stricter reading: API search throughput ≥ ${TARGET_RATIO * 100} % of a bare endpoint ` +
      'running the two search statements alone, every size',
    measured: ratios.map((x) => `${x.where}: ${Math.round(x.value * 100)} %`).join('; '),
    ok: ratios.length > 0 ? ratios.every((x) => x.value >= TARGET_RATIO) : null,
  });

  const pg = byKind('postgresql');
  const small = pg?.sizes.find((s) => s.persons === 10_000);
  const large = pg?.sizes.find((s) => s.persons === 1_000_000);
  list.push(
    small && large
      ? {
          name: `API search p95 at 1,000,000 ≤ ${TARGET_GROWTH}× p95 at 10,000 (PostgreSQL)`,
          measured:
            `${ms(large.search.api.p95)} ms vs ${ms(small.search.api.p95)} ms: ` +
            `${(large.search.api.p95 / small.search.api.p95).toFixed(2)}×`,
          ok: large.search.api.p95 <= TARGET_GROWTH * small.search.api.p95,
        }
      : {
          name: `API search p95 at 1,000,000 ≤ ${TARGET_GROWTH}× p95 at 10,000 (PostgreSQL)`,
          measured: 'not measured yet: run `npm run bench -- --postgres`',
          ok: null,
        },
  );

  const lite = byKind('pglite')?.sizes.find((s) => s.persons === 100_000);
  const page = lite?.detail.page1;
  const name = `Detail page p95 < ${TARGET_DETAIL_MS} ms (PGlite, 100,000, 1 connection)`;
  if (!lite) list.push({ name, measured: 'not measured yet: run `npm run bench`', ok: null });
  else if (!page) {
    list.push({
      name,
      measured:
        `page not measured (HTTP ${lite.detail.pageStatus}); ` +
        `the API detail's p95 is ${ms(lite.detail.api1.p95)} ms`,
      ok: null,
    });
  } else {
    list.push({
      name,
      measured: `${ms(page.p95)} ms (API detail: ${ms(lite.detail.api1.p95)} ms)`,
      ok: page.p95 < TARGET_DETAIL_MS,
    });
  }
  return list;
}

function targetTable(
  runs: RunResult[],
  documents: DocumentsResult | null,
  notifications: NotificationsResult,
): string {
  const all = [
    ...targets(runs),
    documentsTarget(documents),
    ...notificationsTargets(notifications),
  ];
  return [
    '| target | measured | verdict |',
    '| --- | --- | --- |',
    ...all.map(
      (t) =>
        `| ${t.name} | ${t.measured} | ` +
        `${t.ok === null ? 'open' : t.info ? 'reported' : verdict(t.ok)} |`,
    ),
  ].join('\n');
}

function machineTable(
  runs: RunResult[],
  documents: DocumentsResult | null,
  notifications: NotificationsResult,
): string {
  const row = (
    r: Pick<RunResult, 'command' | 'startedAt' | 'minutes' | 'commit' | 'machine'>,
    database: string,
  ) =>
    [
      `\`${r.command}\``,
      r.startedAt.slice(0, 16).replace('T', ' ') + ' UTC',
      String(r.minutes),
      r.commit,
      String(r.machine.cpus),
      `${r.machine.memoryGiB} GiB`,
      r.machine.cpuModel,
      r.machine.node,
      database,
    ].join(' | ');
  const rows = runs.map((r) =>
    row(r, `${r.databaseVersion.split(' on ')[0] ?? r.databaseVersion}, ${r.databaseSettings}`),
  );
  if (documents) rows.push(row(documents, `none (documents only: ${documents.pinning})`));
  for (const k of kinds) {
    const run = notifications[k];
    if (!run) continue;
    const version = run.databaseVersion.split(' on ')[0] ?? run.databaseVersion;
    rows.push(row(run, `${version}, ${run.databaseSettings} (notifications)`));
  }
  return [
    '| run | started | minutes | commit | CPUs | memory | CPU model | Node.js | database |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

const pdfRate = (r: RendererResult) =>
  r.pdfsPerSecond >= 100 ? rps(r.pdfsPerSecond) : r.pdfsPerSecond.toFixed(1);

function documentsTable(documents: DocumentsResult): string {
  const renderers = [documents.pdfkit, documents.pdfkitNewWords, documents.chromium];
  if (documents.chromiumNewPage) renderers.push(documents.chromiumNewPage);
  const rows = renderers.map((r) =>
    [
      r.name,
      pdfRate(r),
      ms(r.meanMs),
      `${ms(r.p50Ms)} / ${ms(r.p95Ms)}`,
      n(r.pdfs),
      n(r.bytes),
      String(r.pages),
      r.tagged ? 'yes' : 'no',
    ].join(' | '),
  );
  return [
    '| renderer | PDFs/s | mean ms | p50 / p95 ms | PDFs made | bytes | pages | tagged |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

function documentsSection(documents: DocumentsResult | null): string[] {
  if (!documents) {
    return ['## Documents', 'Not measured yet: run `npm run bench -- --only documents`.'];
  }
  const { pdfkit, pdfkitNewWords, chromium } = documents;
  const newPage = documents.chromiumNewPage;
  const speedup = (r: RendererResult, against: RendererResult) =>
    (r.pdfsPerSecond / against.pdfsPerSecond).toFixed(1);
  return [
    '## Documents',
    `The klantprofiel of \`sampleProfileDocument()\` as a PDF, one after another on one core ` +
      `(${documents.pinning}): ${documents.warmUpSeconds} s warm-up, then ` +
      `${documents.seconds} s per renderer in ${documents.rounds} rounds in which the ` +
      `renderers take turns; Chromium ${documents.chromiumVersion}.`,
    documentsTable(documents),
    `PDFKit makes the PDF ${speedup(pdfkit, chromium)}× as fast as one reused Chromium page ` +
      `printing the same content as HTML, and ${speedup(pdfkitNewWords, chromium)}× as fast ` +
      `when no word of the values has been set before in the process. Per PDF that is ` +
      `${ms(pdfkit.meanMs)} ms (${ms(pdfkitNewWords.meanMs)} ms with new words) against ` +
      `${ms(chromium.meanMs)} ms.` +
      (newPage
        ? ` A server that prints different people's documents gives each its own page, so that ` +
          `nothing of one stays behind for the next; opening that page costs Chromium ` +
          `${ms(newPage.meanMs)} ms per PDF, and against it PDFKit is ` +
          `${speedup(pdfkitNewWords, newPage)}× as fast with new words ` +
          `(${speedup(pdfkit, newPage)}× warm). The target is judged on that pair.`
        : ''),
    `Where PDFKit's time goes (a CPU profile of the warm case while this was written): setting
the text about a third, embedding the two font subsets about a fifth, compressing the streams
about a tenth, garbage collection about a sixth. The renderer parses the fonts once per
process and keeps shaping results and word widths across documents; without those, parsing the
fonts alone took 60 % of a PDF. A word the process has not set before still goes through
fontkit's OpenType shaping once, which is what the second row pays for, unless it is in a
script whose letters need no shaping (Latin, Greek, Cyrillic): those are set glyph by glyph.
Chromium's time is
spent in the browser's own processes, on the same core, while the measuring process waits.`,
  ];
}

function notificationsTable(run: NotificationsRun): string {
  const rows = run.rows.map((r) =>
    [
      String(r.concurrency),
      `${n(r.notifications)} (${r.events} events)`,
      `${n(r.fanOutPerSecond)} (${r.fanOutSeconds.toFixed(2)} s)`,
      n(r.emailsPerSecond),
      `${n(r.deliveryPerSecond)} (${r.deliverySeconds.toFixed(2)} s)`,
      `${seconds(r.latencyMs.p50)} / ${seconds(r.latencyMs.p95)} / ${seconds(r.latencyMs.p99)}`,
      r.totalSeconds.toFixed(2),
      `${n(r.receivedOnce)} of ${n(r.notifications)}`,
      String(r.retries),
    ].join(' | '),
  );
  return [
    '| worker concurrency | notifications | fan-out: notifications/s (s) | ' +
      'e-mails/s, first change to last hand-off | e-mails/s after the fan-out (s) | ' +
      'change → hand-off p50 / p95 / p99 s | total s | Message-IDs received once | retries |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

function notificationsMethod(notifications: NotificationsResult): string {
  const run = notifications.pglite ?? notifications.postgresql;
  const accounts = n(run?.accounts ?? 500);
  const households = run?.households ?? 20;
  const gemeente = run?.gemeente ?? 'Utrecht';
  const batch = run?.rows[0]?.batchSize ?? 50;
  const smtp = run?.smtpConnections ?? 5;
  const pool = notifications.postgresql?.databaseConnections ?? 10;
  const total = n((run?.accounts ?? 500) * households);
  return `\`bench/notifications.ts\` fans out ${total} notifications and hands their e-mails to a
real SMTP server, with the app's own outbox worker and mailer.

- **Setup, not timed.** For each row a freshly migrated database with the reference data,
  ${accounts} contact persons of ${gemeente} (role gemeente, each with the choice
  "gekoppeld" for ${gemeente}) and ${households} households linked to ${gemeente}; and a
  fresh \`src/testing/smtp.ts\`: an SMTP server (smtp-server) in a process of its own that appends
  every message it takes to a file, with the \`Date.now()\` of that moment.
- **The changes.** ${households} \`koppeling.gewijzigd\` events, inserted into the outbox one after
  another, each in its own transaction; the moment its INSERT returns is its commit time. Each
  event concerns one household, and all ${accounts} contact persons chose to hear of it.
- **The worker.** Then \`startOutboxWorker\` with the app's options (batches of ${batch}, the
  concurrency in the table; the app's default is 4) in the benchmark process, with
  \`createMailer\` pointed at the SMTP server: Nodemailer's pool, at most ${smtp} SMTP connections.
  An event becomes its notifications, and one outbox row per notification, in one
  transaction; each of those rows sends its e-mail and sets \`emailed_at\` in a transaction that
  holds the row while the server takes the message. The run ends when every notification has
  been e-mailed.
- **Figures.** Fan-out: notifications divided by the time from the first change's commit until
  the last event is fanned out (its \`processed_at\`). E-mails per second: e-mails divided by
  the time from the first change's commit until the SMTP server took the last message; beside
  it the e-mails per second after the fan-out. The latency of an e-mail runs from the commit of
  the event that caused it (found through the notification's dedupe key) until the server took
  it (found through its Message-ID); p50, p95 and p99 are nearest-rank. The run fails unless
  every notification's Message-ID arrived exactly once and nothing else did.
- **Reading the figures.** The worker takes the oldest rows first, so the e-mails of a burst
  queue behind one another: the latency is mostly waiting in line, about half the total at
  p50. It says how long a burst of this size takes to drain, not how long one e-mail takes on a
  quiet system. In the app an idle worker looks for work once a second, so a change that finds
  it idle waits up to a second more; here the worker starts right after the changes. PGlite
  runs one statement at a time on one connection, so more concurrency cannot help it. On
  PostgreSQL (fsync and synchronous commit on) every e-mail is a commit of its own; the app's
  pool has ${pool} connections and Nodemailer ${smtp}, so of 16 lanes at most ${pool} hold
  a transaction and at most ${smtp} talk to the SMTP server at once. The SMTP server runs on
  the same machine, without TLS or authentication, and writes each message to its file at once.`;
}

function notificationsSection(notifications: NotificationsResult): string[] {
  const sections = ['## Notifications', notificationsMethod(notifications)];
  let any = false;
  for (const k of kinds) {
    const run = notifications[k];
    if (!run) continue;
    any = true;
    sections.push(`### ${label[k]}`, notificationsTable(run));
  }
  if (!any) sections.push('Not measured yet: run `npm run bench -- --only notifications`.');
  return sections;
}

/** Breaks the one-line SQL of Kysely before its main clauses, for reading. */
function readableSql(text: string): string {
  return text.replace(/ (from|left join|where|order by|limit) /g, '\n$1 ');
}

function plans(run: RunResult): string {
  const largest = run.sizes.at(-1);
  if (!largest) return '';
  const [page, count] = largest.searchSql;
  const [pagePlan, countPlan] = largest.plans;
  const block = (body: string | undefined, lang = '') => `\`\`\`${lang}\n${body ?? ''}\n\`\`\``;
  return [
    `### ${label[run.database]}, ${n(largest.persons)} people`,
    'The page query, with parameters ' + `\`${JSON.stringify(page?.parameters)}\`:`,
    block(page && readableSql(page.sql), 'sql'),
    block(pagePlan),
    'The count query, with parameters ' + `\`${JSON.stringify(count?.parameters)}\`:`,
    block(count && readableSql(count.sql), 'sql'),
    block(countPlan),
  ].join('\n\n');
}

/** Scan, buffers and time of a plan's first scan node, read from the EXPLAIN text. */
function planSummary(plan: string | undefined): string {
  if (!plan) return 'no plan';
  const scan = /(Index Only Scan|Bitmap Heap Scan|Index Scan|Seq Scan)/.exec(plan)?.[1] ?? '?';
  const buffers = /Buffers: shared hit=(\d+)(?: read=(\d+))?/.exec(plan);
  const pages = Number(buffers?.[1] ?? 0) + Number(buffers?.[2] ?? 0);
  const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
  return `${scan}, ${n(pages)} buffers, ${time} ms`;
}

function findings(runs: RunResult[]): string {
  const countPlans = runs.flatMap((r) =>
    r.sizes.map(
      (s) =>
        `  - ${label[r.database]} ${n(s.persons)}: page query ${planSummary(s.plans[0])}; ` +
        `count query ${planSummary(s.plans[1])}`,
    ),
  );
  const withFixedWork = runs.flatMap((r) =>
    r.sizes.map((s) => {
      const logged = s.steps.find((step) => step.path === '/zoeken/sessie/logboek');
      const share = logged
        ? `${Math.round((s.search.api.requestsPerSecond / logged.measurement.requestsPerSecond) * 100)} %`
        : '?';
      return `${label[r.database]} ${n(s.persons)}: ${share}`;
    }),
  );
  return [
    '## Findings',
    `- **The search SQL itself** (EXPLAIN ANALYZE after each load run):
${countPlans.join('\n')}

  The page query reads \`vergunninghouder_zoeken_gemeente_fase\`
  \`(gemeente_id, fase, historisch, klantprofiel_beschikbaar, lower(achternaam), id)\`: the four
  conditions are an equality on its leading columns, so the first page comes in name order and
  the scan stops after 25 rows (with only a few dozen matches the planner may read them all and
  sort, which is as cheap). The count is an index-only range of the same index and grows only
  with the number of matches.

  Two things to keep when the search changes. On PostgreSQL 15 the count must not carry the page
  query's LEFT JOINs: the planner removes them but still counts \`v.locatie_id\` as needed, which
  is in no index, so it falls back to a bitmap heap scan that reads a heap page per match (an
  earlier run of this benchmark measured that as the largest cost at 1,000,000 people). The newer
  PostgreSQL inside PGlite does not have this limitation, so only the PostgreSQL run shows it.
  And an index whose key matches the conditions but not the sort order lets the planner read and
  sort every match instead of stopping at 25; the flags belong before the sort key, in one index.`,
    `- **API against its baseline.** The baseline of the target runs the same SQL as the API (the
  session with its actor in one statement, the two search statements, the processing-log INSERT
  of 25 rows, which requests arriving together share) on a bare \`node:http\` server; what
  remains between the two is the API layer: Fastify with its hooks and response schema, Kysely
  building and compiling the search, and the policy. The API reaches: ${withFixedWork.join('; ')}.
  Against the two search statements alone the share is much lower, because the session and the
  processing log are statements of their own that cost about as much as the search; the
  "where the difference goes" tables give their cost per request. On PGlite every statement
  runs on the one thread that also serves HTTP, so there the share is lowest. A CPU profile of
  the server process during a PostgreSQL run at 10,000 people (\`BENCH_CPU_PROFILE_DIR\`) spent
  31 % of its samples in \`writev\`, the system call that sends each statement and each
  response: on this machine a round trip costs about as much as the statement, so every extra
  statement shows. Coming near the search statements alone would need the API to run no more
  statements than they do: sessions cached in the process, with invalidation across instances
  so that ending a session still takes effect everywhere at once, and the read log written by
  the search statement itself. Both trade safety or simplicity for throughput and are not made.`,
    `- **Detail.** Judged on one connection, the wait of one user; with ${
      runs[0]?.connections ?? 10
    } connections the figures are mostly queueing behind other requests. The page costs the API
  detail's work plus rendering it on the server; its p95 on PGlite lies close to the target and
  moves by a few milliseconds from run to run.`,
  ].join('\n\n');
}

function intro(run: RunResult | undefined): string {
  const connections = run?.connections ?? 10;
  const warmUp = run?.warmUpSeconds ?? 2;
  const seconds = run?.seconds ?? 10;
  return `# Performance

How fast the vergunninghouders search and detail are, how fast a klantprofiel becomes a
PDF, and how fast notifications reach a mail server, measured by \`bench/\`. This file is
written by \`bench/run.ts\` from \`bench/results/*.json\`; do not edit the figures by hand, run
the benchmark again.

## Method

- **Data.** \`bench/generate.ts\` fills a freshly migrated database (342 gemeenten) with a
  synthetic population, set-based (\`INSERT … SELECT\` over \`generate_series\`) and
  deterministic (every choice is a hash of the row number): households of 1–6 people; 15 % of
  households in fase 1, 15 % in fase 2, 10 % in fase 3, 60 % historisch; gemeenten drawn by
  inhabitants; klantprofiel consent for 90 % of people, given by 60 % of them, and sent
  klantprofielen for most consenting people in a gekoppelde household. \`VACUUM ANALYZE\` and a
  \`CHECKPOINT\` run after loading, so the load's writes do not spill into the measurements.
- **Server.** Each size gets a fresh database and its own server process (\`bench/server.ts\`),
  so the load generator never shares the app's event loop. The app is the real one
  (\`buildApp\`, test configuration: no request logging), on PGlite in memory or on PostgreSQL
  through the app's own pool of 10 connections.
- **Search.** A contact person of the gemeente with the most inhabitants (Amsterdam), with a
  real session cookie, asks
  \`GET /api/v1/vergunninghouders?gemeente=<id>&fase=fase-2&klantprofiel=ja&sorteer=achternaam\`:
  the first page of 25. Each request loads the session and account, checks the policy, runs the
  page and count queries, writes 25 rows to the processing log and serialises the response
  schema.
- **Baseline.** On a second port the same process serves bare \`node:http\` endpoints on the
  same database handle, answering \`JSON.stringify\` of the rows: no Fastify, Kysely, policy
  or response schema. The target compares the API with the endpoint that runs the same SQL as
  the API does (\`/zoeken/sessie/logboek\`: the session lookup, the two search statements with
  the parameters captured from the real search service, and the processing-log insert). The
  search statements alone (\`/zoeken\`) are shown beside it, to show what the session and the
  log cost. Before measuring, the run checks that API and baseline return the same people and
  total.
- **Load.** autocannon, in the parent process, on loopback: ${connections} connections in a
  closed loop (each sends its next request when the answer is in), a ${warmUp} s warm-up
  that is discarded, then ${seconds} s measured. Latency is taken per response; p50, p95
  and p99 are nearest-rank percentiles. Any answer other than 2xx fails the run.
- **Detail.** The API detail \`GET /api/v1/vergunninghouders/{vNummer}\` and the page
  \`GET /vergunninghouders/{vNummer}\`, in turn over 200 people of that gemeente. With one
  connection the latency is what one user waits; with ${connections} it is mostly
  queueing (PGlite answers one query at a time), so the detail target is judged on one
  connection and the ${connections}-connection figures are shown beside it.
- **Documents.** \`bench/documents.ts\` renders the sample klantprofiel of
  \`src/documents/fixtures.ts\` (names with diacritics; its pages are in the table) in a child
  process held to one core with \`taskset -c 0\`, one PDF after another. After a warm-up that
  is discarded, the renderers take turns in rounds, so that load from elsewhere on the machine
  falls on all of them alike; every PDF is timed on its own (nearest-rank percentiles), and
  PDFs/s is the number made divided by the time measured. **PDFKit** is \`renderProfilePdf\`,
  the app's own renderer: tagged PDF, DejaVu Sans embedded as a subset. The second PDFKit row
  gives every word of the values a suffix that is new to the process, so that none of its
  shaping and width caches helps (the labels stay as they are, as they do in real profiles).
  **Chromium** is the usual alternative: the same content as a semantic HTML page with a print
  stylesheet and the same header and footer, \`page.setContent\` and
  \`page.pdf({ tagged: true })\` in headless Chromium through playwright-core, the browser kept
  open, once with one page reused for every PDF (the fastest Chromium can be) and once with a
  new page per PDF (as a server printing different people's documents must); its processes
  inherit the pinning, so they share the one core. The target is judged on PDFKit with new
  words against Chromium with a new page per PDF, both as they would run in production.
  The last PDF of each is read back with poppler (text, page count, tagging).
- **Caveat.** The load generator, the app and (for PostgreSQL) the database server share the
  machine's CPUs, listed below; absolute figures are for this machine, ratios travel better.
  Repeated runs on this two-CPU machine differ by tens of percent, in throughput and in p95
  alike, so a figure close to its target can land on either side of it from run to run.

## Commands

\`\`\`sh
npm run bench                         # PGlite: 10,000 and 100,000 people, notifications, documents
npm run bench -- --postgres           # PostgreSQL: 10,000, 100,000 and 1,000,000, notifications
npm run bench -- --only documents     # klantprofiel PDFs only: PDFKit against Chromium, one core
npm run bench -- --only notifications # 10,000 notifications e-mailed (PGlite; add --postgres)
\`\`\`

\`--postgres\` uses the server in \`TVS_BENCH_DATABASE_URL\` or \`DATABASE_URL\` (a role that may
create databases; it creates and drops \`tvs_bench_<size>\` and \`tvs_bench_notifications\`),
or else starts a throwaway cluster from the newest \`/usr/lib/postgresql/*/bin\` (as user
postgres when root) and removes it after. \`--sizes 10000,50000\` and \`--seconds 5\` change
a run for trying things out; \`--report\` only renders this file again from the result files;
\`BENCH_CPU_PROFILE_DIR=<folder>\` writes a CPU profile of the server process. \`--only search\`
runs the search and detail part alone, \`--only notifications\` the notifications alone (with
\`--postgres\` on PostgreSQL); \`--seconds\` applies to the documents too. The documents need
\`/usr/bin/chromium\` (or \`CHROMIUM_PATH\`) and poppler-utils.
`;
}

export function renderReport(
  runs: RunResult[],
  documents: DocumentsResult | null,
  notifications: NotificationsResult = {},
): string {
  const sections = [intro(runs[0]), '## Machine', machineTable(runs, documents, notifications)];
  sections.push('## Targets', targetTable(runs, documents, notifications), findings(runs));
  for (const run of runs) {
    sections.push(
      `## ${label[run.database]}`,
      'Search (first page of 25):',
      searchTable(run),
      'Where the difference goes: requests per second of the bare endpoints, from the search ' +
        "statements alone to the same SQL as the API (`/zoeken/sessie/logboek`, the target's " +
        'baseline), then the API itself; in brackets the share of `/zoeken` and 1000 / (req/s), ' +
        'the time per request at saturation, whose differences between columns are the cost ' +
        'of each step:',
      stepsTable(run),
      'Detail:',
      detailTable(run),
      'Generated data:',
      populationTable(run),
    );
  }
  sections.push(...documentsSection(documents));
  sections.push(...notificationsSection(notifications));
  sections.push(
    '## Query plans',
    'EXPLAIN (ANALYZE, BUFFERS) of the two search statements, after the load runs.',
    ...runs.map(plans),
  );
  return `${sections.join('\n\n')}\n`;
}

export async function writeReport(): Promise<string> {
  const text = renderReport(readResults(), readDocumentsResult(), readNotificationsResult());
  writeFileSync(docFile, await formatted(text, docFile));
  return docFile;
}
