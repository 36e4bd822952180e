import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { ProcessingAction } from '../db/schema.ts';
import { listStoredMails } from '../mail/mailer.ts';
import {
  createTestApp,
  gemeenteId as gemeenteIdOf,
  signedInClient,
  type TestApp,
  TestClient,
} from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';

const PUBLIC_URL = 'https://tvs.example.nl';
const RECHTSGROND =
  'Convenant maatschappelijke begeleiding 2026 tussen de gemeente en VluchtelingenWerk';
const NEW_PASSWORD = 'een lange zin als wachtwoord';

let t: TestApp;
let dataDir: string;
let utrecht: number;
let zeist: number;
let amersfoort: number;
let gemeente: TestClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tvs-contactpersonen-'));
  t = await createTestApp({ TVS_DATA_DIR: dataDir, PUBLIC_URL });
  utrecht = await gemeenteIdOf(t.db, 'Utrecht');
  zeist = await gemeenteIdOf(t.db, 'Zeist');
  amersfoort = await gemeenteIdOf(t.db, 'Amersfoort');
  await createHousehold(t.db, {
    persons: [{ voornamen: 'Yusuf', achternaam: 'Haddad' }],
    gemeente: 'Utrecht',
  });
  gemeente = await signedInClient(t.app, 'gemeente');
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

function person(email: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    naam: 'Lotte Vermeer',
    telefoonnummer: '06 12345678',
    email,
    rol: 'vluchtelingenwerk',
    organisatie: 'VluchtelingenWerk Midden-Nederland',
    ...extra,
  };
}

async function accountOf(email: string) {
  return t.db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

async function mailsTo(email: string) {
  const mails = await listStoredMails(join(t.config.dataDir, 'mail'));
  return mails.filter((m) => m.to === email);
}

/** The set-password link in the newest e-mail to the address. */
async function linkFor(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const match = /https:\/\/tvs\.example\.nl(\/wachtwoord-instellen\/[A-Za-z0-9_-]{43})/.exec(
    mail?.text ?? '',
  );
  if (!match?.[1]) throw new Error(`Geen link in de e-mail aan ${email}`);
  return match[1];
}

/** Opens the link and sets the password, as the invited person does. */
async function setPassword(link: string, password = NEW_PASSWORD, repeat = password) {
  const visitor = new TestClient(t.app);
  const page = await visitor.get(link);
  if (page.statusCode !== 200) return page;
  return visitor.post('/wachtwoord-instellen', {
    token: link.split('/').pop() ?? '',
    wachtwoord: password,
    herhaling: repeat,
  });
}

/** A contact person added (by default by the gemeente user, to Utrecht) who has signed in. */
async function activePerson(
  email: string,
  form: Record<string, string> = {},
  by: { client: TestClient; path: string } = {
    client: gemeente,
    path: `/profiel/contactpersonen/${utrecht}`,
  },
) {
  const added = await by.client.post(by.path, {
    ...person(email, form),
    rechtsgrondBevestigd: 'ja',
    rechtsgrond: RECHTSGROND,
  });
  expect(added.statusCode).toBe(303);
  expect((await setPassword(await linkFor(email))).statusCode).toBe(303);
  const client = new TestClient(t.app);
  expect((await client.logIn(email, NEW_PASSWORD)).statusCode).toBe(303);
  const account = await accountOf(email);
  return { client, id: account?.id ?? 0 };
}

async function logRows(activity: string, action: ProcessingAction) {
  return t.db
    .selectFrom('processing_log')
    .selectAll()
    .where('activity', '=', activity)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .execute();
}

describe('Contactpersoon toevoegen', () => {
  it('refuses a Vluchtelingenwerk person without a rechtsgrond at the field and saves nothing', async () => {
    const email = 'zonder.rechtsgrond@vluchtelingenwerk.test';
    const form = await gemeente.get(`/profiel/contactpersonen/${utrecht}/toevoegen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('COA heeft van de vergunninghouder alleen toestemming');

    const response = await gemeente.post(`/profiel/contactpersonen/${utrecht}`, person(email));

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('data-focus-on-load');
    expect(response.body).toContain(
      '<p id="veld-rechtsgrond-fout" class="tvs-field__error">Beschrijf de rechtsgrond',
    );
    expect(response.body).toContain('id="veld-rechtsgrondBevestigd-fout"');
    expect(response.body).toContain('value="zonder.rechtsgrond@vluchtelingenwerk.test"');
    expect(await accountOf(email)).toBeUndefined();
    expect(await mailsTo(email)).toEqual([]);
  });

  it('asks for a rechtsgrond of at least 20 characters and checks the other fields', async () => {
    const response = await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person('geen-adres', { naam: ' ', telefoonnummer: 'bel me', rol: 'corporatie' }),
      rechtsgrondBevestigd: 'ja',
      rechtsgrond: 'Te kort',
    });

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Vul de naam in.');
    expect(response.body).toContain('Vul een telefoonnummer in, bijvoorbeeld 06 12345678.');
    expect(response.body).toContain('Vul een geldig e-mailadres in');
    expect(response.body).toContain('Beschrijf de rechtsgrond in minstens 20 tekens.');
    expect(response.body).toContain('href="#veld-naam"');
  });

  it('stores the rechtsgrond, logs the addition and e-mails a one-time link', async () => {
    const email = 'lotte.vermeer@vluchtelingenwerk.test';
    const response = await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person(email),
      rechtsgrondBevestigd: 'ja',
      rechtsgrond: RECHTSGROND,
    });

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/profiel#contactpersonen-${utrecht}`);
    const account = await accountOf(email);
    expect(account?.password_hash).toBeNull();
    expect(account?.organisation).toBe('VluchtelingenWerk Midden-Nederland');
    const membership = await t.db
      .selectFrom('membership')
      .selectAll()
      .where('account_id', '=', account?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(membership).toMatchObject({
      gemeente_id: utrecht,
      role: 'vluchtelingenwerk',
      rechtsgrond: RECHTSGROND,
      added_by: t.accounts.gemeente,
    });

    const [logged] = await logRows('contactpersonenbeheer', 'create');
    expect(logged).toMatchObject({
      actor_id: t.accounts.gemeente,
      subject_type: 'account',
      subject_id: String(account?.id),
    });
    expect(logged?.details).toMatchObject({
      gemeenteId: utrecht,
      role: 'vluchtelingenwerk',
      rechtsgrondGegeven: true,
    });
    const details = JSON.stringify(logged?.details);
    expect(details).not.toContain('Lotte');
    expect(details).not.toContain('Convenant');
    expect(details).not.toContain(email);

    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe('Uitnodiging voor TVS, gemeente Utrecht');
    expect(mail?.text).toContain('gemeente Utrecht');
    expect(mail?.text).toContain('TVS nodigt u uit');
    const link = await linkFor(email);
    const token = link.split('/').pop() ?? '';
    const stored = await t.db
      .selectFrom('password_token')
      .selectAll()
      .where('account_id', '=', account?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(stored.purpose).toBe('uitnodiging');
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const hours = (stored.expires_at.getTime() - stored.created_at.getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(72, 5);
    const vergunninghouder = await t.db
      .selectFrom('vergunninghouder')
      .select(['v_nummer', 'achternaam', 'bsn'])
      .executeTakeFirstOrThrow();
    for (const value of Object.values(vergunninghouder)) expect(mail?.text).not.toContain(value);

    const profiel = await gemeente.get('/profiel');
    expect(profiel.body).toContain('Lotte Vermeer');
    expect(profiel.body).toContain('Uitgenodigd, nog geen wachtwoord ingesteld');
  });

  it('adds only the membership for an existing account, once, and never for COA staff', async () => {
    const add = (email: string) =>
      gemeente.post(`/profiel/contactpersonen/${zeist}`, {
        ...person(email, { rol: 'corporatie', naam: 'Andere Naam' }),
        rechtsgrondBevestigd: 'ja',
        rechtsgrond: 'Prestatieafspraken wonen 2026 met de corporatie',
      });

    const first = await add('corporatie@test.tvs.local');
    expect(first.statusCode).toBe(303);
    const account = await accountOf('corporatie@test.tvs.local');
    expect(account?.name).toBe('Test corporatie');
    const memberships = await t.db
      .selectFrom('membership')
      .select('gemeente_id')
      .where('account_id', '=', t.accounts.corporatie)
      .execute();
    expect(memberships.map((m) => m.gemeente_id).sort()).toEqual([utrecht, zeist].sort());
    expect(await mailsTo('corporatie@test.tvs.local')).toEqual([]);

    const again = await add('Corporatie@Test.tvs.local');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Deze persoon is al contactpersoon van deze gemeente.');

    const coa = await add('regievoerder@test.tvs.local');
    expect(coa.statusCode).toBe(409);
    expect(coa.body).toContain('hoort bij een account van het COA');
    const regievoerder = await t.db
      .selectFrom('membership')
      .select('gemeente_id')
      .where('account_id', '=', t.accounts.regievoerder)
      .execute();
    expect(regievoerder).toEqual([]);
  });

  it('keeps the account when the invitation cannot be sent, and sends it again on request', async () => {
    const email = 'mail.storing@sociale-dienst.test';
    const send = vi.spyOn(t.app.mailer, 'send').mockRejectedValueOnce(new Error('SMTP weg'));
    const response = await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person(email, { rol: 'gemeente', naam: 'Mila Storing' }),
    });
    expect(send).toHaveBeenCalledTimes(1);
    send.mockRestore();

    expect(response.statusCode).toBe(303);
    const account = await accountOf(email);
    expect(account).toBeDefined();
    const profiel = await gemeente.get('/profiel');
    expect(profiel.body).toContain('de uitnodiging kon niet per e-mail worden verstuurd');
    expect(profiel.body).toContain('Uitnodiging opnieuw versturen');
    expect(await mailsTo(email)).toEqual([]);

    const again = await gemeente.post(
      `/profiel/contactpersonen/${utrecht}/${account?.id}/uitnodiging`,
      {},
    );
    expect(again.statusCode).toBe(303);
    expect(await mailsTo(email)).toHaveLength(1);
    expect((await setPassword(await linkFor(email))).statusCode).toBe(303);
  });
});

describe('the link to set a password', () => {
  it('sets the password once, after which the person logs in', async () => {
    const email = 'lotte.vermeer@vluchtelingenwerk.test';
    const link = await linkFor(email);
    const visitor = new TestClient(t.app);
    const page = await visitor.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(email);

    const token = link.split('/').pop() ?? '';
    const mismatch = await visitor.post('/wachtwoord-instellen', {
      token,
      wachtwoord: NEW_PASSWORD,
      herhaling: 'iets anders dan dat',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('De twee wachtwoorden zijn niet gelijk.');
    const weak = await visitor.post('/wachtwoord-instellen', {
      token,
      wachtwoord: 'kort',
      herhaling: 'kort',
    });
    expect(weak.body).toContain('Kies een wachtwoord van minstens 12 tekens.');

    const set = await visitor.post('/wachtwoord-instellen', {
      token,
      wachtwoord: NEW_PASSWORD,
      herhaling: NEW_PASSWORD,
    });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/inloggen');
    expect(set.headers['referrer-policy']).toBe('no-referrer');
    const login = await visitor.get('/inloggen');
    expect(login.body).toContain('Uw wachtwoord is ingesteld.');
    const [logged] = await logRows('accountbeheer', 'update');
    expect(logged?.actor_id).toBe((await accountOf(email))?.id);

    const reused = await new TestClient(t.app).get(link);
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('Deze link is verlopen of al gebruikt');
    const repost = await visitor.post('/wachtwoord-instellen', {
      token,
      wachtwoord: 'nog een ander wachtwoord',
      herhaling: 'nog een ander wachtwoord',
    });
    expect(repost.statusCode).toBe(410);

    const person = new TestClient(t.app);
    expect((await person.logIn(email, NEW_PASSWORD)).statusCode).toBe(303);
    const profiel = await person.get('/profiel');
    expect(profiel.statusCode).toBe(200);
    expect(profiel.body).toContain('Contactpersonen gemeente Utrecht');
  });

  it('refuses an expired link', async () => {
    const email = 'verlopen@sociale-dienst.test';
    await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person(email, { rol: 'sociale-dienst' }),
      rechtsgrondBevestigd: 'ja',
      rechtsgrond: 'Participatiewet, uitvoering door de sociale dienst',
    });
    const account = await accountOf(email);
    await t.db
      .updateTable('password_token')
      .set({
        created_at: sql<Date>`now() - interval '4 days'`,
        expires_at: sql<Date>`now() - interval '1 day'`,
      })
      .where('account_id', '=', account?.id ?? 0)
      .execute();

    const response = await setPassword(await linkFor(email));
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('Deze link is verlopen of al gebruikt');
    expect((await accountOf(email))?.password_hash).toBeNull();
  });

  it('stops an older link from working once a new invitation is sent', async () => {
    const email = 'twee.links@vluchtelingenwerk.test';
    await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person(email),
      rechtsgrondBevestigd: 'ja',
      rechtsgrond: RECHTSGROND,
    });
    const first = await linkFor(email);
    const account = await accountOf(email);
    await gemeente.get('/profiel');
    await gemeente.post(`/profiel/contactpersonen/${utrecht}/${account?.id}/uitnodiging`, {});
    const second = await linkFor(email);

    expect(second).not.toBe(first);
    expect((await setPassword(first)).statusCode).toBe(410);
    expect((await setPassword(second)).statusCode).toBe(303);
  });

  it('answers an unknown token with the same honest page', async () => {
    const response = await new TestClient(t.app).get('/wachtwoord-instellen/niet-bestaand');
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('Deze link is verlopen of al gebruikt');
    expect(response.body).toContain('href="/inloggen"');
  });
});

describe('who manages the list', () => {
  it('shows a corporatie contact person the list but refuses managing it, and logs that', async () => {
    const corporatie = await signedInClient(t.app, 'corporatie');
    const profiel = await corporatie.get('/profiel');
    expect(profiel.body).toContain('Contactpersonen gemeente Utrecht');
    expect(profiel.body).toContain('Test gemeente');
    expect(profiel.body).not.toContain('Contactpersoon toevoegen');
    expect(profiel.body).not.toContain(RECHTSGROND);

    const page = await corporatie.get(`/profiel/contactpersonen/${utrecht}/toevoegen`);
    expect(page.statusCode).toBe(403);
    const post = await corporatie.post(
      `/profiel/contactpersonen/${utrecht}`,
      person('via.corporatie@test.nl', { rol: 'gemeente' }),
    );
    expect(post.statusCode).toBe(403);
    const api = await corporatie.json(
      'POST',
      `/api/v1/gemeenten/${utrecht}/contactpersonen`,
      person('via.api@test.nl', { rol: 'gemeente' }),
    );
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const remove = await corporatie.json(
      'DELETE',
      `/api/v1/gemeenten/${utrecht}/contactpersonen/${t.accounts.gemeente}`,
      undefined,
    );
    expect(remove.statusCode).toBe(403);
    expect(await accountOf('via.corporatie@test.nl')).toBeUndefined();
    expect(await accountOf('via.api@test.nl')).toBeUndefined();

    const refusals = (await logRows('toegangscontrole', 'refuse')).filter(
      (r) => r.actor_id === t.accounts.corporatie,
    );
    const paths = refusals.map((r) => (r.details as { path?: string }).path);
    expect(paths).toContain(`/profiel/contactpersonen/${utrecht}/toevoegen`);
    expect(paths).toContain(`/profiel/contactpersonen/${utrecht}`);
    expect(paths).toContain(`/api/v1/gemeenten/${utrecht}/contactpersonen`);
  });

  it("refuses a contact person the list of a gemeente they don't belong to", async () => {
    const vluchtelingenwerk = await signedInClient(t.app, 'vluchtelingenwerk');
    const api = await vluchtelingenwerk.get(`/api/v1/gemeenten/${zeist}/contactpersonen`);
    expect(api.statusCode).toBe(403);
    const own = await vluchtelingenwerk.get(`/api/v1/gemeenten/${utrecht}/contactpersonen`);
    expect(own.statusCode).toBe(200);
  });

  it("lets the COA-beheerder manage another gemeente's list", async () => {
    const admin = await signedInClient(t.app, 'coa-beheerder');
    const overview = await admin.get(`/beheer/contactpersonen?gemeente=${amersfoort}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Contactpersonen gemeente Amersfoort');
    expect(overview.body).toContain('Deze gemeente heeft nog geen contactpersonen.');

    const added = await admin.post(`/beheer/contactpersonen/${amersfoort}`, {
      ...person('beleid@amersfoort.test', { rol: 'gemeente', naam: 'Bram Amersfoort' }),
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/beheer/contactpersonen?gemeente=${amersfoort}`);
    const account = await accountOf('beleid@amersfoort.test');
    const list = await admin.get(`/beheer/contactpersonen?gemeente=${amersfoort}`);
    expect(list.body).toContain('Bram Amersfoort');
    expect(list.body).toContain(`/beheer/contactpersonen/${amersfoort}/${account?.id}/wijzigen`);

    const changed = await admin.post(
      `/beheer/contactpersonen/${amersfoort}/${account?.id}/wijzigen`,
      {
        naam: 'Bram van Amersfoort',
        telefoonnummer: '033 4695111',
        rol: 'gemeente',
        organisatie: 'Gemeente Amersfoort',
      },
    );
    expect(changed.statusCode).toBe(303);
    expect((await accountOf('beleid@amersfoort.test'))?.name).toBe('Bram van Amersfoort');

    // Even the last Gemeente contact person: the COA-beheerder may take it away.
    await admin.get(`/beheer/contactpersonen/${amersfoort}/${account?.id}/verwijderen`);
    const removed = await admin.post(
      `/beheer/contactpersonen/${amersfoort}/${account?.id}/verwijderen`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    expect(await accountOf('beleid@amersfoort.test')).toBeUndefined();
  });

  it('offers the Beheer overview to the COA-beheerder only', async () => {
    expect((await gemeente.get('/beheer/contactpersonen')).statusCode).toBe(403);
    const regievoerder = await signedInClient(t.app, 'regievoerder');
    expect(
      (await regievoerder.get(`/api/v1/gemeenten/${utrecht}/contactpersonen`)).statusCode,
    ).toBe(403);
  });
});

describe('Wijzigen', () => {
  it('asks for the rechtsgrond again when the role changes to another organisation', async () => {
    const email = 'wordt.corporatie@test.nl';
    await gemeente.post(`/profiel/contactpersonen/${utrecht}`, {
      ...person(email, { rol: 'gemeente', naam: 'Ruben Wissel' }),
    });
    const account = await accountOf(email);
    const path = `/profiel/contactpersonen/${utrecht}/${account?.id}/wijzigen`;
    const form = await gemeente.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Ruben Wissel"');
    const base = {
      naam: 'Ruben Wissel',
      telefoonnummer: '06 12345678',
      rol: 'corporatie',
      organisatie: 'Woningcorporatie Portaal',
    };

    const refused = await gemeente.post(path, base);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="veld-rechtsgrond-fout"');
    const membership = () =>
      t.db
        .selectFrom('membership')
        .selectAll()
        .where('account_id', '=', account?.id ?? 0)
        .executeTakeFirstOrThrow();
    expect((await membership()).role).toBe('gemeente');

    const saved = await gemeente.post(path, {
      ...base,
      rechtsgrondBevestigd: 'ja',
      rechtsgrond: 'Prestatieafspraken huisvesting statushouders 2026',
    });
    expect(saved.statusCode).toBe(303);
    expect(await membership()).toMatchObject({
      role: 'corporatie',
      rechtsgrond: 'Prestatieafspraken huisvesting statushouders 2026',
    });
    expect((await accountOf(email))?.organisation).toBe('Woningcorporatie Portaal');
    const [logged] = await logRows('contactpersonenbeheer', 'update');
    expect(logged?.details).toMatchObject({ role: 'corporatie', rechtsgrondGegeven: true });
    expect(JSON.stringify(logged?.details)).not.toContain('Prestatieafspraken');
  });
});

describe('Verwijderen', () => {
  it('ends the sessions of a removed contact person at once, on pages and the API', async () => {
    const { client, id } = await activePerson('weg@vluchtelingenwerk.test');
    const api = new TestClient(t.app);
    await api.logIn('weg@vluchtelingenwerk.test', NEW_PASSWORD);
    expect((await api.get('/api/v1/account')).statusCode).toBe(200);
    await t.db
      .insertInto('notification_choice')
      .values({ account_id: id, gemeente_id: utrecht, kind: 'event', key: 'klantprofiel' })
      .execute();

    const confirm = await gemeente.get(`/profiel/contactpersonen/${utrecht}/${id}/verwijderen`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Contactpersoon verwijderen');
    const removed = await gemeente.post(
      `/profiel/contactpersonen/${utrecht}/${id}/verwijderen`,
      {},
    );
    expect(removed.statusCode).toBe(303);

    const next = await client.get('/profiel');
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toMatch(/^\/inloggen/);
    expect((await api.get('/api/v1/account')).statusCode).toBe(401);
    const account = await t.db
      .selectFrom('account')
      .select('removed_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(account.removed_at).not.toBeNull();
    const left = await t.db
      .selectFrom('notification_choice')
      .select('id')
      .where('account_id', '=', id)
      .execute();
    expect(left).toEqual([]);
    const sessions = await t.db
      .selectFrom('session')
      .select('id')
      .where('account_id', '=', id)
      .execute();
    expect(sessions).toEqual([]);
    const [logged] = await logRows('contactpersonenbeheer', 'delete');
    expect(logged).toMatchObject({ subject_id: String(id) });
    expect(logged?.details).toMatchObject({ gemeenteId: utrecht, accountVerwijderd: true });
  });

  it('keeps the account of a person who is still a contact person elsewhere, but logs them out', async () => {
    const { client, id } = await activePerson('twee.gemeenten@test.nl', { rol: 'gemeente' });
    await gemeente.post(`/profiel/contactpersonen/${zeist}`, {
      ...person('twee.gemeenten@test.nl', { rol: 'gemeente' }),
    });

    const removed = await gemeente.json(
      'DELETE',
      `/api/v1/gemeenten/${zeist}/contactpersonen/${id}`,
      undefined,
    );
    expect(removed.statusCode).toBe(204);

    expect((await client.get('/profiel')).statusCode).toBe(303);
    const account = await accountOf('twee.gemeenten@test.nl');
    expect(account?.removed_at).toBeNull();
    const again = new TestClient(t.app);
    expect((await again.logIn('twee.gemeenten@test.nl', NEW_PASSWORD)).statusCode).toBe(303);
    const profiel = await again.get('/profiel');
    expect(profiel.body).toContain('Contactpersonen gemeente Utrecht');
    expect(profiel.body).not.toContain('Contactpersonen gemeente Zeist');
  });

  it('refuses a Gemeente contact person to remove the last Gemeente contact person', async () => {
    const response = await gemeente.post(
      `/profiel/contactpersonen/${zeist}/${t.accounts.gemeente}/verwijderen`,
      {},
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Dit is de laatste contactpersoon met de rol Gemeente');
    const api = await gemeente.json(
      'DELETE',
      `/api/v1/gemeenten/${zeist}/contactpersonen/${t.accounts.gemeente}`,
      undefined,
    );
    expect(api.statusCode).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ code: 'laatste_gemeente_contactpersoon' });

    const membership = await t.db
      .selectFrom('membership')
      .select('role')
      .where('account_id', '=', t.accounts.gemeente)
      .where('gemeente_id', '=', zeist)
      .executeTakeFirst();
    expect(membership?.role).toBe('gemeente');
    const [refusal] = await logRows('toegangscontrole', 'refuse');
    expect(refusal?.details).toMatchObject({ code: 'laatste_gemeente_contactpersoon' });
    expect((await gemeente.get('/profiel')).statusCode).toBe(200);
  });
});

describe('two Gemeente contact persons removing each other at the same moment', () => {
  it('lets one of them through and keeps the other', async () => {
    const admin = await signedInClient(t.app, 'coa-beheerder');
    const gemeenteId = await gemeenteIdOf(t.db, 'Leusden');
    await admin.get('/beheer/contactpersonen');
    const by = { client: admin, path: `/beheer/contactpersonen/${gemeenteId}` };
    const a = await activePerson('a@leusden.test', { rol: 'gemeente' }, by);
    const b = await activePerson('b@leusden.test', { rol: 'gemeente' }, by);
    await a.client.get('/profiel');
    await b.client.get('/profiel');

    const base = `/api/v1/gemeenten/${gemeenteId}/contactpersonen`;
    const answers = await Promise.all([
      a.client.json('DELETE', `${base}/${b.id}`, undefined),
      b.client.json('DELETE', `${base}/${a.id}`, undefined),
    ]);

    expect(answers.map((r) => r.statusCode).sort()).toEqual([204, 403]);
    const left = await t.db
      .selectFrom('membership')
      .select('role')
      .where('gemeente_id', '=', gemeenteId)
      .execute();
    expect(left).toEqual([{ role: 'gemeente' }]);
  });
});

describe('the API', () => {
  it('lists, adds, changes, re-invites and removes contact persons', async () => {
    const base = `/api/v1/gemeenten/${utrecht}/contactpersonen`;
    const list = await gemeente.get(base);
    expect(list.statusCode).toBe(200);
    const people = JSON.parse(list.body) as { naam: string; notificaties: string[] }[];
    expect(people.map((p) => p.naam)).toContain('Test gemeente');

    const missing = await gemeente.json('POST', base, person('api.persoon@test.nl'));
    expect(missing.statusCode).toBe(400);
    expect((JSON.parse(missing.body) as { errors: unknown }).errors).toMatchObject({
      rechtsgrond: 'Beschrijf de rechtsgrond voor het delen van gegevens met deze organisatie.',
    });

    const created = await gemeente.json('POST', base, {
      ...person('api.persoon@test.nl'),
      rechtsgrondBevestigd: true,
      rechtsgrond: RECHTSGROND,
    });
    expect(created.statusCode).toBe(201);
    const body = JSON.parse(created.body) as {
      accountId: number;
      rol: string;
      wachtwoordIngesteld: boolean;
      rechtsgrond: string;
      uitnodiging: { verstuurd: boolean };
    };
    expect(body).toMatchObject({
      rol: 'vluchtelingenwerk',
      wachtwoordIngesteld: false,
      rechtsgrond: RECHTSGROND,
      uitnodiging: { verstuurd: true },
    });

    const patch = await gemeente.json('PATCH', `${base}/${body.accountId}`, {
      rol: 'sociale-dienst',
    });
    expect(patch.statusCode).toBe(400);
    const patched = await gemeente.json('PATCH', `${base}/${body.accountId}`, {
      rol: 'sociale-dienst',
      telefoonnummer: '+31 30 123 4567',
      rechtsgrondBevestigd: true,
      rechtsgrond: 'Participatiewet en convenant met de sociale dienst',
    });
    expect(patched.statusCode).toBe(200);
    expect(JSON.parse(patched.body)).toMatchObject({
      rol: 'sociale-dienst',
      telefoon: '+31 30 123 4567',
    });

    const resent = await gemeente.json('POST', `${base}/${body.accountId}/uitnodiging`, {});
    expect(resent.statusCode).toBe(200);
    expect(JSON.parse(resent.body)).toMatchObject({ verstuurd: true });
    expect(await mailsTo('api.persoon@test.nl')).toHaveLength(2);

    const removed = await gemeente.json('DELETE', `${base}/${body.accountId}`, undefined);
    expect(removed.statusCode).toBe(204);
    expect(await accountOf('api.persoon@test.nl')).toBeUndefined();
    const gone = await gemeente.json('DELETE', `${base}/${body.accountId}`, undefined);
    expect(gone.statusCode).toBe(404);
  });

  it('describes the contactpersonen resources in the OpenAPI document', async () => {
    const response = await new TestClient(t.app).get('/api/v1/openapi.json');
    const document = JSON.parse(response.body) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const list = document.paths['/api/v1/gemeenten/{gemeenteId}/contactpersonen'];
    const one = document.paths['/api/v1/gemeenten/{gemeenteId}/contactpersonen/{accountId}'];
    const invite =
      document.paths['/api/v1/gemeenten/{gemeenteId}/contactpersonen/{accountId}/uitnodiging'];
    expect(Object.keys(list ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(one ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(invite?.post?.tags).toEqual(['Contactpersonen']);
  });
});

describe('the list on Profiel', () => {
  it('shows the labels of the notifications chosen for the gemeente or for all gemeenten', async () => {
    await t.db
      .insertInto('notification_choice')
      .values([
        {
          account_id: t.accounts['sociale-dienst'],
          gemeente_id: utrecht,
          kind: 'event',
          key: 'klantprofiel',
        },
        { account_id: t.accounts['sociale-dienst'], gemeente_id: null, kind: 'field', key: 'bsn' },
        {
          account_id: t.accounts['sociale-dienst'],
          gemeente_id: zeist,
          kind: 'field',
          key: 'iban',
        },
      ])
      .execute();
    const response = await gemeente.get(`/api/v1/gemeenten/${utrecht}/contactpersonen`);
    const people = JSON.parse(response.body) as {
      email: string;
      notificaties: string[];
      veldnotificaties: string[];
    }[];
    const socialeDienst = people.find((p) => p.email === 'sociale-dienst@test.tvs.local');
    expect(socialeDienst?.notificaties).toEqual(['Klantprofiel']);
    expect(socialeDienst?.veldnotificaties).toEqual(['BSN']);
    const profiel = await gemeente.get('/profiel');
    expect(profiel.body).toContain('<li>Klantprofiel</li>');
    expect(profiel.body).toContain('>Geen<');
  });
});
