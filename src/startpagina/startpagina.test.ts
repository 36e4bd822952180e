import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestClient, type TestApp, createTestApp } from '../testing/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.db
    .insertInto('account')
    .values({
      email: 'regievoerder.noord@test.tvs.local',
      name: 'Noor de Vries',
      phone: '088-7157101',
      organisation: 'COA',
      coa_role: 'regievoerder',
      regio_code: 'noord',
      password_hash: null,
      totp_secret: null,
      locked_until: null,
      removed_at: null,
    })
    .execute();
});
afterAll(async () => {
  await t.close();
});

function tabLabels(html: string): string[] {
  const nav = /<nav class="tvs-nav"[^]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/<(?:a|button)[^>]*>([^<]+)<\/(?:a|button)>/g)].map((m) => m[1] ?? '');
}

describe('Startpagina', () => {
  it('shows the welcome text and the five regions with gemeenten and regievoerders', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const page = await client.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Welkom in het Taakstellingvolgsysteem');
    for (const region of ['Noord', 'Oost', 'Midden', 'Zuidwest', 'Zuid']) {
      expect(page.body).toContain(`Regio ${region}`);
    }
    expect(page.body).toContain('Noor de Vries');
    expect(page.body).toContain('href="tel:0887157101"');
    expect(page.body).toContain('mailto:regievoerder.noord@test.tvs.local');
    expect(page.body).toContain('<li>Amersfoort</li>');
    expect(page.body).toMatch(/Gemeenten \(\d+\)/);
  });

  it("puts the user's own region first", async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const page = await client.get('/');
    const first = /<h3 id="regio-(\w+)">/.exec(page.body)?.[1];
    expect(first).toBe('midden');
    expect(page.body).toContain('Regio Midden (uw regio)');
  });

  it('shows each role only the tabs it may use', async () => {
    const expected: Record<string, string[]> = {
      'coa-beheerder': ['Startpagina', 'Profiel', 'Vergunninghouders', 'Beheer', 'Uitloggen'],
      gemeente: ['Startpagina', 'Profiel', 'Vergunninghouders', 'Berichten', 'Uitloggen'],
      corporatie: ['Startpagina', 'Profiel', 'Vergunninghouders', 'Berichten', 'Uitloggen'],
      regievoerder: ['Startpagina', 'Profiel', 'Vergunninghouders', 'Berichten', 'Uitloggen'],
      casemanager: ['Startpagina', 'Profiel', 'Vergunninghouders', 'Uitloggen'],
    };
    for (const [role, tabs] of Object.entries(expected)) {
      const client = new TestClient(t.app);
      await client.logIn(`${role}@test.tvs.local`);
      const page = await client.get('/');
      expect(tabLabels(page.body), role).toEqual(tabs);
    }
  });

  it('lets the COA-beheerder change the welcome text, which everyone then sees', async () => {
    const admin = new TestClient(t.app);
    await admin.logIn('coa-beheerder@test.tvs.local');
    await admin.get('/beheer');
    const saved = await admin.post('/beheer/welkomsttekst', {
      welkomsttekst: 'Eerste alinea.\r\n\r\nTweede alinea met <b>opmaak</b>.',
    });
    expect(saved.statusCode).toBe(303);

    const user = new TestClient(t.app);
    await user.logIn('vluchtelingenwerk@test.tvs.local');
    const page = await user.get('/');
    expect(page.body).toContain('<p>Eerste alinea.</p>');
    expect(page.body).toContain('<p>Tweede alinea met &lt;b&gt;opmaak&lt;/b&gt;.</p>');
    const log = await t.db
      .selectFrom('processing_log')
      .selectAll()
      .where('subject_id', '=', 'welkomsttekst')
      .executeTakeFirst();
    expect(log?.actor_id).toBe(t.accounts['coa-beheerder']);
  });

  it('keeps the old welcome text and explains at the field when the new one is empty', async () => {
    const admin = new TestClient(t.app);
    await admin.logIn('coa-beheerder@test.tvs.local');
    await admin.get('/beheer');
    const refused = await admin.post('/beheer/welkomsttekst', { welkomsttekst: '   ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Vul een welkomsttekst in.');
    expect(refused.body).toContain('aria-invalid="true"');
  });

  it('shows the processing log to the COA-beheerder', async () => {
    const admin = new TestClient(t.app);
    await admin.logIn('coa-beheerder@test.tvs.local');
    const page = await admin.get('/beheer/logboek');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('authenticatie');
  });
});
