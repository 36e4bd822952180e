import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../database.ts';
import { createTestDb } from '../testing.ts';

let db: Db;
let close: () => Promise<void>;
let gemeenteId: number;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await db.insertInto('regio').values({ code: 'midden', naam: 'Midden' }).execute();
  const gemeente = await db
    .insertInto('gemeente')
    .values({ naam: 'Utrecht', provincie: 'Utrecht', inwoners: 370_000, regio_code: 'midden' })
    .returning('id')
    .executeTakeFirstOrThrow();
  gemeenteId = gemeente.id;
});

afterAll(async () => {
  await close();
});

async function household(): Promise<number> {
  const row = await db.insertInto('plaatsingseenheid').defaultValues().returning('id').execute();
  return row[0]?.id ?? 0;
}

function person(plaatsingseenheidId: number, vNummer: string) {
  return {
    v_nummer: vNummer,
    voornamen: 'Rama',
    achternaam: 'Haddad',
    geboortedatum: '1990-04-01',
    geslacht: 'vrouw' as const,
    nationaliteit: 'Syrische',
    verblijfsvergunning_datum: '2026-11-01',
    plaatsingseenheid_id: plaatsingseenheidId,
    rol_in_ple: 'hoofdpersoon' as const,
  };
}

describe('migration 0002-domain', () => {
  it('creates the domain tables and the fase view', async () => {
    const result = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(db);
    const names = result.rows.map((r) => r.table_name);
    for (const table of [
      'vergunninghouder',
      'koppeling',
      'klantprofiel_versie',
      'nareiziger',
      'voordracht',
      'outbox',
      'taakstelling',
      'plaatsingseenheid_fase',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('rejects a V-nummer of nine digits', async () => {
    const ple = await household();
    await expect(
      db.insertInto('vergunninghouder').values(person(ple, '123456789')).execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('rejects a V-nummer that is already in use', async () => {
    await db
      .insertInto('vergunninghouder')
      .values(person(await household(), '1234567890'))
      .execute();
    await expect(
      db
        .insertInto('vergunninghouder')
        .values(person(await household(), '1234567890'))
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('rejects a blocked vergunninghouder without a reason', async () => {
    const row = { ...person(await household(), '1234567891'), geblokkeerd: true };
    await expect(db.insertInto('vergunninghouder').values(row).execute()).rejects.toThrow(
      /check constraint/,
    );
  });

  it('refuses to change a klantprofiel version once sent', async () => {
    const ple = await household();
    const vh = await db
      .insertInto('vergunninghouder')
      .values(person(ple, '1234567892'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('klantprofiel_versie')
      .values({ vergunninghouder_id: vh.id, versie: 1, inhoud: '{}', sent_by: null })
      .execute();
    await expect(
      db.updateTable('klantprofiel_versie').set({ inhoud: '{"a":1}' }).execute(),
    ).rejects.toThrow(/onveranderlijk/);
    await expect(
      db
        .insertInto('klantprofiel_versie')
        .values({ vergunninghouder_id: vh.id, versie: 1, inhoud: '{}', sent_by: null })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('derives fase and deadline from the facts, with durations from the settings', async () => {
    const ple = await household();
    await db.insertInto('vergunninghouder').values(person(ple, '1234567893')).execute();
    // Cast to text: PGlite and pg return DATE values differently.
    const fase = () =>
      db
        .selectFrom('plaatsingseenheid_fase')
        .select(['fase', 'personen', sql<string | null>`fase_deadline::text`.as('fase_deadline')])
        .where('plaatsingseenheid_id', '=', ple)
        .executeTakeFirstOrThrow();
    expect(await fase()).toMatchObject({
      fase: 'fase-1',
      personen: 1,
      fase_deadline: '2026-11-15',
    });

    await db
      .insertInto('koppeling')
      .values({
        plaatsingseenheid_id: ple,
        gemeente_id: gemeenteId,
        koppeldatum: '2026-11-10',
        gekoppeld_door: null,
      })
      .execute();
    expect(await fase()).toMatchObject({ fase: 'fase-2', fase_deadline: '2027-01-19' });

    await db.updateTable('setting').set({ value: '12' }).where('key', '=', 'fase2.weken').execute();
    expect((await fase()).fase_deadline).toBe('2027-02-02');

    await db
      .updateTable('vergunninghouder')
      .set({ gehuisvest_op: '2027-01-05' })
      .where('plaatsingseenheid_id', '=', ple)
      .execute();
    expect(await fase()).toMatchObject({ fase: 'historisch', fase_deadline: null });
  });
});
