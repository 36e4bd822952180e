import { randomBytes } from 'node:crypto';

import { recordProcessing } from '../audit/processing-log.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';

export interface NewAdmin {
  email: string;
  name: string;
  phone?: string | undefined;
}

/**
 * Creates a COA-beheerder with a random password, shown once. This is how a production
 * installation gets its first user; that user then sets up two-factor authentication at the
 * first login and creates the others.
 */
export async function createAdmin(
  db: Db,
  admin: NewAdmin,
): Promise<{ id: number; password: string }> {
  const email = admin.email.trim().toLowerCase();
  const fields: Record<string, string> = {};
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fields.email = 'Geef een geldig e-mailadres.';
  if (admin.name.trim().length === 0) fields.naam = 'Geef een naam.';
  if (Object.keys(fields).length > 0) throw errors.invalid(fields);

  const existing = await db
    .selectFrom('account')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (existing) {
    throw new AppError(409, 'email_taken', 'Er bestaat al een account met dit e-mailadres.');
  }

  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('account')
      .values({
        email,
        name: admin.name.trim(),
        phone: admin.phone ?? null,
        organisation: 'COA',
        coa_role: 'coa-beheerder',
        regio_code: null,
        password_hash: passwordHash,
        totp_secret: null,
        locked_until: null,
        removed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordProcessing(trx, {
      traceId: `cli-${randomBytes(8).toString('hex')}`,
      actorId: null,
      activity: 'accountbeheer',
      action: 'create',
      subjectType: 'account',
      subjectId: row.id,
      details: { role: 'coa-beheerder', via: 'tvs beheerder-aanmaken' },
    });
    return row.id;
  });
  return { id, password };
}
