import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { sampleProfileDocument } from '../src/documents/fixtures.ts';
import type { DocumentField, DocumentSection, ProfileDocument } from '../src/documents/model.ts';
import { renderProfilePdf } from '../src/documents/pdf.ts';
import type { RendererResult } from './report.ts';

/**
 * Klantprofiel PDFs per second on one core: the app's renderer (PDFKit) against the usual
 * alternative, the same content as an HTML page printed by headless Chromium. bench/run.ts
 * calls measureDocuments(), which runs this file again as a child process pinned to core 0
 * with taskset; Chromium, started from that child, inherits the pinning, so the browser and
 * its renderer share the one core too. The child reports its figures over the IPC channel.
 */

export interface DocumentsMeasurement {
  pinning: string;
  rounds: number;
  chromiumVersion: string;
  pdfkit: RendererResult;
  pdfkitNewWords: RendererResult;
  chromium: RendererResult;
  chromiumNewPage: RendererResult;
}

interface Settings {
  seconds: number;
  warmUpSeconds: number;
}

type ChildMessage =
  | { type: 'result'; result: Omit<DocumentsMeasurement, 'pinning' | 'rounds'> }
  | { type: 'error'; message: string };

const CHILD_FLAG = 'BENCH_DOCUMENTS_CHILD';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// The HTML alternative: the same content, semantic markup, a print stylesheet.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const EMPTY = '–';

function valueHtml(value: DocumentField['value']): string {
  if (typeof value === 'string') return escapeHtml(value === '' ? EMPTY : value);
  if (value.length === 0) return EMPTY;
  return `<ul>${value.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function fieldsHtml(fields: readonly DocumentField[]): string {
  if (fields.length === 0) return '';
  const rows = fields.map(
    (f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${valueHtml(f.value)}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

function sectionHtml(section: DocumentSection, level: 2 | 3): string {
  const subsections = (section.subsections ?? []).map((sub) => sectionHtml(sub, 3)).join('');
  return (
    `<section><h${level}>${escapeHtml(section.heading)}</h${level}>` +
    `${fieldsHtml(section.fields)}${subsections}</section>`
  );
}

const PRINT_CSS = `
@page { size: A4; margin: 27mm 20mm 24mm 20mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #1a1a1a; }
h1 { font-size: 22pt; color: #01689b; margin: 0 0 2pt; }
.subject { font-size: 13pt; margin: 0 0 12pt; }
.notice { border: 1.5pt solid #c87a00; background: #fff4d6; padding: 10pt; font-weight: bold;
  font-size: 10pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; color: #01689b; margin: 18pt 0 6pt; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; }
tr { break-inside: avoid; }
th { text-align: left; vertical-align: top; width: 185pt; padding: 0 14pt 5pt 0; }
td { vertical-align: top; padding: 0 0 5pt; }
ul { list-style: none; margin: 0; padding: 0; }
`;

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

export function profileHtml(profile: ProfileDocument): string {
  const contact: DocumentSection = {
    heading: profile.contact.heading,
    fields: [
      { label: 'Naam', value: profile.contact.naam },
      { label: 'E-mailadres', value: profile.contact.email },
    ],
  };
  const notice = profile.notice
    ? `<p class="notice" role="note">${escapeHtml(profile.notice)}</p>`
    : '';
  return (
    `<!doctype html><html lang="nl"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(`${profile.title} – ${profile.subject}`)}</title>` +
    `<meta name="author" content="${escapeHtml(profile.author)}">` +
    `<style>${PRINT_CSS}</style></head><body><main>` +
    `<h1>${escapeHtml(profile.title)}</h1><p class="subject">${escapeHtml(profile.subject)}</p>` +
    notice +
    [...profile.sections, contact].map((s) => sectionHtml(s, 2)).join('') +
    `</main></body></html>`
  );
}

const RUNNING = 'font-family: DejaVu Sans, sans-serif; font-size: 8pt; color: #555;';

function headerFooter(profile: ProfileDocument): {
  headerTemplate: string;
  footerTemplate: string;
} {
  const line = (left: string, right: string) =>
    `<div style="${RUNNING} width: 100%; margin: 0 20mm; display: flex; ` +
    `justify-content: space-between;"><span>${left}</span><span>${right}</span></div>`;
  return {
    headerTemplate: line(escapeHtml(`TVS · ${profile.title}`), escapeHtml(profile.versionLine)),
    footerTemplate: line(
      escapeHtml(`Gemaakt op ${dateFormat.format(profile.generatedAt)}`),
      'Pagina <span class="pageNumber"></span> van <span class="totalPages"></span>',
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring, in the pinned child.

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The profile with a suffix on every word of the values that the process has not seen. */
function withNewWords(profile: ProfileDocument, n: number): ProfileDocument {
  const suffix = `q${n.toString(36)}`;
  const renew = (text: string) => text.replace(/\S+/g, (word) => `${word}${suffix}`);
  const section = (s: DocumentSection): DocumentSection => ({
    heading: s.heading,
    fields: s.fields.map((f) => ({
      label: f.label,
      value: typeof f.value === 'string' ? renew(f.value) : f.value.map(renew),
    })),
    subsections: s.subsections?.map(section),
  });
  return { ...profile, sections: profile.sections.map(section) };
}

interface Check {
  pages: number;
  tagged: boolean;
}

/** Reads one output as a reader's tools do: it must hold the name and be what we think it is. */
function check(dir: string, name: string, pdf: Uint8Array): Check {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const expected of ['Şükrü Yıldırım-Öztürk', 'Toekomst in Nederland', 'Pagina 1 van']) {
    if (!text.includes(expected)) throw new Error(`${name}: "${expected}" ontbreekt in de PDF`);
  }
  return {
    pages: Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]),
    tagged: /^Tagged:\s+yes$/m.test(info),
  };
}

/** One way of making the PDF, and what it took each time. */
interface Renderer {
  name: string;
  make: () => Promise<Uint8Array>;
  durations: number[];
  seconds: number;
  last?: Uint8Array;
}

const renderer = (name: string, make: () => Promise<Uint8Array>): Renderer => ({
  name,
  make,
  durations: [],
  seconds: 0,
});

/** The measured time is split into rounds that take turns, so background load hits all alike. */
const ROUNDS = 5;

async function runFor(r: Renderer, seconds: number, record: boolean): Promise<void> {
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    r.last = await r.make();
    const done = performance.now();
    if (record) r.durations.push(done - now);
    now = done;
  }
  if (record) r.seconds += (now - start) / 1000;
}

function summarise(r: Renderer, dir: string): RendererResult {
  if (!r.last) throw new Error(`${r.name}: geen PDF gemaakt`);
  const { pages, tagged } = check(dir, r.name.replace(/\W+/g, '-'), r.last);
  const sorted = [...r.durations].sort((a, b) => a - b);
  const result: RendererResult = {
    name: r.name,
    pdfs: sorted.length,
    seconds: round(r.seconds, 2),
    pdfsPerSecond: round(sorted.length / r.seconds, 1),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 2),
    p50Ms: round(percentile(sorted, 50), 2),
    p95Ms: round(percentile(sorted, 95), 2),
    bytes: r.last.byteLength,
    pages,
    tagged,
  };
  say(
    `  ${r.name.padEnd(30)} ${String(result.pdfsPerSecond).padStart(7)} PDFs/s` +
      `  mean ${result.meanMs} ms  p95 ${result.p95Ms} ms  ${result.bytes} bytes, ` +
      `${pages} pages`,
  );
  return result;
}

async function child(settings: Settings): Promise<void> {
  const send = (message: ChildMessage) => {
    if (!process.send) throw new Error('bench/documents.ts runs as a child of bench/run.ts');
    process.send(message);
  };
  const dir = mkdtempSync(join(tmpdir(), 'tvs-bench-documents-'));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const profile = sampleProfileDocument();
    const page = await browser.newPage();
    const html = profileHtml(profile);
    const pdfOptions = {
      format: 'A4',
      tagged: true,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      ...headerFooter(profile),
    };
    let fresh = 0;
    const renderers = [
      renderer('PDFKit (renderProfilePdf)', () => renderProfilePdf(profile)),
      renderer('PDFKit, every value word new', () =>
        renderProfilePdf(withNewWords(profile, fresh++)),
      ),
      renderer('Chromium (HTML, page.pdf)', async () => {
        await page.setContent(html);
        return page.pdf(pdfOptions);
      }),
      // As a server uses it for documents of different people: a fresh page each time, so
      // nothing of one person's document stays behind for the next.
      renderer('Chromium, new page per PDF', async () => {
        const own = await browser.newPage();
        try {
          await own.setContent(html);
          return await own.pdf(pdfOptions);
        } finally {
          await own.close();
        }
      }),
    ] as const;

    for (const r of renderers) await runFor(r, settings.warmUpSeconds, false);
    for (let i = 0; i < ROUNDS; i++) {
      for (const r of renderers) await runFor(r, settings.seconds / ROUNDS, true);
    }
    const [pdfkit, pdfkitNewWords, chromiumResult, chromiumNewPage] = renderers.map((r) =>
      summarise(r, dir),
    );
    if (!pdfkit || !pdfkitNewWords || !chromiumResult || !chromiumNewPage) {
      throw new Error('ontbrekende meting');
    }
    send({
      type: 'result',
      result: {
        chromiumVersion: browser.version(),
        pdfkit,
        pdfkitNewWords,
        chromium: chromiumResult,
        chromiumNewPage,
      },
    });
  } catch (error) {
    send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// In bench/run.ts: start the pinned child and wait for its figures.

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function measureDocuments(settings: Settings): Promise<DocumentsMeasurement> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium ontbreekt: ${CHROMIUM} (of CHROMIUM_PATH)`);
  const script = fileURLToPath(import.meta.url);
  const node = [process.execPath, '--import', 'tsx', script];
  const pinned = hasTaskset();
  const pinning = pinned ? 'taskset -c 0' : 'not pinned: taskset not found';
  say(`\n== documents: klantprofiel PDFs, ${pinning}`);
  const [command, ...args] = pinned ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command ?? 'node', args, {
    env: { ...process.env, [CHILD_FLAG]: JSON.stringify(settings) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = await new Promise<ChildMessage>((resolve, reject) => {
    child.once('message', (m: ChildMessage) => {
      resolve(m);
    });
    child.once('exit', (code) => {
      reject(new Error(`bench/documents.ts stopte (code ${String(code)})`));
    });
  });
  child.disconnect();
  if (message.type === 'error') throw new Error(message.message);
  return { pinning, rounds: ROUNDS, ...message.result };
}

const childSettings = process.env[CHILD_FLAG];
if (childSettings) await child(JSON.parse(childSettings) as Settings);
