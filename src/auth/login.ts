import { setTimeout as sleep } from 'node:timers/promises';

import { recordProcessing } from '../audit/processing-log.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, errors } from '../errors.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

/** After this many wrong passwords in a row, the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** From this many failures on, every further answer is slowed down. */
const SLOW_AFTER = 2;

const wrongCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Het e-mailadres of wachtwoord is onjuist.', {
    wachtwoord: 'Het e-mailadres of wachtwoord is onjuist.',
  });

export function lockedMessage(minutes: number): string {
  const unit = minutes === 1 ? 'minuut' : 'minuten';
  return (
    'Uw account is tijdelijk geblokkeerd na te veel mislukte inlogpogingen. ' +
    `Probeer het over ${minutes} ${unit} opnieuw.`
  );
}

export interface LoginResult {
  token: string;
  accountId: number;
  /** The password was right; a TOTP code must still follow. */
  needsSecondFactor: boolean;
  /** Two-factor authentication is required but not yet set up. */
  mustEnrolSecondFactor: boolean;
}

export interface LoginOptions {
  /** Extra delay per failure beyond SLOW_AFTER, in milliseconds (tests make it small). */
  slowdownMs?: number;
  traceId: string;
}

/**
 * Checks e-mail and password. Wrong passwords are counted per account: after a few the answer is
 * slowed down, after MAX_FAILED_LOGINS the account is locked for a while.
 */
export async function logIn(
  db: Db,
  config: Config,
  email: string,
  password: string,
  options: LoginOptions,
): Promise<LoginResult> {
  const account = await db
    .selectFrom('account')
    .select(['id', 'password_hash', 'failed_logins', 'locked_until', 'demo', 'totp_enabled'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('removed_at', 'is', null)
    .executeTakeFirst();

  if (!account?.password_hash) {
    await verifyAgainstDummy(password);
    throw wrongCredentials();
  }
  if (account.demo && config.mode === 'production') {
    throw errors.forbidden('Demo-accounts kunnen niet inloggen in productie.');
  }
  const now = Date.now();
  if (account.locked_until && account.locked_until.getTime() > now) {
    const minutes = Math.ceil((account.locked_until.getTime() - now) / 60_000);
    throw errors.locked(lockedMessage(minutes));
  }

  if (!(await verifyPassword(account.password_hash, password))) {
    await registerFailure(db, account.id, options);
    throw wrongCredentials();
  }

  await db
    .updateTable('account')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', account.id)
    .execute();
  const needsSecondFactor = account.totp_enabled;
  const mustEnrolSecondFactor = !account.totp_enabled && config.requireTwoFactor;
  const token = await createSession(
    db,
    config,
    account.id,
    needsSecondFactor || mustEnrolSecondFactor,
  );
  await recordProcessing(db, {
    traceId: options.traceId,
    actorId: account.id,
    activity: 'authenticatie',
    action: 'login',
    subjectType: 'account',
    subjectId: account.id,
    details: { secondFactorPending: needsSecondFactor },
  });
  return { token, accountId: account.id, needsSecondFactor, mustEnrolSecondFactor };
}

/**
 * Counts a wrong password or code. Locks the account (and throws) at MAX_FAILED_LOGINS, and
 * otherwise slows the answer down once failures pile up.
 */
export async function registerFailure(
  db: Db,
  accountId: number,
  options: Pick<LoginOptions, 'slowdownMs'>,
): Promise<void> {
  const row = await db
    .updateTable('account')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', accountId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  const failures = row.failed_logins;
  if (failures >= MAX_FAILED_LOGINS) {
    await db
      .updateTable('account')
      .set({ failed_logins: 0, locked_until: new Date(Date.now() + LOCK_MINUTES * 60_000) })
      .where('id', '=', accountId)
      .execute();
    throw errors.locked(lockedMessage(LOCK_MINUTES));
  }
  if (failures > SLOW_AFTER) {
    await sleep((failures - SLOW_AFTER) * (options.slowdownMs ?? 1000));
  }
}
