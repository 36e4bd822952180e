import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createTestDb } from '../db/testing.ts';
import { seedReferenceData } from '../organisatie/reference-data.ts';
import type { Role } from '../policy/rights.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** Account ids of one user per role, e-mail `<role>@test.tvs.local`. */
  accounts: Record<Role, number>;
  /** The test database's URL when it is PostgreSQL (other processes can reach it). */
  databaseUrl: string | undefined;
  close: () => Promise<void>;
}

/** Extracts cookie pairs from a response, for the next request. */
export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const cookie of response.cookies) cookies[cookie.name] = cookie.value;
  return cookies;
}

/**
 * An application on a fresh test database with the reference data and one account per role.
 * Contact persons belong to Utrecht; the gemeente user also to Zeist.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { db, close, url } = await createTestDb();
  await seedReferenceData(db);
  // Files a test makes (demo e-mails) go to a folder of its own, removed on close.
  const dataDir = env.TVS_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'tvs-test-')));
  const config = loadConfig({ NODE_ENV: 'test', TVS_DATA_DIR: dataDir, ...env });
  const accounts = await createRoleAccounts(db);
  const app = await buildApp(config, db);
  await app.ready();
  return {
    app,
    db,
    config,
    accounts,
    databaseUrl: url,
    close: async () => {
      await app.close();
      await close();
      if (!env.TVS_DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The id of a gemeente by its name. */
export async function gemeenteId(db: Db, naam: string): Promise<number> {
  const row = await db
    .selectFrom('gemeente')
    .select('id')
    .where('naam', '=', naam)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function createRoleAccounts(db: Db): Promise<Record<Role, number>> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const utrecht = await gemeenteId(db, 'Utrecht');
  const zeist = await gemeenteId(db, 'Zeist');
  const roles: [Role, 'coa' | 'contact'][] = [
    ['coa-beheerder', 'coa'],
    ['regievoerder', 'coa'],
    ['casemanager', 'coa'],
    ['col-medewerker', 'coa'],
    ['gemeente', 'contact'],
    ['corporatie', 'contact'],
    ['sociale-dienst', 'contact'],
    ['vluchtelingenwerk', 'contact'],
  ];
  const ids = {} as Record<Role, number>;
  for (const [role, kind] of roles) {
    const row = await db
      .insertInto('account')
      .values({
        email: `${role}@test.tvs.local`,
        name: `Test ${role}`,
        phone: '088-7157000',
        organisation: kind === 'coa' ? 'COA' : `Organisatie ${role}`,
        coa_role: kind === 'coa' ? (role as never) : null,
        regio_code: role === 'regievoerder' ? 'midden' : null,
        password_hash: passwordHash,
        totp_secret: null,
        locked_until: null,
        removed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[role] = row.id;
    if (kind === 'contact') {
      const rechtsgrond = role === 'gemeente' ? null : 'Wettelijke taak huisvesting (testdata)';
      const gemeenten = role === 'gemeente' ? [utrecht, zeist] : [utrecht];
      for (const gemeente of gemeenten) {
        await db
          .insertInto('membership')
          .values({
            account_id: row.id,
            gemeente_id: gemeente,
            role: role as never,
            rechtsgrond,
            added_by: null,
          })
          .execute();
      }
    }
  }
  return ids;
}

/** A browser-like client: keeps cookies and the CSRF token of the last page. */
export class TestClient {
  cookies: Record<string, string> = {};
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({ method: 'GET', url, cookies: this.cookies, headers });
    this.remember(response);
    return response;
  }

  async post(url: string, form: Record<string, string>, options: { csrf?: boolean } = {}) {
    const fields = options.csrf === false ? form : { _csrf: this.csrf, ...form };
    const response = await this.app.inject({
      method: 'POST',
      url,
      cookies: this.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    this.remember(response);
    return response;
  }

  async json(method: 'PUT' | 'POST' | 'PATCH' | 'DELETE', url: string, body: unknown) {
    const response = await this.app.inject({
      method,
      url,
      cookies: this.cookies,
      headers: { 'x-csrf-token': this.csrf },
      payload: body as Record<string, unknown>,
    });
    this.remember(response);
    return response;
  }

  /** Opens the login page and signs in; returns the response of the login post. */
  async logIn(email: string, password = TEST_PASSWORD) {
    await this.get('/inloggen');
    const response = await this.post('/inloggen', { email, wachtwoord: password });
    if (response.statusCode === 303) await this.get('/profiel');
    return response;
  }

  get sessionToken(): string | undefined {
    return this.cookies[SESSION_COOKIE];
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) {
        this.cookies = Object.fromEntries(
          Object.entries(this.cookies).filter(([name]) => name !== cookie.name),
        );
      } else {
        this.cookies[cookie.name] = cookie.value;
      }
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match?.[1]) this.csrf = match[1];
  }
}

/** A client signed in as the test account of a role. */
export async function signedInClient(app: FastifyInstance, role: Role): Promise<TestClient> {
  const client = new TestClient(app);
  await client.logIn(`${role}@test.tvs.local`);
  return client;
}
