import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../db/database.ts';
import { createTestDb } from '../db/testing.ts';
import { loadGemeenten, seedReferenceData } from './reference-data.ts';

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await seedReferenceData(db);
});

afterAll(async () => {
  await close();
});

async function regioOf(naam: string): Promise<string> {
  const row = await db
    .selectFrom('gemeente')
    .select('regio_code')
    .where('naam', '=', naam)
    .executeTakeFirstOrThrow();
  return row.regio_code;
}

describe('seedReferenceData', () => {
  it('inserts the five regions and all 342 gemeenten', async () => {
    const regios = await db.selectFrom('regio').select(['code', 'naam']).orderBy('code').execute();
    expect(regios.map((r) => r.code)).toEqual(['midden', 'noord', 'oost', 'zuid', 'zuidwest']);
    const { count } = await db
      .selectFrom('gemeente')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(342);
  });

  it('puts each gemeente in the region of its province', async () => {
    expect(await regioOf('Utrecht')).toBe('midden');
    expect(await regioOf('Groningen')).toBe('noord');
    expect(await regioOf('Maastricht')).toBe('zuid');
    expect(await regioOf('Rotterdam')).toBe('zuidwest');
    expect(await regioOf('Zwolle')).toBe('oost');
    expect(await regioOf('Leeuwarden')).toBe('noord');
    expect(await regioOf('Almere')).toBe('midden');
  });

  it('stores the Frisian province as Fryslân and keeps names with commas whole', async () => {
    const leeuwarden = await db
      .selectFrom('gemeente')
      .select('provincie')
      .where('naam', '=', 'Leeuwarden')
      .executeTakeFirstOrThrow();
    expect(leeuwarden.provincie).toBe('Fryslân');
    const nuenen = await db
      .selectFrom('gemeente')
      .select('inwoners')
      .where('naam', '=', 'Nuenen, Gerwen en Nederwetten')
      .executeTakeFirst();
    expect(nuenen?.inwoners).toBeGreaterThan(20_000);
  });

  it('can run again without duplicating or changing anything', async () => {
    await db.updateTable('gemeente').set({ inwoners: 1 }).where('naam', '=', 'Zeist').execute();
    await seedReferenceData(db);
    const rows = await db.selectFrom('gemeente').select(['naam', 'inwoners']).execute();
    expect(rows).toHaveLength(342);
    expect(rows.find((r) => r.naam === 'Zeist')?.inwoners).toBe(1);
  });

  it('reads a total population of about 18 million from the CSV', () => {
    const total = loadGemeenten().reduce((sum, g) => sum + g.inwoners, 0);
    expect(total).toBeGreaterThan(17_000_000);
    expect(total).toBeLessThan(19_000_000);
  });
});
