import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '../policy/policy.ts';
import type { Role } from '../policy/rights.ts';
import { type TestApp, createTestApp, gemeenteId, signedInClient } from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';
import { unreadMessageCount } from './service.ts';

let t: TestApp;
const ids: Record<string, number> = {};
let utrechtPerson = '';
let zeistPerson = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const naam of ['Utrecht', 'Zeist', 'Amersfoort', 'Groningen']) {
    ids[naam] = await gemeenteId(t.db, naam);
  }
  const inUtrecht = await createHousehold(t.db, {
    gemeente: 'Utrecht',
    persons: [{ voornamen: 'Amira', achternaam: 'Berichtsma' }],
  });
  const inZeist = await createHousehold(t.db, {
    gemeente: 'Zeist',
    persons: [{ voornamen: 'Karim', achternaam: 'Zeistenaar' }],
  });
  utrechtPerson = inUtrecht.vNummers[0] ?? '';
  zeistPerson = inZeist.vNummers[0] ?? '';
});

afterAll(async () => {
  await t.close();
});

const clientFor = (role: Role) => signedInClient(t.app, role);

/** The actor of a test account, as the session would build it. */
function actorOf(role: 'regievoerder' | 'gemeente' | 'corporatie' | 'coa-beheerder'): Actor {
  const contact = role === 'gemeente' || role === 'corporatie';
  const gemeenten = role === 'gemeente' ? ['Utrecht', 'Zeist'] : ['Utrecht'];
  return {
    id: t.accounts[role],
    name: `Test ${role}`,
    email: `${role}@test.tvs.local`,
    coaRole: contact ? null : role,
    regioCode: role === 'regievoerder' ? 'midden' : null,
    memberships: contact
      ? gemeenten.map((naam) => ({ gemeenteId: ids[naam] ?? 0, gemeenteNaam: naam, role }))
      : [],
    locatieIds: [],
  };
}

async function counts() {
  const [messages, outbox] = await Promise.all([
    t.db
      .selectFrom('message')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .execute(),
    t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .execute(),
  ]);
  return { messages: Number(messages[0]?.n), outbox: Number(outbox[0]?.n) };
}

async function outboxFor(topic: string, berichtId: number) {
  const rows = await t.db
    .selectFrom('outbox')
    .select(['topic', 'payload'])
    .where('topic', '=', topic)
    .execute();
  return rows.filter((r) => r.payload.berichtId === berichtId);
}

/** Sends a message as the regievoerder through the API; returns its id. */
async function send(body: Record<string, unknown>): Promise<number> {
  const client = await clientFor('regievoerder');
  const response = await client.json('POST', '/api/v1/berichten', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: number }>().id;
}

function fieldError(html: string, field: string): string | undefined {
  const match = new RegExp(`id="veld-${field}-fout"[^>]*>([^<]+)<`).exec(html);
  return match?.[1];
}

describe('writing a message', () => {
  it('sends a message to a gemeente of the region from the page, queued with ids only', async () => {
    const client = await clientFor('regievoerder');
    const form = await client.get('/berichten/nieuw');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${ids.Utrecht}">Utrecht</option>`);
    expect(form.body).not.toContain('>Groningen</option>');

    const response = await client.post('/berichten', {
      gemeenteId: String(ids.Utrecht),
      onderwerp: 'Planning verhuizingen',
      bericht: 'Beste collega,\r\n\r\nWanneer verwacht u de volgende woningen?',
      vNummer: '',
    });
    expect(response.statusCode, response.body).toBe(303);
    const location = response.headers.location ?? '';
    const berichtId = Number(/^\/berichten\/(\d+)$/.exec(location)?.[1]);

    const row = await t.db
      .selectFrom('message')
      .selectAll()
      .where('id', '=', berichtId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      gemeente_id: ids.Utrecht,
      sender_id: t.accounts.regievoerder,
      vergunninghouder_id: null,
      parent_id: null,
      subject: 'Planning verhuizingen',
      body: 'Beste collega,\n\nWanneer verwacht u de volgende woningen?',
    });
    const outbox = await outboxFor('bericht.verstuurd', berichtId);
    expect(outbox.map((o) => o.payload)).toEqual([
      { versie: 1, berichtId, gemeenteId: ids.Utrecht, vergunninghouderId: null },
    ]);

    const page = await client.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Uw bericht is verstuurd.');
    expect(page.body).toContain('<h1>Planning verhuizingen</h1>');
  });

  it('sends a message about a linked vergunninghouder, with a processing-log row', async () => {
    const berichtId = await send({
      gemeenteId: ids.Utrecht,
      onderwerp: 'Gezin Berichtsma',
      bericht: 'Is er al zicht op een woning voor dit gezin?',
      vNummer: utrechtPerson,
    });
    const person = await t.db
      .selectFrom('vergunninghouder')
      .select('id')
      .where('v_nummer', '=', utrechtPerson)
      .executeTakeFirstOrThrow();

    const message = await t.db
      .selectFrom('message')
      .select('vergunninghouder_id')
      .where('id', '=', berichtId)
      .executeTakeFirstOrThrow();
    expect(message.vergunninghouder_id).toBe(person.id);
    const outbox = await outboxFor('bericht.verstuurd', berichtId);
    expect(outbox.map((o) => o.payload)).toEqual([
      { versie: 1, berichtId, gemeenteId: ids.Utrecht, vergunninghouderId: person.id },
    ]);
    expect(JSON.stringify(outbox)).not.toContain('Berichtsma');

    const logged = await t.db
      .selectFrom('processing_log')
      .selectAll()
      .where('subject_id', '=', utrechtPerson)
      .where('action', '=', 'create')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actor_id: t.accounts.regievoerder,
      activity: 'huisvesting-vergunninghouders',
      subject_type: 'vergunninghouder',
      details: { soort: 'bericht', berichtId, gemeenteId: ids.Utrecht },
    });
  });

  it('prefills the form from the vergunninghouder detail link', async () => {
    const client = await clientFor('regievoerder');
    const form = await client.get(
      `/berichten/nieuw?gemeente=${ids.Utrecht}&vNummer=${utrechtPerson}`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${ids.Utrecht}" selected="">Utrecht</option>`);
    expect(form.body).toContain(`value="${utrechtPerson}"`);
  });

  it('refuses a gemeente outside the region with 403, and saves nothing', async () => {
    const before = await counts();
    const client = await clientFor('regievoerder');
    const api = await client.json('POST', '/api/v1/berichten', {
      gemeenteId: ids.Groningen,
      onderwerp: 'Verkeerde regio',
      bericht: 'Dit mag niet.',
    });
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    await client.get('/berichten/nieuw');
    const page = await client.post('/berichten', {
      gemeenteId: String(ids.Groningen),
      onderwerp: 'Verkeerde regio',
      bericht: 'Dit mag niet.',
    });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('U schrijft alleen aan gemeenten in uw eigen regio.');
    expect(await counts()).toEqual(before);

    const refusals = await t.db
      .selectFrom('processing_log')
      .select('details')
      .where('activity', '=', 'toegangscontrole')
      .where('actor_id', '=', t.accounts.regievoerder)
      .execute();
    expect(refusals.map((r) => r.details.path)).toEqual(
      expect.arrayContaining(['/api/v1/berichten', '/berichten']),
    );
  });

  it('shows Dutch messages at the fields for invalid input, and saves nothing', async () => {
    const before = await counts();
    const client = await clientFor('regievoerder');
    await client.get('/berichten/nieuw');
    const empty = await client.post('/berichten', {
      gemeenteId: '',
      onderwerp: '  ',
      bericht: '',
      vNummer: '12345',
    });
    expect(empty.statusCode).toBe(400);
    expect(fieldError(empty.body, 'gemeenteId')).toBe('Kies de gemeente waaraan u schrijft.');
    expect(fieldError(empty.body, 'onderwerp')).toBe('Vul een onderwerp in.');
    expect(fieldError(empty.body, 'bericht')).toBe('Schrijf een bericht.');
    expect(fieldError(empty.body, 'vNummer')).toBe(
      'Het V-nummer moet uit precies 10 cijfers bestaan.',
    );
    expect(empty.body).toContain('value="12345"');

    const tooLong = await client.post('/berichten', {
      gemeenteId: String(ids.Utrecht),
      onderwerp: 'x'.repeat(201),
      bericht: 'y'.repeat(5001),
      vNummer: zeistPerson,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(fieldError(tooLong.body, 'onderwerp')).toBe(
      'Gebruik hoogstens 200 tekens; het zijn er nu 201.',
    );
    expect(fieldError(tooLong.body, 'bericht')).toBe(
      'Gebruik hoogstens 5000 tekens; het zijn er nu 5001.',
    );
    expect(fieldError(tooLong.body, 'vNummer')).toBe(
      'Deze vergunninghouder is niet aan deze gemeente gekoppeld.',
    );
    expect(tooLong.body).toContain(`<option value="${ids.Utrecht}" selected="">Utrecht</option>`);

    const unknown = await client.json('POST', '/api/v1/berichten', {
      gemeenteId: ids.Utrecht,
      onderwerp: 'Onbekende persoon',
      bericht: 'Over wie?',
      vNummer: '1111111111',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors).toEqual({
      vNummer: 'Er is geen vergunninghouder met dit V-nummer.',
    });
    expect(await counts()).toEqual(before);
  });

  it('lets no one but a regievoerder write a new message', async () => {
    for (const role of ['gemeente', 'coa-beheerder', 'casemanager'] as const) {
      const client = await clientFor(role);
      const response = await client.json('POST', '/api/v1/berichten', {
        gemeenteId: ids.Utrecht,
        onderwerp: 'Mag niet',
        bericht: 'Mag niet',
      });
      expect(response.statusCode, role).toBe(403);
      expect((await client.get('/berichten/nieuw')).statusCode, role).toBe(403);
    }
  });
});

describe('reading and answering', () => {
  it('shows the gemeente the message unread, opens it (then read) and takes an answer', async () => {
    const gemeente = actorOf('gemeente');
    const unreadBefore = await unreadMessageCount(t.db, gemeente);
    const berichtId = await send({
      gemeenteId: ids.Zeist,
      onderwerp: 'Woningaanbod Zeist',
      bericht: 'Heeft u deze maand een woning?',
    });
    expect(await unreadMessageCount(t.db, gemeente)).toBe(unreadBefore + 1);

    const client = await clientFor('gemeente');
    const list = await client.get('/berichten');
    expect(list.statusCode).toBe(200);
    const row = new RegExp(`<tr><td><a href="/berichten/${berichtId}">[^]*?</tr>`).exec(list.body);
    expect(row?.[0]).toContain('<strong>Woningaanbod Zeist</strong>');
    expect(row?.[0]).toContain('<span class="tvs-visually-hidden"> (ongelezen)</span>');
    expect(row?.[0]).toContain('Zeist');
    expect(row?.[0]).toContain('Test regievoerder (COA)');

    const thread = await client.get(`/berichten/${berichtId}`);
    expect(thread.statusCode).toBe(200);
    expect(thread.body).toContain('Heeft u deze maand een woning?');
    expect(await unreadMessageCount(t.db, gemeente)).toBe(unreadBefore);
    const reread = await client.get('/berichten');
    const readRow = new RegExp(`<tr><td><a href="/berichten/${berichtId}">[^]*?</tr>`).exec(
      reread.body,
    );
    expect(readRow?.[0]).not.toContain('ongelezen');

    const answer = await client.post(`/berichten/${berichtId}/antwoorden`, {
      bericht: 'Ja, aan de Dorpsstraat komt een woning vrij.',
    });
    expect(answer.statusCode, answer.body).toBe(303);
    const reply = await t.db
      .selectFrom('message')
      .selectAll()
      .where('parent_id', '=', berichtId)
      .executeTakeFirstOrThrow();
    expect(reply).toMatchObject({
      gemeente_id: ids.Zeist,
      sender_id: t.accounts.gemeente,
      body: 'Ja, aan de Dorpsstraat komt een woning vrij.',
    });
    expect(answer.headers.location).toBe(`/berichten/${berichtId}#bericht-${reply.id}`);
    const queued = await outboxFor('bericht.beantwoord', reply.id);
    expect(queued.map((o) => o.payload)).toEqual([
      { versie: 1, berichtId: reply.id, threadId: berichtId, gemeenteId: ids.Zeist },
    ]);
    // The answer is their own: it does not make the thread unread for them.
    expect(await unreadMessageCount(t.db, gemeente)).toBe(unreadBefore);
  });

  it('shows the regievoerder the answer, unread until opened, and lets them answer back', async () => {
    const regievoerder = actorOf('regievoerder');
    const berichtId = await send({
      gemeenteId: ids.Utrecht,
      onderwerp: 'Vraag over taakstelling',
      bericht: 'Hoeveel woningen verwacht u dit halfjaar?',
    });
    const before = await unreadMessageCount(t.db, regievoerder);

    const gemeente = await clientFor('gemeente');
    const answered = await gemeente.json('POST', `/api/v1/berichten/${berichtId}/antwoorden`, {
      bericht: 'Wij verwachten er twaalf.',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(await unreadMessageCount(t.db, regievoerder)).toBe(before + 1);

    const client = await clientFor('regievoerder');
    const listed = await client.get('/api/v1/berichten');
    const summary = listed
      .json<{ berichten: { id: number; aantalAntwoorden: number; ongelezen: boolean }[] }>()
      .berichten.find((b) => b.id === berichtId);
    expect(summary).toMatchObject({ aantalAntwoorden: 1, ongelezen: true });

    const thread = await client.get(`/api/v1/berichten/${berichtId}`);
    expect(thread.statusCode).toBe(200);
    const body = thread.json<{
      berichten: { tekst: string; eigen: boolean; afzender: { naam: string } }[];
      magBeantwoorden: boolean;
    }>();
    expect(body.berichten.map((b) => [b.tekst, b.eigen])).toEqual([
      ['Hoeveel woningen verwacht u dit halfjaar?', true],
      ['Wij verwachten er twaalf.', false],
    ]);
    expect(body.berichten[1]?.afzender.naam).toBe('Test gemeente');
    expect(body.magBeantwoorden).toBe(true);
    expect(await unreadMessageCount(t.db, regievoerder)).toBe(before);

    const back = await client.json('POST', `/api/v1/berichten/${berichtId}/antwoorden`, {
      bericht: 'Dank u wel.',
    });
    expect(back.statusCode, back.body).toBe(201);
    const { id } = back.json<{ id: number }>();
    // The regievoerder's answer is a message to the gemeente: the same notification as the first.
    expect((await outboxFor('bericht.verstuurd', id)).map((o) => o.payload)).toEqual([
      { versie: 1, berichtId: id, gemeenteId: ids.Utrecht, vergunninghouderId: null },
    ]);
  });

  it('opens the thread of an answer at that answer', async () => {
    const berichtId = await send({ gemeenteId: ids.Utrecht, onderwerp: 'Doorlink', bericht: 'A' });
    const gemeente = await clientFor('gemeente');
    const answered = await gemeente.json('POST', `/api/v1/berichten/${berichtId}/antwoorden`, {
      bericht: 'B',
    });
    const { id } = answered.json<{ id: number }>();
    const page = await gemeente.get(`/berichten/${id}`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/berichten/${berichtId}#bericht-${id}`);
  });

  it('refuses an empty answer with a message at the field', async () => {
    const berichtId = await send({ gemeenteId: ids.Utrecht, onderwerp: 'Leeg', bericht: 'Vraag' });
    const client = await clientFor('corporatie');
    await client.get(`/berichten/${berichtId}`);
    const before = await counts();
    const response = await client.post(`/berichten/${berichtId}/antwoorden`, { bericht: ' ' });
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'bericht')).toBe('Schrijf een antwoord.');
    expect(await counts()).toEqual(before);
  });

  it('shows the vergunninghouder by name only to readers who may see the person', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ voornamen: 'Yusuf', achternaam: 'Verhuisde' }],
    });
    const vNummer = household.vNummers[0] ?? '';
    const berichtId = await send({
      gemeenteId: ids.Utrecht,
      onderwerp: 'Over een gezin',
      bericht: 'Zie het gezin.',
      vNummer,
    });
    const corporatie = await clientFor('corporatie');
    const visible = await corporatie.get(`/berichten/${berichtId}`);
    expect(visible.body).toContain(`<a href="/vergunninghouders/${vNummer}">Yusuf Verhuisde`);
    const reads = await t.db
      .selectFrom('processing_log')
      .select('details')
      .where('subject_id', '=', vNummer)
      .where('action', '=', 'read')
      .where('actor_id', '=', t.accounts.corporatie)
      .execute();
    expect(reads.map((r) => r.details)).toEqual([{ soort: 'bericht', berichtId }]);

    // The household moves to Amersfoort: the Utrecht corporatie keeps the thread, not the name.
    await t.db
      .updateTable('koppeling')
      .set({ gemeente_id: ids.Amersfoort })
      .where('plaatsingseenheid_id', '=', household.ple)
      .execute();
    const hidden = await corporatie.get(`/berichten/${berichtId}`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).not.toContain('Verhuisde');
    expect(hidden.body).not.toContain(vNummer);
    expect(hidden.body).toContain('niet (meer) aan uw gemeente gekoppeld');
    const api = await corporatie.get(`/api/v1/berichten/${berichtId}`);
    expect(api.json<{ vergunninghouder: unknown }>().vergunninghouder).toEqual({
      zichtbaar: false,
    });
    expect(api.body).not.toContain('Verhuisde');

    const regievoerder = await clientFor('regievoerder');
    const coa = await regievoerder.get(`/api/v1/berichten/${berichtId}`);
    expect(coa.json<{ vergunninghouder: unknown }>().vergunninghouder).toEqual({
      zichtbaar: true,
      vNummer,
      naam: 'Yusuf Verhuisde',
    });
  });
});

describe('who sees which messages', () => {
  it('keeps a Zeist thread from a contact person of Utrecht only: 403 on page and API', async () => {
    const unreadBefore = await unreadMessageCount(t.db, actorOf('corporatie'));
    const berichtId = await send({
      gemeenteId: ids.Zeist,
      onderwerp: 'Alleen voor Zeist',
      bericht: 'Vertrouwelijk voor Zeist.',
    });
    const corporatie = await clientFor('corporatie');
    const list = await corporatie.get('/berichten');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Alleen voor Zeist');
    const listed = await corporatie.get('/api/v1/berichten');
    expect(listed.json<{ berichten: { id: number }[] }>().berichten.map((b) => b.id)).not.toContain(
      berichtId,
    );

    const page = await corporatie.get(`/berichten/${berichtId}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Vertrouwelijk');
    const api = await corporatie.get(`/api/v1/berichten/${berichtId}`);
    expect(api.statusCode).toBe(403);
    const answer = await corporatie.json('POST', `/api/v1/berichten/${berichtId}/antwoorden`, {
      bericht: 'Toch proberen',
    });
    expect(answer.statusCode).toBe(403);
    expect(await unreadMessageCount(t.db, actorOf('corporatie'))).toBe(unreadBefore);

    const gemeente = await clientFor('gemeente');
    expect((await gemeente.get(`/berichten/${berichtId}`)).statusCode).toBe(200);
  });

  it('keeps a regievoerder of another region out', async () => {
    const berichtId = await send({ gemeenteId: ids.Utrecht, onderwerp: 'Midden', bericht: 'M' });
    await t.db
      .updateTable('account')
      .set({ regio_code: 'noord' })
      .where('id', '=', t.accounts.regievoerder)
      .execute();
    try {
      const client = await clientFor('regievoerder');
      expect((await client.get(`/api/v1/berichten/${berichtId}`)).statusCode).toBe(403);
      const listed = await client.get('/api/v1/berichten');
      expect(listed.json<{ totaal: number }>().totaal).toBe(0);
    } finally {
      await t.db
        .updateTable('account')
        .set({ regio_code: 'midden' })
        .where('id', '=', t.accounts.regievoerder)
        .execute();
    }
  });

  it('refuses roles without messages with 403, and counts nothing for them', async () => {
    for (const role of ['coa-beheerder', 'casemanager', 'col-medewerker'] as const) {
      const client = await clientFor(role);
      expect((await client.get('/berichten')).statusCode, role).toBe(403);
      expect((await client.get('/api/v1/berichten')).statusCode, role).toBe(403);
    }
    expect(await unreadMessageCount(t.db, actorOf('coa-beheerder'))).toBe(0);
  });

  it('answers 404 for a message that does not exist', async () => {
    const client = await clientFor('gemeente');
    expect((await client.get('/berichten/999999')).statusCode).toBe(404);
    expect((await client.get('/berichten/abc')).statusCode).toBe(404);
    expect((await client.get('/api/v1/berichten/999999')).statusCode).toBe(404);
  });

  it('documents the Berichten API in the OpenAPI document', async () => {
    const client = await clientFor('gemeente');
    const doc = await client.get('/api/v1/openapi.json');
    const paths = doc.json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>().paths;
    expect(paths['/api/v1/berichten']?.get?.tags).toEqual(['Berichten']);
    expect(Object.keys(paths['/api/v1/berichten'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(paths['/api/v1/berichten/{id}']?.get?.tags).toEqual(['Berichten']);
    expect(paths['/api/v1/berichten/{id}/antwoorden']?.post?.tags).toEqual(['Berichten']);
  });
});
