import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sampleNareisprofielDocument, sampleProfileDocument } from './fixtures.ts';
import type { ProfileDocument } from './model.ts';
import { renderProfilePdf } from './pdf.ts';

const run = promisify(execFile);

/** What poppler makes of one rendered PDF: the checks read the file as a reader's tools do. */
interface Rendered {
  bytes: Buffer;
  text: string;
  info: string;
  fonts: string;
  structure: string;
  pages: number;
}

let dir: string;
let count = 0;

async function render(profile: ProfileDocument): Promise<Rendered> {
  const file = join(dir, `profile-${++count}.pdf`);
  const bytes = await renderProfilePdf(profile);
  await writeFile(file, bytes);
  const [text, info, fonts, structure] = await Promise.all([
    run('pdftotext', ['-layout', file, '-']),
    run('pdfinfo', [file]),
    run('pdffonts', [file]),
    run('pdfinfo', ['-struct-text', file]),
  ]);
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1]);
  return {
    bytes,
    text: text.stdout,
    info: info.stdout,
    fonts: fonts.stdout,
    structure: structure.stdout,
    pages,
  };
}

/** The text of one page: pdftotext ends each page with a form feed. */
function page(rendered: Rendered, n: number): string {
  return rendered.text.split('\f')[n - 1] ?? '';
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

/** Every compressed stream of the file, inflated: the page contents among them. */
function streams(bytes: Buffer): string[] {
  const found: string[] = [];
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream\n', at);
    if (start < 0) return found;
    const end = bytes.indexOf('\nendstream', start);
    const dictionary = bytes.subarray(bytes.lastIndexOf(' obj', start), start).toString('latin1');
    if (dictionary.includes('/FlateDecode')) {
      found.push(inflateSync(bytes.subarray(start + 'stream\n'.length, end)).toString('latin1'));
    }
    at = end + '\nendstream'.length;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tvs-pdf-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderProfilePdf', () => {
  let klantprofiel: Rendered;
  let nareisprofiel: Rendered;

  beforeAll(async () => {
    [klantprofiel, nareisprofiel] = await Promise.all([
      render(sampleProfileDocument()),
      render(sampleNareisprofielDocument()),
    ]);
  });

  it('keeps names with diacritics exactly as written', () => {
    for (const name of [
      'Şükrü Yıldırım-Öztürk',
      'Ayşe Yıldırım-Çelik',
      'Zoë van den Berg-Nguyễn',
    ]) {
      expect(klantprofiel.text).toContain(name);
    }
    expect(nareisprofiel.text).toContain('Nguyễn Thị Thu Hà');
    expect(nareisprofiel.text).toContain('Hải Phòng');
  });

  it('shows the title, the subject and every section heading', () => {
    expect(klantprofiel.text).toContain('Klantprofiel');
    expect(klantprofiel.text).toContain('Şükrü Yıldırım-Öztürk (V-nummer 2918374650)');
    for (const heading of [
      'Persoonlijke gegevens',
      'Familiegegevens',
      'Statusgegevens',
      'Voorinburgering',
      'Deelname taallessen',
      'Toets taalleerbaarheid',
      'Kennis Nederlandse Maatschappij (KNM)',
      'Educatieve gegevens',
      'Arbeidsgegevens',
      'Toekomst in Nederland',
      'Contactpersoon COA',
    ]) {
      expect(klantprofiel.text).toContain(heading);
    }
  });

  it('puts a label and its value on one line, a list one item per line', () => {
    expect(klantprofiel.text).toMatch(/V-nummer +2918374650/);
    expect(klantprofiel.text).toMatch(/E-mailadres +zoe\.vandenberg@coa\.nl/);
    expect(klantprofiel.text).toMatch(/Talen +Turks \(moedertaal\)\n +Koerdisch \(Kurmanji\)\n/);
  });

  it('shows an empty text and an empty list as a dash', () => {
    expect(klantprofiel.text).toMatch(/Reden van niet deelnemen +–\n/);
    expect(klantprofiel.text).toMatch(/IDW\/ION waardering +–\n/);
    expect(nareisprofiel.text).toMatch(/Werkervaring +–\n/);
  });

  it('numbers every page "Pagina x van y" with the real page count', () => {
    const n = klantprofiel.pages;
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 1; i <= n; i++) {
      const text = page(klantprofiel, i);
      expect(text).toContain(`Pagina ${i} van ${n}`);
      expect(text).toContain('TVS · Klantprofiel');
      expect(text).toContain('Versie 3, verstuurd op 12 november 2026');
      expect(text).toContain('Gemaakt op 12 november 2026 om 14:05');
    }
    expect(klantprofiel.text).not.toContain(`van ${n + 1}`);
    expect(nareisprofiel.text).toContain('Pagina 1 van 1');
  });

  it('is a tagged PDF 1.7 with title, author and language', () => {
    expect(klantprofiel.info).toMatch(/^Tagged: +yes$/m);
    expect(klantprofiel.info).toMatch(/^PDF version: +1\.7$/m);
    expect(klantprofiel.info).toMatch(/^Page size: +595\.28 x 841\.89 pts \(A4\)$/m);
    expect(klantprofiel.info).toMatch(
      /^Title: +Klantprofiel – Şükrü Yıldırım-Öztürk \(V-nummer 2918374650\)$/m,
    );
    expect(klantprofiel.info).toMatch(/^Author: +Zoë van den Berg-Nguyễn, COA-locatie Ter Apel$/m);
    expect(klantprofiel.info).toMatch(/^Creator: +TVS$/m);
  });

  it('tags headings, tables and lists, and leaves headers and footers out as artifacts', () => {
    const structure = klantprofiel.structure;
    expect(structure).toMatch(/^ {2}H1 \(block\)\n {4}"Klantprofiel"$/m);
    expect(structure).toMatch(/^ {4}H2 \(block\)\n {6}"Persoonlijke gegevens"$/m);
    expect(structure).toMatch(/^ {6}H3 \(block\)\n {8}"Deelname taallessen"$/m);
    expect(structure).toMatch(/TH:\n +\/Scope \/Row\n +"V-nummer"\n +TD\n +"2918374650"/);
    expect(structure).toMatch(/LI \(block\)\n +LBody \(block\)\n +"Koerdisch \(Kurmanji\)"/);
    expect(structure).not.toContain('Pagina 1 van');
    expect(structure).not.toContain('TVS · Klantprofiel');

    const content = streams(klantprofiel.bytes).join('\n');
    const pagination = content.match(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/g) ?? [];
    expect(pagination).toHaveLength(klantprofiel.pages);
  });

  it('embeds DejaVu Sans and no other font', () => {
    const rows = klantprofiel.fonts.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((row) => /\+DejaVuSans /.test(row))).toBe(true);
    expect(rows.some((row) => /\+DejaVuSans-Bold /.test(row))).toBe(true);
    for (const row of rows) {
      expect(row).toMatch(/DejaVuSans/);
      expect(row).toMatch(/ yes yes yes /);
    }
  });

  it('shows the notice of a nareisprofiel prominently below the subject', () => {
    const text = oneLine(nareisprofiel.text);
    const notice = sampleNareisprofielDocument().notice ?? '';
    expect(notice).toMatch(/^Niet geverifieerd: /);
    expect(text).toContain(oneLine(notice));
    expect(text.indexOf('Niet geverifieerd')).toBeLessThan(text.indexOf('Persoonlijke gegevens'));
    expect(klantprofiel.text).not.toContain('Niet geverifieerd');
  });

  it('never separates a label from its value at a page break', async () => {
    const fields = Array.from({ length: 90 }, (_, i) => ({
      label: `Veld ${i + 1}`,
      value: i % 7 === 3 ? ['Eerste regel', 'Tweede regel', 'Derde regel'] : `Waarde ${i + 1}`,
    }));
    const long = await render({
      ...sampleProfileDocument(),
      sections: [{ heading: 'Veel velden', fields }],
    });

    expect(long.pages).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= long.pages; n++) {
      for (const [, number, rest] of page(long, n).matchAll(/^Veld (\d+) +(.*)$/gm)) {
        expect(rest).toBe(Number(number) % 7 === 4 ? 'Eerste regel' : `Waarde ${number}`);
      }
    }
    const rows = [...long.text.matchAll(/^Veld (\d+) /gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(fields.map((_, i) => i + 1));
  });

  it('breaks a value longer than a page onto the next page without losing words', async () => {
    const words = Array.from({ length: 1200 }, (_, i) => `woord${i + 1}`);
    const long = await render({
      ...sampleProfileDocument(),
      sections: [
        { heading: 'Lange tekst', fields: [{ label: 'Toelichting', value: words.join(' ') }] },
      ],
    });

    expect(long.pages).toBeGreaterThanOrEqual(2);
    expect(oneLine(long.text)).toContain('woord1 woord2 woord3');
    const found = [...long.text.matchAll(/woord(\d+)/g)].map((m) => Number(m[1]));
    expect(found).toEqual(words.map((_, i) => i + 1));
    expect(page(long, long.pages)).toContain(`Pagina ${long.pages} van ${long.pages}`);
  });
});
