import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HouseholdDocument } from './model.ts';
import { sampleInformatieformulier, sampleInkomstenverklaring } from './word-fixtures.ts';
import { renderHouseholdDocx } from './word.ts';

const run = promisify(execFile);

const samples = {
  informatieformulier: sampleInformatieformulier(),
  inkomstenverklaring: sampleInkomstenverklaring(),
} satisfies Record<string, HouseholdDocument>;
type SampleName = keyof typeof samples;
const names = Object.keys(samples) as SampleName[];

let dir = '';
const docx = new Map<SampleName, Buffer>();
const text = new Map<SampleName, string>();

function docxPath(name: SampleName): string {
  return join(dir, `${name}.docx`);
}

async function zipEntry(name: SampleName, entry: string): Promise<string> {
  const { stdout } = await run('unzip', ['-p', docxPath(name), entry]);
  return stdout;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// LibreOffice reads the files as a user would open them; a file it cannot open gives no text.
// One conversion call for all samples, because starting LibreOffice takes most of the time.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tvs-word-'));
  for (const name of names) {
    const buffer = await renderHouseholdDocx(samples[name]);
    docx.set(name, buffer);
    await writeFile(docxPath(name), buffer);
  }

  await run(
    '/usr/bin/soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`,
      '--convert-to',
      'txt:Text (encoded):UTF8',
      '--outdir',
      dir,
      ...names.map(docxPath),
    ],
    { timeout: 55_000 },
  );

  for (const name of names) {
    text.set(name, await readFile(join(dir, `${name}.txt`), 'utf8'));
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(names)('the %s as a Word document', (name) => {
  const sample = samples[name];

  it('is a zip package with a main document part', async () => {
    const buffer = docx.get(name);

    expect(buffer?.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await zipEntry(name, 'word/document.xml')).toContain('<w:body>');
  });

  it('opens in LibreOffice with the title, introduction and closing text', () => {
    const content = text.get(name) ?? '';

    expect(content).toContain(sample.title);
    expect(content).toContain(sample.introduction);
    expect(content).toContain('Plaatsingseenheid');
    for (const paragraph of sample.closing) expect(content).toContain(paragraph);
  });

  it('shows every person by name, with diacritics intact, and their BSN and V-nummer', () => {
    const content = text.get(name) ?? '';

    expect(content).toContain('Şükrü Yıldırım');
    expect(content).toContain('Ayşe Yıldırım-Çelik');
    expect(content).toContain('Zoë Yıldırım');
    for (const value of ['123456782', '111222333', '999990019', '2918374650', '2918374672']) {
      expect(content).toContain(value);
    }
  });

  it('shows list values one per line and an empty value as a dash', () => {
    const lines = (text.get(name) ?? '').split(/\r?\n/).map((line) => line.trim());

    expect(lines).toContain('Koerdisch (Kurmanji)');
    expect(lines).toContain('Zoë Yıldırım (kind)');
    expect(lines).toContain('–');
  });

  it('ends with who issued it and the date in Dutch', () => {
    const content = text.get(name) ?? '';

    expect(content).toContain('Afgegeven door');
    expect(content).toContain(sample.issuedBy.naam);
    expect(content).toContain(sample.issuedBy.email);
    expect(content).toContain('4 december 2026');
  });

  it('has real headings, repeating table header rows and a page footer', async () => {
    const body = await zipEntry(name, 'word/document.xml');
    const footer = await zipEntry(name, 'word/footer1.xml');

    expect(count(body, '<w:pStyle w:val="Heading1"/>')).toBe(1);
    expect(count(body, '<w:pStyle w:val="Heading2"/>')).toBe(2 + sample.persons.length);
    expect(count(body, '<w:tblHeader/>')).toBe(1 + sample.persons.length);
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(footer).toContain('Pagina ');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it('sets the title, creator and description and the Dutch language', async () => {
    const core = await zipEntry(name, 'docProps/core.xml');
    const styles = await zipEntry(name, 'word/styles.xml');

    expect(core).toContain(`<dc:title>${sample.title}</dc:title>`);
    expect(core).toContain('<dc:creator>COA</dc:creator>');
    expect(core).toContain('<dc:description>');
    expect(styles).toContain('<w:lang w:val="nl-NL"/>');
  });
});

describe('the inkomstenverklaring', () => {
  it('states the Rva 2005 allowances, their end on departure and the start of the bijstand', () => {
    const content = text.get('inkomstenverklaring') ?? '';

    expect(content).toContain(
      'Regeling verstrekkingen asielzoekers en andere categorieën vreemdelingen 2005 (Rva 2005)',
    );
    expect(content).toContain('eindigen op de dag van vertrek uit de opvanglocatie');
    expect(content).toContain('ingangsdatum van de bijstand');
    expect(content).not.toMatch(/€|EUR\b/);
  });
});
