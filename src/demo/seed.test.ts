import { createHash } from 'node:crypto';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../db/database.ts';
import { createTestDb } from '../db/testing.ts';
import { isValidBsn, isValidIban } from '../vergunninghouders/identifiers.ts';
import { demoAccounts } from './accounts.ts';
import { hasDemoData, seedDemo } from './seed.ts';
import { landelijkeTaakstelling } from './taakstelling.ts';

const referenceDate = new Date('2026-12-10T12:00:00Z');
let db: Db;
let close: () => Promise<void>;
let seconds = 0;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  ({ seconds } = await seedDemo(db, { referenceDate }));
});

afterAll(async () => {
  await close();
});

async function fingerprint(database: Db): Promise<string> {
  const rows = await database
    .selectFrom('vergunninghouder')
    .select(['v_nummer', 'voornamen', 'achternaam', 'bsn', 'geboortedatum'])
    .orderBy('v_nummer')
    .execute();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

describe('seedDemo', () => {
  it('loads at least 5,000 vergunninghouders well within 20 seconds', async () => {
    const rows = await db.selectFrom('vergunninghouder').select('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(5_000);
    expect(seconds).toBeLessThan(20);
    expect(await hasDemoData(db)).toBe(true);
  });

  it('gives valid, unique identifiers: BSNs pass the elfproef, IBANs mod 97', async () => {
    const rows = await db
      .selectFrom('vergunninghouder')
      .select(['bsn', 'iban', 'v_nummer'])
      .execute();
    const bsns = rows.flatMap((r) => (r.bsn ? [r.bsn] : []));
    expect(bsns.length).toBeGreaterThan(4_000);
    expect(bsns.filter((bsn) => !isValidBsn(bsn))).toEqual([]);
    expect(rows.flatMap((r) => (r.iban ? [r.iban] : [])).every(isValidIban)).toBe(true);
    expect(new Set(rows.map((r) => r.v_nummer)).size).toBe(rows.length);
  });

  it('has households of one to eight persons and names with diacritics', async () => {
    const sizes = await db.selectFrom('plaatsingseenheid_fase').select('personen').execute();
    const counts = new Set(sizes.map((s) => s.personen));
    for (let size = 1; size <= 8; size++) expect(counts).toContain(size);
    const turkish = await db
      .selectFrom('vergunninghouder')
      .select('achternaam')
      .where('achternaam', 'in', ['Yılmaz', 'Şahin', 'Doğan'])
      .execute();
    expect(turkish.length).toBeGreaterThan(0);
  });

  it('has households in every fase, including some overdue in fase 2', async () => {
    const rows = await db
      .selectFrom('plaatsingseenheid_fase')
      .select(['fase', sql<string | null>`fase_deadline::text`.as('fase_deadline')])
      .execute();
    expect(new Set(rows.map((r) => r.fase))).toEqual(
      new Set(['fase-1', 'fase-2', 'fase-3', 'historisch']),
    );
    const overdue = rows.filter(
      (r) => r.fase === 'fase-2' && (r.fase_deadline ?? '') < '2026-12-10',
    );
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('has nareizigers in every MVV stap and every woningcheck result', async () => {
    const rows = await db
      .selectFrom('nareiziger')
      .select(['mvv_stap', 'woningcheck_resultaat'])
      .execute();
    expect(new Set(rows.map((r) => r.mvv_stap)).size).toBe(6);
    const results = new Set(rows.map((r) => r.woningcheck_resultaat));
    for (const result of ['geschikt', 'geschikt-na-aanpassing', 'ongeschikt', 'niet-nodig']) {
      expect(results).toContain(result);
    }
  });

  it('records consent given, refused and withdrawn', async () => {
    const rows = await db
      .selectFrom('toestemming')
      .select(['gegeven', 'withdrawn_at', 'soort'])
      .execute();
    expect(rows.some((r) => r.gegeven && r.withdrawn_at === null)).toBe(true);
    expect(rows.some((r) => !r.gegeven)).toBe(true);
    expect(rows.some((r) => r.withdrawn_at !== null)).toBe(true);
    expect(rows.some((r) => r.soort === 'nareisprofiel')).toBe(true);
  });

  it('has klantprofielen with several numbered versions and SPEC §4 sections', async () => {
    const versions = await db
      .selectFrom('klantprofiel_versie')
      .select(['vergunninghouder_id', 'versie', 'inhoud'])
      .where('versie', '=', 3)
      .execute();
    expect(versions.length).toBeGreaterThan(10);
    const inhoud = versions[0]?.inhoud ?? {};
    expect(Object.keys(inhoud)).toEqual(
      expect.arrayContaining(['persoonlijkeGegevens', 'voorinburgering', 'contactpersoonCoa']),
    );
  });

  it('has woningaanbod, voordrachten in each status, hervestigers and messages', async () => {
    const statuses = await db.selectFrom('voordracht').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'afgewezen',
      'geaccepteerd',
      'ingetrokken',
      'voorgesteld',
    ]);
    const hervestigers = await db.selectFrom('hervestiger').select('selectiemissie').execute();
    expect(hervestigers.length).toBeGreaterThan(40);
    const messages = await db.selectFrom('message').select('id').execute();
    expect(messages.length).toBeGreaterThan(10);
  });

  it('sets taakstelling for four half years whose sums equal the national totals', async () => {
    const sums = await db
      .selectFrom('taakstelling')
      .select(['halfjaar', (eb) => eb.fn.sum<number | string>('aantal').as('totaal')])
      .groupBy('halfjaar')
      .orderBy('halfjaar')
      .execute();
    expect(sums.map((s) => s.halfjaar)).toEqual(['2025-H1', '2025-H2', '2026-H1', '2026-H2']);
    for (const { halfjaar, totaal } of sums) {
      expect(Number(totaal)).toBe(landelijkeTaakstelling(halfjaar));
    }
    expect(Number(sums[0]?.totaal)).toBe(15_000);
  });

  it('creates the demo accounts, the gemeente account in Utrecht and Zeist', async () => {
    const accounts = await db.selectFrom('account').select(['email', 'demo']).execute();
    for (const demo of demoAccounts) {
      expect(accounts.map((a) => a.email)).toContain(demo.email);
    }
    expect(accounts.every((a) => a.demo)).toBe(true);
    const memberships = await db
      .selectFrom('membership')
      .innerJoin('account', 'account.id', 'membership.account_id')
      .innerJoin('gemeente', 'gemeente.id', 'membership.gemeente_id')
      .select(['account.email', 'gemeente.naam', 'membership.role'])
      .execute();
    const of = (email: string) =>
      memberships
        .filter((m) => m.email === email)
        .map((m) => `${m.naam}:${m.role}`)
        .sort();
    expect(of('gemeente@demo.tvs.local')).toEqual(['Utrecht:gemeente', 'Zeist:gemeente']);
    expect(of('corporatie@demo.tvs.local')).toEqual(['Utrecht:corporatie']);
    const regievoerder = await db
      .selectFrom('account')
      .select('regio_code')
      .where('email', '=', 'regievoerder@demo.tvs.local')
      .executeTakeFirstOrThrow();
    expect(regievoerder.regio_code).toBe('midden');
  });

  it('produces the same people for the same reference date', async () => {
    const second = await createTestDb();
    try {
      await seedDemo(second.db, { referenceDate });
      expect(await fingerprint(second.db)).toBe(await fingerprint(db));
    } finally {
      await second.close();
    }
  });

  it('refuses to seed a database that already has accounts', async () => {
    await expect(seedDemo(db, { referenceDate })).rejects.toThrow(/accounts/);
  });
});
