import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { verifyPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { createTestDb } from '../db/testing.ts';
import { AppError } from '../errors.ts';
import { createAdmin } from './create-admin.ts';

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close();
});

describe('creating the first COA-beheerder', () => {
  it('creates the account with a random one-time password that works', async () => {
    const { id, password } = await createAdmin(db, { email: 'Beheer@COA.nl', name: 'An Beheer' });
    const account = await db
      .selectFrom('account')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(account.email).toBe('beheer@coa.nl');
    expect(account.coa_role).toBe('coa-beheerder');
    expect(account.demo).toBe(false);
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await verifyPassword(account.password_hash ?? '', password)).toBe(true);
  });

  it('refuses a second account with the same e-mail address', async () => {
    await expect(createAdmin(db, { email: 'beheer@coa.nl', name: 'Ander' })).rejects.toThrow(
      'Er bestaat al een account met dit e-mailadres.',
    );
  });

  it('names each invalid field', async () => {
    const error = await createAdmin(db, { email: 'geen-adres', name: ' ' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({
      email: 'Geef een geldig e-mailadres.',
      naam: 'Geef een naam.',
    });
  });
});
