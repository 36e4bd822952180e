import { createHash, randomBytes } from 'node:crypto';

import { sql } from 'kysely';

import { recordProcessing } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { PasswordTokenTable } from '../db/schema.ts';
import { endAllSessions } from './sessions.ts';

/** How long a link to set a password works. */
export const PASSWORD_TOKEN_HOURS = 72;

/** 32 random bytes as base64url: always 43 characters of this alphabet. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export type PasswordTokenPurpose = PasswordTokenTable['purpose'];

export interface IssuedToken {
  id: number;
  /** The token itself: it goes into the e-mail and is stored nowhere. */
  token: string;
  expiresAt: Date;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The path of the page that redeems a token; the e-mail puts the public address before it. */
export function passwordLinkPath(token: string): string {
  return `/wachtwoord-instellen/${token}`;
}

/**
 * Issues a one-time link for the account. Older unused links of the account stop working, so
 * only the newest e-mail counts. Pass the transaction of the change that asks for the link.
 */
export async function issuePasswordToken(
  db: Db,
  input: { accountId: number; createdBy: number | null; purpose: PasswordTokenPurpose },
): Promise<IssuedToken> {
  const token = randomBytes(32).toString('base64url');
  await db
    .deleteFrom('password_token')
    .where('account_id', '=', input.accountId)
    .where('used_at', 'is', null)
    .execute();
  const row = await db
    .insertInto('password_token')
    .values({
      account_id: input.accountId,
      token_hash: digest(token),
      purpose: input.purpose,
      created_by: input.createdBy,
      created_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(hours => ${PASSWORD_TOKEN_HOURS})`,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt: row.expires_at };
}

export interface UsableToken {
  id: number;
  accountId: number;
  email: string;
  purpose: PasswordTokenPurpose;
}

/**
 * The token when it can still be used: known, unused, not expired and its account not removed.
 * With `lock`, the row stays locked until the transaction ends, so it is redeemed only once.
 */
export async function findUsableToken(
  db: Db,
  token: string,
  options: { lock?: boolean } = {},
): Promise<UsableToken | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  let query = db
    .selectFrom('password_token as t')
    .innerJoin('account as a', 'a.id', 't.account_id')
    .select(['t.id', 't.account_id', 't.purpose', 'a.email'])
    .where('t.token_hash', '=', digest(token))
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`)
    .where('a.removed_at', 'is', null);
  if (options.lock) query = query.forUpdate('t');
  const row = await query.executeTakeFirst();
  return row
    ? { id: row.id, accountId: row.account_id, email: row.email, purpose: row.purpose }
    : null;
}

/**
 * Sets the password behind a token and uses the token up, in one transaction with its log row.
 * Returns false when the token is no longer usable (used meanwhile, expired, account removed).
 * Every session of the account ends: whoever knew the old password is logged out.
 */
export async function redeemPasswordToken(
  db: Db,
  token: string,
  passwordHash: string,
  traceId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const usable = await findUsableToken(trx, token, { lock: true });
    if (!usable) return false;

    await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
      .where('id', '=', usable.accountId)
      .execute();
    await trx
      .updateTable('password_token')
      .set({ used_at: sql<Date>`now()` })
      .where('id', '=', usable.id)
      .execute();
    await trx
      .deleteFrom('password_token')
      .where('account_id', '=', usable.accountId)
      .where('used_at', 'is', null)
      .execute();
    await endAllSessions(trx, usable.accountId);
    await recordProcessing(trx, {
      traceId,
      actorId: usable.accountId,
      activity: 'accountbeheer',
      action: 'update',
      subjectType: 'account',
      subjectId: usable.accountId,
      details: { field: 'wachtwoord', via: usable.purpose, tokenId: usable.id },
    });
    return true;
  });
}
