import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Db } from '../db/database.ts';
import { createTestDb } from '../db/testing.ts';
import { runDemoCommand } from './demo.ts';

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await close();
});

const count = async (table: 'account' | 'vergunninghouder') =>
  (await db.selectFrom(table).select('id').execute()).length;

describe('runDemoCommand', () => {
  it('creates demo data and recreates it without duplicates when run again', async () => {
    await runDemoCommand(db);
    const first = { accounts: await count('account'), people: await count('vergunninghouder') };
    expect(first.people).toBeGreaterThanOrEqual(5_000);

    await runDemoCommand(db);
    expect(await count('account')).toBe(first.accounts);
    expect(await count('vergunninghouder')).toBe(first.people);
  });

  it('refuses when the database holds a real account, and keeps the data', async () => {
    await db
      .insertInto('account')
      .values({ email: 'echt@gemeente.nl', name: 'Echte Gebruiker', organisation: 'Gemeente' })
      .execute();
    await expect(runDemoCommand(db)).rejects.toThrow(/echte accounts/);
    expect(await count('vergunninghouder')).toBeGreaterThanOrEqual(5_000);
  });
});
