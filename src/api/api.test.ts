import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestClient, type TestApp, createTestApp } from '../testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('API base', () => {
  it('publishes its OpenAPI document without login, generated from the route schemas', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['api-version']).toBe('1.0.0');
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/account',
        '/api/v1/regios',
        '/api/v1/welkomsttekst',
        '/api/v1/vergunninghouders',
        '/api/v1/vergunninghouders/{vNummer}',
        '/api/v1/vergunninghouders/{vNummer}/koppeling',
        '/api/v1/vergunninghouders/{vNummer}/blokkade',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/pdf',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/versies',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/versies/{versie}',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/versies/{versie}/pdf',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/vergelijking',
        '/api/v1/vergunninghouders/{vNummer}/klantprofiel/concept',
        '/api/v1/vergunninghouders/{vNummer}/nareisprofiel',
        '/api/v1/vergunninghouders/{vNummer}/nareisprofiel/versies',
        '/api/v1/vergunninghouders/{vNummer}/toestemmingen/{soort}',
        '/api/v1/vergunninghouders/{vNummer}/toestemmingen/{soort}/intrekking',
        '/api/v1/vergunninghouders/{vNummer}/informatieformulier',
        '/api/v1/vergunninghouders/{vNummer}/inkomstenverklaring',
        '/api/v1/notificaties',
        '/api/v1/notificaties/{id}/gelezen',
        '/api/v1/notificaties/gelezen',
        '/api/v1/notificatiekeuzes',
        '/api/v1/notificatiekeuzes/{gemeenteId}',
        '/api/v1/berichten',
        '/api/v1/berichten/{id}',
        '/api/v1/berichten/{id}/antwoorden',
        '/api/v1/gemeenten/{gemeenteId}/contactpersonen',
        '/api/v1/gemeenten/{gemeenteId}/contactpersonen/{accountId}',
      ]),
    );
    const latest = (doc.paths['/api/v1/vergunninghouders/{vNummer}/klantprofiel'] ?? {}) as {
      get?: { responses?: Record<string, { content?: Record<string, unknown> }> };
    };
    expect(Object.keys(latest.get?.responses?.['200']?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/pdf',
    ]);
    expect(Object.keys(doc.paths).some((path) => !path.startsWith('/api/v1/'))).toBe(false);
  });

  it('answers without a session with 401 problem+json', async () => {
    const response = await t.app.inject({ url: '/api/v1/regios' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, code: 'not_authenticated' });
  });

  it('works with the browser session and returns the regions', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const response = await client.get('/api/v1/regios');
    expect(response.statusCode).toBe(200);
    const regions = response.json<{ code: string; gemeenten: unknown[] }[]>();
    expect(regions.map((r) => r.code)).toEqual(['noord', 'oost', 'midden', 'zuidwest', 'zuid']);
    expect(regions.reduce((n, r) => n + r.gemeenten.length, 0)).toBe(342);
  });

  it('returns the own account with roles per gemeente', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const me = (await client.get('/api/v1/account')).json<{ gemeenten: { naam: string }[] }>();
    expect(me.gemeenten.map((g) => g.naam)).toEqual(['Utrecht', 'Zeist']);
  });

  it('refuses a change of the welcome text by a gemeente user with 403 problem+json', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const response = await client.json('PUT', '/api/v1/welkomsttekst', { tekst: 'Nieuw' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden' });
  });

  it('requires the CSRF header for a change from the browser', async () => {
    const client = new TestClient(t.app);
    await client.logIn('coa-beheerder@test.tvs.local');
    client.csrf = '';
    const response = await client.json('PUT', '/api/v1/welkomsttekst', { tekst: 'Nieuw' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_invalid' });
  });

  it('validates the body and names the field in the problem', async () => {
    const client = new TestClient(t.app);
    await client.logIn('coa-beheerder@test.tvs.local');
    const response = await client.json('PUT', '/api/v1/welkomsttekst', { tekst: '' });
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ code: string; errors: Record<string, unknown> }>();
    expect(problem.code).toBe('invalid_input');
    expect(typeof problem.errors.tekst).toBe('string');
  });

  it('lets the COA-beheerder change the welcome text and read the processing log', async () => {
    const client = new TestClient(t.app);
    await client.logIn('coa-beheerder@test.tvs.local');
    const put = await client.json('PUT', '/api/v1/welkomsttekst', { tekst: 'Via de API' });
    expect(put.json()).toEqual({ tekst: 'Via de API' });
    const log = await client.get('/api/v1/verwerkingen');
    const body = log.json<{ verwerkingen: { activiteit: string; handeling: string }[] }>();
    expect(body.verwerkingen).toContainEqual(
      expect.objectContaining({ activiteit: 'functioneel-beheer', handeling: 'update' }),
    );
  });
});
