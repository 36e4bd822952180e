import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../policy/rights.ts';
import {
  type TestApp,
  type TestClient,
  createTestApp,
  gemeenteId,
  signedInClient,
} from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';

const run = promisify(execFile);

let t: TestApp;
let locatie: number;
let otherLocatie: number;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(join(tmpdir(), 'tvs-klantprofiel-'));
  const rows = await t.db
    .insertInto('locatie')
    .values([
      { naam: 'AZC Proefstad', soort: 'azc', gemeente_id: await gemeenteId(t.db, 'Utrecht') },
      { naam: 'AZC Elders', soort: 'azc', gemeente_id: await gemeenteId(t.db, 'Zeist') },
    ])
    .returning('id')
    .execute();
  locatie = rows[0]?.id ?? 0;
  otherLocatie = rows[1]?.id ?? 0;
  await t.db
    .insertInto('account_locatie')
    .values([
      { account_id: t.accounts.casemanager, locatie_id: locatie },
      { account_id: t.accounts['col-medewerker'], locatie_id: locatie },
    ])
    .execute();
});

afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const clientFor = (role: Role) => signedInClient(t.app, role);

/** A household in Utrecht at the casemanager's location; the first member is the subject. */
async function household(options: { locatie?: number; gemeente?: string | null } = {}) {
  const spec = {
    persons: [
      { achternaam: 'Yıldırım', voornamen: 'Şükrü', locatie_id: options.locatie ?? locatie },
      { achternaam: 'Yıldırım', voornamen: 'Zoë', locatie_id: options.locatie ?? locatie },
    ],
    ...(options.gemeente === null ? {} : { gemeente: options.gemeente ?? 'Utrecht' }),
  };
  const created = await createHousehold(t.db, spec);
  return { vNummer: created.vNummers[0] ?? '', id: created.ids[0] ?? 0, ple: created.ple };
}

async function giveConsent(client: TestClient, vNummer: string, soort = 'klantprofiel') {
  const response = await client.json(
    'PUT',
    `/api/v1/vergunninghouders/${vNummer}/toestemmingen/${soort}`,
    {
      gegeven: true,
      datum: '2026-11-20',
      wijze: 'verklaring',
    },
  );
  expect(response.statusCode, response.body).toBe(204);
}

const firstDraft = {
  'persoonlijkeGegevens.talen': 'Turks\nKoerdisch',
  'voorinburgering.instemmingDeelname.ja': 'ja',
  'voorinburgering.taallessen.urenAanwezig': '40',
  'voorinburgering.toetsTaalleerbaarheid.soort': 'NT2',
  'voorinburgering.toetsTaalleerbaarheid.score': '15',
};

describe('reading the klantprofiel input', () => {
  it('refuses values out of range with a message at each field, and saves nothing', async () => {
    const { vNummer, id } = await household();
    const client = await clientFor('casemanager');
    await client.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    const response = await client.post(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`, {
      actie: 'opslaan',
      'voorinburgering.taallessen.urenAanwezig': '122',
      'voorinburgering.knm.urenAanwezig': '25',
      'voorinburgering.toetsTaalleerbaarheid.score': '26',
      'voorinburgering.instemmingDeelname.ja': 'nee',
      'educatieveGegevens.taalvaardigheid': 'Engels zonder niveau',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Vul een heel getal in van 0 tot en met 121.');
    expect(response.body).toContain('Vul een heel getal in van 0 tot en met 24.');
    expect(response.body).toContain('Vul een heel getal in van 0 tot en met 25.');
    expect(response.body).toContain('Vul de reden in waarom de vergunninghouder niet deelneemt.');
    expect(response.body).toContain('Schrijf per regel een taal en het niveau');
    // What was typed is shown again.
    expect(response.body).toMatch(/value="122"/);
    const draft = await t.db
      .selectFrom('klantprofiel')
      .select('inhoud')
      .where('vergunninghouder_id', '=', id)
      .executeTakeFirst();
    expect(draft).toBeUndefined();
  });

  it('computes voldaan at 80 % of 121 hours and the learning pace from the score', async () => {
    const casemanager = await clientFor('casemanager');
    const cases: [string, string, string, string][] = [
      ['97', '11', 'voldaan', 'langzaam'],
      ['96', '12', 'niet voldaan', 'gemiddeld'],
      ['121', '18', 'voldaan', 'gemiddeld'],
      ['0', '19', 'niet voldaan', 'snel'],
    ];
    for (const [uren, score, resultaat, tempo] of cases) {
      const { vNummer } = await household();
      await giveConsent(casemanager, vNummer);
      const response = await casemanager.json(
        'POST',
        `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
        {
          inhoud: {
            voorinburgering: {
              taallessen: { urenAanwezig: Number(uren), resultaat: 'voldaan' },
              toetsTaalleerbaarheid: { score: Number(score), tempo: 'snel' },
            },
          },
        },
      );
      expect(response.statusCode, response.body).toBe(201);
      const gemeente = await clientFor('gemeente');
      const latest = await gemeente.get(`/api/v1/vergunninghouders/${vNummer}/klantprofiel`);
      const inhoud = latest.json<{
        inhoud: { voorinburgering: Record<string, Record<string, unknown>> };
      }>().inhoud.voorinburgering;
      expect(inhoud.taallessen?.resultaat).toBe(resultaat);
      expect(inhoud.toetsTaalleerbaarheid?.tempo).toBe(tempo);
    }
  });
});

describe('consent, drafts and versions', () => {
  it('takes a profile from draft to two sent versions, each frozen, with the changes between them', async () => {
    const { vNummer, id } = await household();
    const casemanager = await clientFor('casemanager');

    // Without consent the draft can be saved but not sent.
    await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    const saved = await casemanager.post(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`, {
      ...firstDraft,
      actie: 'opslaan',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const refused = await casemanager.post(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`, {
      ...firstDraft,
      actie: 'doorsturen',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Zonder toestemming van de vergunninghouder');
    expect(await versionCount(id)).toBe(0);

    // Consent through the page form, then "Doorsturen naar gemeente".
    const consent = await casemanager.post(
      `/vergunninghouders/${vNummer}/toestemming/klantprofiel`,
      {
        gegeven: 'ja',
        datum: '2026-11-20',
        wijze: 'aanwezig',
      },
    );
    expect(consent.statusCode, consent.body).toBe(303);
    await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    const sent = await casemanager.post(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`, {
      ...firstDraft,
      actie: 'doorsturen',
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const outbox = await t.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'klantprofiel.verstuurd')
      .execute();
    expect(outbox.map((o) => o.payload)).toContainEqual(
      expect.objectContaining({ vergunninghouderId: id, profielVersie: 1 }),
    );
    // The notification carries ids only, never content.
    expect(JSON.stringify(outbox)).not.toContain('Turks');

    // A sent version never changes.
    await expect(
      t.db
        .updateTable('klantprofiel_versie')
        .set({ inhoud: '{}' })
        .where('vergunninghouder_id', '=', id)
        .execute(),
    ).rejects.toThrow(/onveranderlijk/);

    // The follow-up talk: more hours, KNM, work; a second version.
    await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    const second = await casemanager.post(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`, {
      ...firstDraft,
      'voorinburgering.taallessen.urenAanwezig': '110',
      'voorinburgering.knm.urenAanwezig': '24',
      'voorinburgering.knm.themas': 'Wonen in Nederland',
      'arbeidsgegevens.werkervaring': 'Acht jaar lasser in Gaziantep',
      actie: 'doorsturen',
    });
    expect(second.statusCode, second.body).toBe(303);
    expect(await versionCount(id)).toBe(2);

    const gemeente = await clientFor('gemeente');
    const versions = await gemeente.get(
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
    );
    expect(versions.json<{ versie: number }[]>().map((v) => v.versie)).toEqual([2, 1]);
    const first = await gemeente.get(`/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies/1`);
    expect(
      first.json<{ inhoud: { voorinburgering: { taallessen: { resultaat: string } } } }>().inhoud
        .voorinburgering.taallessen.resultaat,
    ).toBe('niet voldaan');

    const changes = await gemeente.get(
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/vergelijking?van=1&naar=2`,
    );
    expect(changes.statusCode).toBe(200);
    expect(changes.json()).toEqual([
      {
        onderdeel: 'Voorinburgering – Deelname taallessen',
        veld: 'Uren aanwezig (van 121)',
        oud: '40',
        nieuw: '110',
      },
      {
        onderdeel: 'Voorinburgering – Deelname taallessen',
        veld: 'Resultaat',
        oud: 'Niet voldaan',
        nieuw: 'Voldaan',
      },
      {
        onderdeel: 'Voorinburgering – Kennis Nederlandse Maatschappij (KNM)',
        veld: 'Uren aanwezig (van 24)',
        oud: '',
        nieuw: '24',
      },
      {
        onderdeel: 'Voorinburgering – Kennis Nederlandse Maatschappij (KNM)',
        veld: "Behandelde thema's",
        oud: '',
        nieuw: 'Wonen in Nederland',
      },
      {
        onderdeel: 'Arbeidsgegevens',
        veld: 'Werkervaring',
        oud: '',
        nieuw: 'Acht jaar lasser in Gaziantep',
      },
    ]);
    const page = await gemeente.get(
      `/vergunninghouders/${vNummer}/klantprofiel/vergelijking?van=1&naar=2`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('5 gewijzigde velden');
  });

  it('records a conversation, which the search then finds as Gesprek Gevoerd', async () => {
    const { vNummer } = await household();
    const casemanager = await clientFor('casemanager');
    const found = async () =>
      (
        await casemanager.get(`/api/v1/vergunninghouders?vNummer=${vNummer}&gesprekGevoerd=ja`)
      ).json<{ totaal: number }>().totaal;
    expect(await found()).toBe(0);
    await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    const refused = await casemanager.post(`/vergunninghouders/${vNummer}/gesprekken`, {
      gesprekDatum: '2026-02-30',
      gesprekSoort: 'intake',
      verslag: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Vul een bestaande datum in (jjjj-mm-dd).');
    const saved = await casemanager.post(`/vergunninghouders/${vNummer}/gesprekken`, {
      gesprekDatum: '2026-11-25',
      gesprekSoort: 'intake',
      verslag: 'Kennismaking en uitleg over het klantprofiel.',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await found()).toBe(1);
    const page = await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    expect(page.body).toContain('Kennismaking en uitleg over het klantprofiel.');
    // The report stays within COA.
    const gemeente = await clientFor('gemeente');
    const detail = await gemeente.get(`/vergunninghouders/${vNummer}`);
    expect(detail.body).not.toContain('Kennismaking en uitleg');
  });

  it('refuses to send before the household is linked to a gemeente', async () => {
    const { vNummer } = await household({ gemeente: null });
    const casemanager = await clientFor('casemanager');
    await giveConsent(casemanager, vNummer);
    const response = await casemanager.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
      { inhoud: {} },
    );
    expect(response.statusCode).toBe(409);
    expect(response.json<{ code: string }>().code).toBe('niet_gekoppeld');
  });

  it('lets a casemanager write only for people at their own locations', async () => {
    const { vNummer } = await household({ locatie: otherLocatie });
    const casemanager = await clientFor('casemanager');
    const page = await casemanager.get(`/vergunninghouders/${vNummer}/klantprofiel/bewerken`);
    expect(page.statusCode).toBe(403);
    const api = await casemanager.json(
      'PUT',
      `/api/v1/vergunninghouders/${vNummer}/toestemmingen/klantprofiel`,
      { gegeven: true, datum: '2026-11-20', wijze: 'verklaring' },
    );
    expect(api.statusCode).toBe(403);
    const gemeente = await clientFor('gemeente');
    const write = await gemeente.json(
      'PUT',
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/concept`,
      {
        inhoud: {},
      },
    );
    expect(write.statusCode).toBe(403);
  });
});

async function versionCount(id: number): Promise<number> {
  const rows = await t.db
    .selectFrom('klantprofiel_versie')
    .select('versie')
    .where('vergunninghouder_id', '=', id)
    .execute();
  return rows.length;
}

/** Every way a gemeente could get at a klantprofiel. */
function profilePaths(vNummer: string): string[] {
  return [
    `/vergunninghouders/${vNummer}/klantprofiel`,
    `/vergunninghouders/${vNummer}/klantprofiel/versies/1`,
    `/vergunninghouders/${vNummer}/klantprofiel.pdf`,
    `/vergunninghouders/${vNummer}/klantprofiel/versies/1.pdf`,
    `/vergunninghouders/${vNummer}/klantprofiel/vergelijking?van=1&naar=1`,
    `/api/v1/vergunninghouders/${vNummer}/klantprofiel`,
    `/api/v1/vergunninghouders/${vNummer}/klantprofiel/pdf`,
    `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
    `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies/1`,
    `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies/1/pdf`,
  ];
}

describe('no profile without consent, by any path', () => {
  it('says why on the detail page and refuses every path, also after withdrawal', async () => {
    const { vNummer, id } = await household();
    const casemanager = await clientFor('casemanager');
    const gemeente = await clientFor('gemeente');

    const row = async () => {
      const page = await gemeente.get(`/vergunninghouders/${vNummer}`);
      expect(page.statusCode).toBe(200);
      const match = /<tr data-formulier="Klantprofiel">(.*?)<\/tr>/s.exec(page.body);
      return match?.[1] ?? '';
    };
    expect(await row()).toContain('Geen toestemming tot overdracht gegevens');

    await giveConsent(casemanager, vNummer);
    expect(await row()).toContain('Nog geen klantprofiel beschikbaar');

    const sent = await casemanager.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
      {
        inhoud: { arbeidsgegevens: { werkervaring: 'Bakker in Aleppo' } },
      },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await row()).toContain(`/vergunninghouders/${vNummer}/klantprofiel.pdf`);
    for (const path of profilePaths(vNummer)) {
      const response = await gemeente.get(path);
      expect(response.statusCode, path).toBe(200);
    }
    const search = async () =>
      (await gemeente.get(`/api/v1/vergunninghouders?vNummer=${vNummer}&klantprofiel=ja`)).json<{
        totaal: number;
      }>().totaal;
    expect(await search()).toBe(1);

    const withdrawn = await casemanager.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/toestemmingen/klantprofiel/intrekking`,
      {},
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    expect(await row()).toContain('Geen toestemming tot overdracht gegevens');
    for (const path of profilePaths(vNummer)) {
      const response = await gemeente.get(path);
      expect(response.statusCode, path).toBe(403);
      expect(response.body, path).not.toContain('Bakker in Aleppo');
    }
    expect(await search()).toBe(0);
    // Sending again is refused while the consent stays withdrawn.
    const again = await casemanager.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`,
      {
        inhoud: {},
      },
    );
    expect(again.statusCode).toBe(409);
    // The refusals are in the processing log.
    const refusals = await t.db
      .selectFrom('processing_log')
      .select('id')
      .where('action', '=', 'refuse')
      .where('actor_id', '=', t.accounts.gemeente)
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(profilePaths(vNummer).length);
    const events = await t.db
      .selectFrom('change_event')
      .select(['field', 'new_value'])
      .where('vergunninghouder_id', '=', id)
      .execute();
    expect(events).toContainEqual({ field: 'toestemming', new_value: 'klantprofiel: Ingetrokken' });
  });

  it('shows no profile to roles without the klantprofiel right', async () => {
    const { vNummer } = await household();
    const casemanager = await clientFor('casemanager');
    await giveConsent(casemanager, vNummer);
    await casemanager.json('POST', `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`, {
      inhoud: {},
    });
    const corporatie = await clientFor('corporatie');
    const page = await corporatie.get(`/vergunninghouders/${vNummer}`);
    expect(page.body).not.toContain('data-formulier="Klantprofiel"');
    expect(page.body).not.toContain('data-formulier="Informatieformulier"');
    expect(page.body).toContain('data-formulier="Informatieformulier Huisvesting"');
    for (const path of profilePaths(vNummer)) {
      expect((await corporatie.get(path)).statusCode, path).toBe(403);
    }
    const vluchtelingenwerk = await clientFor('vluchtelingenwerk');
    expect(
      (await vluchtelingenwerk.get(`/api/v1/vergunninghouders/${vNummer}/klantprofiel`)).statusCode,
    ).toBe(200);
    expect(
      (await vluchtelingenwerk.get(`/vergunninghouders/${vNummer}/informatieformulier.docx`))
        .statusCode,
    ).toBe(403);
  });
});

describe('documents', () => {
  it('serves the klantprofiel as a tagged PDF with the text, version and contact', async () => {
    const { vNummer } = await household();
    const casemanager = await clientFor('casemanager');
    await giveConsent(casemanager, vNummer);
    for (const uren of [30, 100]) {
      await casemanager.json('POST', `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies`, {
        inhoud: {
          persoonlijkeGegevens: { talen: ['Turks'] },
          voorinburgering: { taallessen: { urenAanwezig: uren } },
          toekomstInNederland: { ambities: 'Lasser worden bij een scheepswerf' },
        },
      });
    }
    const gemeente = await clientFor('gemeente');
    const response = await gemeente.get(`/vergunninghouders/${vNummer}/klantprofiel.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      `klantprofiel-${vNummer}-versie-2.pdf`,
    );
    const file = join(dir, `${vNummer}.pdf`);
    await writeFile(file, response.rawPayload);
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('Şükrü Yıldırım');
    expect(text).toContain('Versie 2');
    expect(text).toContain('Lasser worden bij een scheepswerf');
    expect(text).toContain('Voldaan');
    expect(text).toContain('Contactpersoon COA');
    expect(text).toContain('casemanager@test.tvs.local');
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Klantprofiel/);

    const byAccept = await gemeente.get(
      `/api/v1/vergunninghouders/${vNummer}/klantprofiel/versies/1`,
      {
        accept: 'application/pdf',
      },
    );
    expect(byAccept.headers['content-type']).toBe('application/pdf');
    expect(byAccept.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const exports = await t.db
      .selectFrom('processing_log')
      .select('details')
      .where('subject_id', '=', vNummer)
      .where('action', '=', 'export')
      .execute();
    expect(exports.length).toBe(2);
  });

  it('serves the Informatieformulier and Inkomstenverklaring as Word files with current data', async () => {
    const { vNummer } = await household();
    const person = await t.db
      .selectFrom('vergunninghouder')
      .select(['bsn'])
      .where('v_nummer', '=', vNummer)
      .executeTakeFirstOrThrow();
    const gemeente = await clientFor('gemeente');
    const files: string[] = [];
    for (const form of ['informatieformulier', 'inkomstenverklaring']) {
      const response = await gemeente.get(`/vergunninghouders/${vNummer}/${form}.docx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('wordprocessingml.document');
      const file = join(dir, `${form}-${vNummer}.docx`);
      await writeFile(file, response.rawPayload);
      files.push(file);
    }
    await run(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        dir,
        ...files,
      ],
      { timeout: 90_000 },
    );
    const { readFile } = await import('node:fs/promises');
    const info = await readFile(join(dir, `informatieformulier-${vNummer}.txt`), 'utf8');
    expect(info).toContain('Informatieformulier');
    expect(info).toContain('Şükrü Yıldırım');
    expect(info).toContain(person.bsn ?? 'bsn ontbreekt');
    expect(info).toContain('Utrecht');
    const income = await readFile(join(dir, `inkomstenverklaring-${vNummer}.txt`), 'utf8');
    expect(income).toContain('Rva 2005');
    expect(income).toContain(vNummer);

    const corporatie = await clientFor('corporatie');
    expect(
      (await corporatie.get(`/vergunninghouders/${vNummer}/inkomstenverklaring.docx`)).statusCode,
    ).toBe(403);
    const huisvesting = await corporatie.get(
      `/vergunninghouders/${vNummer}/informatieformulier-huisvesting`,
    );
    expect(huisvesting.statusCode).toBe(200);
    expect(huisvesting.body).toContain('Zoë Yıldırım');
    expect(huisvesting.body).not.toContain(person.bsn ?? 'bsn ontbreekt');
  }, 120_000);
});

describe('nareisprofiel', () => {
  it('is written by the COL-medewerker for adult nareizigers and marked as not verified', async () => {
    const { vNummer, id } = await household();
    const referent = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Referent' }],
    });
    await t.db
      .insertInto('nareiziger')
      .values({
        v_nummer: '8123456789',
        referent_id: referent.ids[0] ?? 0,
        voornamen: 'Şükrü',
        achternaam: 'Yıldırım',
        geboortedatum: '1990-01-01',
        geslacht: 'man',
        relatie: 'partner',
        mvv_stap: 'ingereisd',
        mvv_stap_datum: '2026-11-01',
        vergunninghouder_id: id,
      })
      .execute();
    const col = await clientFor('col-medewerker');
    await giveConsent(col, vNummer, 'nareisprofiel');
    const sent = await col.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/nareisprofiel/versies`,
      {
        inhoud: { arbeidsgegevens: { werkervaring: 'Tien jaar kapper' } },
      },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const casemanager = await clientFor('casemanager');
    const notAllowed = await casemanager.json(
      'POST',
      `/api/v1/vergunninghouders/${vNummer}/nareisprofiel/versies`,
      { inhoud: {} },
    );
    expect(notAllowed.statusCode).toBe(403);

    const gemeente = await clientFor('gemeente');
    const detail = await gemeente.get(`/vergunninghouders/${vNummer}`);
    expect(detail.body).toContain('data-formulier="Nareisprofiel"');
    const page = await gemeente.get(`/vergunninghouders/${vNummer}/nareisprofiel`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Niet geverifieerd');
    expect(page.body).toContain('Tien jaar kapper');
    const json = await gemeente.get(`/api/v1/vergunninghouders/${vNummer}/nareisprofiel`);
    expect(json.json<{ inhoud: { geverifieerd: boolean } }>().inhoud.geverifieerd).toBe(false);

    // A minor nareiziger gets no nareisprofiel.
    const child = await household();
    await t.db
      .updateTable('vergunninghouder')
      .set({ geboortedatum: '2015-05-05' })
      .where('id', '=', child.id)
      .execute();
    await t.db
      .insertInto('nareiziger')
      .values({
        v_nummer: '8123456790',
        referent_id: referent.ids[0] ?? 0,
        voornamen: 'Kind',
        achternaam: 'Yıldırım',
        geboortedatum: '2015-05-05',
        geslacht: 'vrouw',
        relatie: 'kind',
        mvv_stap: 'ingereisd',
        mvv_stap_datum: '2026-11-01',
        vergunninghouder_id: child.id,
      })
      .execute();
    const minor = await col.get(`/vergunninghouders/${child.vNummer}/nareisprofiel/bewerken`);
    expect(minor.statusCode).toBe(409);
  });
});
