import { createHash, randomBytes } from 'node:crypto';

import { sql } from 'kysely';

import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/policy.ts';

export const SESSION_COOKIE = 'tvs_sessie';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionInfo {
  id: string;
  accountId: number;
  csrfToken: string;
  pendingSecondFactor: boolean;
  /** Notifications not read yet, for the count in the header. */
  unreadNotifications: number;
}

/** Starts a session; returns the token for the cookie. Only its hash is stored. */
export async function createSession(
  db: Db,
  config: Config,
  accountId: number,
  pendingSecondFactor: boolean,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + config.sessionAbsoluteHours * 3_600_000);
  await db
    .insertInto('session')
    .values({
      id: digest(token),
      account_id: accountId,
      csrf_token: randomBytes(24).toString('base64url'),
      pending_second_factor: pendingSecondFactor,
      expires_at: expires,
    })
    .execute();
  return token;
}

/** Don't write on every request: a minute's precision is enough for the idle time-out. */
const TOUCH_AFTER_MS = 60_000;

/**
 * The session behind a cookie token with its actor, read in one statement because it runs on
 * every request; null when there is none, it ran past its absolute end, it was idle too long or
 * its account was removed. An ended session is deleted.
 */
export async function loadSession(
  db: Db,
  config: Config,
  token: string,
  now = new Date(),
): Promise<(SessionInfo & { actor: Actor }) | null> {
  const id = digest(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select((eb) => [
      'session.id',
      'session.account_id',
      'session.csrf_token',
      'session.pending_second_factor',
      'session.last_seen_at',
      'session.expires_at',
      'account.removed_at',
      'account.name',
      'account.email',
      'account.coa_role',
      'account.regio_code',
      eb
        .selectFrom('membership')
        .innerJoin('gemeente', 'gemeente.id', 'membership.gemeente_id')
        .select(
          sql<Actor['memberships']>`coalesce(json_agg(json_build_object(
            'gemeenteId', membership.gemeente_id, 'gemeenteNaam', gemeente.naam,
            'role', membership.role) ORDER BY gemeente.naam), '[]')`.as('list'),
        )
        .whereRef('membership.account_id', '=', 'account.id')
        .as('memberships'),
      eb
        .selectFrom('account_locatie')
        .select(sql<number[]>`coalesce(array_agg(account_locatie.locatie_id), '{}')`.as('ids'))
        .whereRef('account_locatie.account_id', '=', 'account.id')
        .as('locatie_ids'),
      eb
        .selectFrom('notification')
        .select(sql<number>`count(*)::integer`.as('n'))
        .whereRef('notification.account_id', '=', 'account.id')
        .where('notification.read_at', 'is', null)
        .as('unread'),
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;

  const idleLimit = row.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000;
  if (row.expires_at <= now || idleLimit <= now.getTime() || row.removed_at !== null) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    pendingSecondFactor: row.pending_second_factor,
    unreadNotifications: row.unread ?? 0,
    actor: {
      id: row.account_id,
      name: row.name,
      email: row.email,
      coaRole: row.coa_role,
      regioCode: row.regio_code,
      memberships: row.memberships ?? [],
      locatieIds: row.locatie_ids ?? [],
    },
  };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of an account at once, e.g. when a contact person is removed. */
export async function endAllSessions(db: Db, accountId: number): Promise<void> {
  await db.deleteFrom('session').where('account_id', '=', accountId).execute();
}

export async function completeSecondFactor(db: Db, sessionId: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ pending_second_factor: false })
    .where('id', '=', sessionId)
    .execute();
}
