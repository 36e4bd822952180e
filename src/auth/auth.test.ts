import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TestClient, type TestApp, createTestApp } from '../testing/app.ts';
import { MAX_FAILED_LOGINS } from './login.ts';
import { currentTotp } from './totp.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function refusals() {
  return t.db
    .selectFrom('processing_log')
    .selectAll()
    .where('action', '=', 'refuse')
    .orderBy('id', 'desc')
    .execute();
}

describe('login', () => {
  it('shows the login form with its Dutch labels', async () => {
    const client = new TestClient(t.app);
    const page = await client.get('/inloggen');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="veld-email">E-mailadres</label>');
    expect(page.body).toContain('<label for="veld-wachtwoord">Wachtwoord</label>');
    expect(page.body).toContain('>Inloggen</button>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('sends an anonymous visitor of a page to the login page', async () => {
    const response = await new TestClient(t.app).get('/profiel');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inloggen?terug=%2Fprofiel');
  });

  it('lets a user with the right password in, with an HttpOnly SameSite session cookie', async () => {
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', {
      email: 'gemeente@test.tvs.local',
      wachtwoord: 'correct horse battery',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = response.cookies.find((c) => c.name === 'tvs_sessie');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const start = await client.get('/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Welkom, Test gemeente');
  });

  it('refuses a wrong password with a clear message and no session', async () => {
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', {
      email: 'corporatie@test.tvs.local',
      wachtwoord: 'wrong password',
    });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Het e-mailadres of wachtwoord is onjuist.');
    expect(client.sessionToken).toBeUndefined();
  });

  it('asks for both fields when they are empty', async () => {
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post('/inloggen', { email: '', wachtwoord: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Vul uw e-mailadres in.');
    expect(response.body).toContain('Vul uw wachtwoord in.');
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const email = 'vluchtelingenwerk@test.tvs.local';
    let last;
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      last = await client.post('/inloggen', { email, wachtwoord: `wrong ${i}` });
    }
    expect(last?.statusCode).toBe(429);
    expect(last?.body).toContain('tijdelijk geblokkeerd');
    const right = await client.post('/inloggen', { email, wachtwoord: 'correct horse battery' });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Probeer het over 15 minuten opnieuw.');

    await t.db
      .updateTable('account')
      .set({ locked_until: null })
      .where('email', '=', email)
      .execute();
    const after = await client.post('/inloggen', { email, wachtwoord: 'correct horse battery' });
    expect(after.statusCode).toBe(303);
  });

  it('refuses a form without its CSRF token with 403, and logs the refusal', async () => {
    const client = new TestClient(t.app);
    await client.get('/inloggen');
    const response = await client.post(
      '/inloggen',
      { email: 'gemeente@test.tvs.local', wachtwoord: 'correct horse battery' },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Het formulier is verlopen of niet geldig.');
    const [refusal] = await refusals();
    expect(refusal?.details).toMatchObject({ path: '/inloggen', code: 'csrf_invalid' });
  });

  it('refuses a logged-in form post with a token of another session', async () => {
    const client = new TestClient(t.app);
    await client.logIn('coa-beheerder@test.tvs.local');
    client.csrf = 'not-the-token-of-this-session-at-all';
    const response = await client.post('/beheer/welkomsttekst', { welkomsttekst: 'Hallo' });
    expect(response.statusCode).toBe(403);
  });

  it('ends a session that was idle too long and says so at the login page', async () => {
    const client = new TestClient(t.app);
    await client.logIn('sociale-dienst@test.tvs.local');
    const idle = new Date(Date.now() - (t.config.sessionIdleMinutes + 1) * 60_000);
    await t.db
      .updateTable('session')
      .set({ last_seen_at: idle })
      .where('account_id', '=', t.accounts['sociale-dienst'])
      .execute();

    const response = await client.get('/');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inloggen?verlopen=1');
    const login = await client.get('/inloggen?verlopen=1');
    expect(login.body).toContain('Uw sessie is verlopen. Log opnieuw in.');
    const sessions = await t.db
      .selectFrom('session')
      .selectAll()
      .where('account_id', '=', t.accounts['sociale-dienst'])
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    const client = new TestClient(t.app);
    await client.logIn('casemanager@test.tvs.local');
    await t.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('account_id', '=', t.accounts.casemanager)
      .execute();
    const response = await client.get('/api/v1/account');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('logs out, after which the old session cookie no longer works', async () => {
    const client = new TestClient(t.app);
    await client.logIn('col-medewerker@test.tvs.local');
    const token = client.sessionToken ?? '';
    const out = await client.post('/uitloggen', {});
    expect(out.statusCode).toBe(303);
    const reuse = await t.app.inject({ url: '/', cookies: { tvs_sessie: token } });
    expect(reuse.statusCode).toBe(303);
  });

  it('records each login in the processing log', async () => {
    const client = new TestClient(t.app);
    await client.logIn('regievoerder@test.tvs.local');
    const row = await t.db
      .selectFrom('processing_log')
      .selectAll()
      .where('action', '=', 'login')
      .where('actor_id', '=', t.accounts.regievoerder)
      .executeTakeFirst();
    expect(row?.activity).toBe('authenticatie');
  });
});

describe('forbidden pages', () => {
  it('refuses Beheer to a gemeente user with 403, logged with who and where', async () => {
    const client = new TestClient(t.app);
    await client.logIn('gemeente@test.tvs.local');
    const response = await client.get('/beheer');
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Geen toegang');
    const [refusal] = await refusals();
    expect(refusal?.actor_id).toBe(t.accounts.gemeente);
    expect(refusal?.details).toMatchObject({ path: '/beheer', code: 'forbidden' });
  });
});

describe('two-factor authentication', () => {
  it('is switched on under Profiel and then asked for at every login', async () => {
    const client = new TestClient(t.app);
    await client.logIn('corporatie@test.tvs.local');
    const setup = await client.get('/profiel/tweestapsverificatie');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('<svg');
    const wrong = await client.post('/profiel/tweestapsverificatie', { code: '000000' });
    expect(wrong.statusCode).toBe(400);

    const { totp_secret: secret } = await t.db
      .selectFrom('account')
      .select('totp_secret')
      .where('id', '=', t.accounts.corporatie)
      .executeTakeFirstOrThrow();
    const on = await client.post('/profiel/tweestapsverificatie', {
      code: currentTotp(secret ?? ''),
    });
    expect(on.statusCode).toBe(303);

    const next = new TestClient(t.app);
    const login = await next.logIn('corporatie@test.tvs.local');
    expect(login.headers.location).toBe('/inloggen/tweede-stap');
    expect((await next.get('/')).statusCode).toBe(303);
    const step = await next.get('/inloggen/tweede-stap');
    expect(step.body).toContain('Verificatiecode');
    const done = await next.post('/inloggen/tweede-stap', { code: currentTotp(secret ?? '') });
    expect(done.statusCode).toBe(303);
    expect((await next.get('/')).statusCode).toBe(200);
  });
});

describe('production mode', () => {
  it('refuses demo accounts and requires two-factor enrolment at first login', async () => {
    const prod = await createTestApp({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'postgres://unused',
      SESSION_SECRET: 'k8Jq2vX9pL4mN7rT1wY6zB3cF5hG0dS8aE2uI9oK',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PUBLIC_URL: 'https://tvs.test',
    });
    try {
      await prod.db
        .updateTable('account')
        .set({ demo: true })
        .where('email', 'like', 'g%')
        .execute();
      const demo = new TestClient(prod.app);
      const refused = await demo.logIn('gemeente@test.tvs.local');
      expect(refused.statusCode).toBe(403);

      const real = new TestClient(prod.app);
      const login = await real.logIn('corporatie@test.tvs.local');
      expect(login.headers.location).toBe('/inloggen/tweede-stap');
      const step = await real.get('/inloggen/tweede-stap');
      expect(step.body).toContain('tweestapsverificatie verplicht');
      expect(step.body).toContain('<svg');
    } finally {
      await prod.close();
    }
  });
});
