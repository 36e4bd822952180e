import { sql, type Transaction } from 'kysely';

import { recordProcessing } from '../audit/processing-log.ts';
import { issuePasswordToken } from '../auth/password-tokens.ts';
import { endAllSessions } from '../auth/sessions.ts';
import type { Db } from '../db/database.ts';
import type { ContactRole, Database, NotificationKind } from '../db/schema.ts';
import { AppError, errors } from '../errors.ts';
import { choiceLabel, eventChoices, fieldChoices } from '../notificaties/catalog.ts';
import { type Actor, assertCan, can } from '../policy/policy.ts';
import { type NewContact, readContactChange, readNewContact } from './input.ts';

/** One contact person of a gemeente, as the list on Profiel and the API show it. */
export interface Contactpersoon {
  accountId: number;
  naam: string;
  telefoon: string | null;
  organisatie: string;
  rol: ContactRole;
  email: string;
  /** False while an invited person has not set a password yet. */
  wachtwoordIngesteld: boolean;
  /** Labels of the chosen event notifications, for this gemeente or all of the person's. */
  notificaties: string[];
  veldnotificaties: string[];
  /** The legal basis recorded at adding; only for those who manage the list. */
  rechtsgrond?: string | null;
}

export interface Gemeente {
  id: number;
  naam: string;
}

export interface ContactList {
  gemeente: Gemeente;
  /** May the actor add, change and remove contact persons of this gemeente? */
  beheren: boolean;
  contactpersonen: Contactpersoon[];
}

/** A one-time link to e-mail after the change that issued it has committed. */
export interface Invitation {
  accountId: number;
  tokenId: number;
  token: string;
  email: string;
  gemeente: Gemeente;
  rol: ContactRole;
  expiresAt: Date;
}

const ACTIVITY = 'contactpersonenbeheer';

export function mayManage(actor: Actor, gemeenteId: number): boolean {
  return can(actor, 'contactpersonen.beheren', gemeenteId);
}

/** Every contact person of a gemeente sees its list; those who manage it do too. */
function assertMayView(actor: Actor, gemeenteId: number): void {
  const member = actor.memberships.some((m) => m.gemeenteId === gemeenteId);
  if (!member && !mayManage(actor, gemeenteId)) throw errors.forbidden();
}

export async function loadGemeente(db: Db, gemeenteId: number): Promise<Gemeente> {
  const gemeente = await db
    .selectFrom('gemeente')
    .select(['id', 'naam'])
    .where('id', '=', gemeenteId)
    .executeTakeFirst();
  if (!gemeente) throw errors.notFound('Deze gemeente bestaat niet.');
  return gemeente;
}

function labelsOf(
  choices: readonly { account_id: number; kind: NotificationKind; key: string }[],
  accountId: number,
  kind: NotificationKind,
): string[] {
  const catalog: readonly { key: string }[] = kind === 'event' ? eventChoices : fieldChoices;
  const rank = (key: string) => {
    const index = catalog.findIndex((c) => c.key === key);
    return index === -1 ? catalog.length : index;
  };
  const keys = new Set(
    choices.filter((c) => c.account_id === accountId && c.kind === kind).map((c) => c.key),
  );
  return [...keys].sort((a, b) => rank(a) - rank(b)).map((key) => choiceLabel(kind, key));
}

/** The contact persons of a gemeente (or one of them) with their notification choices. */
async function queryContacts(
  db: Db,
  gemeenteId: number,
  accountId?: number,
): Promise<Required<Contactpersoon>[]> {
  let query = db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select([
      'a.id',
      'a.name',
      'a.phone',
      'a.organisation',
      'a.email',
      'm.role',
      'm.rechtsgrond',
      sql<boolean>`a.password_hash IS NOT NULL`.as('has_password'),
    ])
    .where('m.gemeente_id', '=', gemeenteId)
    .where('a.removed_at', 'is', null)
    .orderBy('a.name')
    .orderBy('a.id');
  if (accountId !== undefined) query = query.where('a.id', '=', accountId);
  const rows = await query.execute();
  const choices =
    rows.length === 0
      ? []
      : await db
          .selectFrom('notification_choice')
          .select(['account_id', 'kind', 'key'])
          .where(
            'account_id',
            'in',
            rows.map((r) => r.id),
          )
          .where((eb) => eb.or([eb('gemeente_id', '=', gemeenteId), eb('gemeente_id', 'is', null)]))
          .execute();

  return rows.map((r) => ({
    accountId: r.id,
    naam: r.name,
    telefoon: r.phone,
    organisatie: r.organisation,
    rol: r.role,
    email: r.email,
    wachtwoordIngesteld: r.has_password,
    notificaties: labelsOf(choices, r.id, 'event'),
    veldnotificaties: labelsOf(choices, r.id, 'field'),
    rechtsgrond: r.rechtsgrond,
  }));
}

/** The contact list of one gemeente, for a contact person of it or someone who manages it. */
export async function listContactpersonen(
  db: Db,
  actor: Actor,
  gemeenteId: number,
): Promise<ContactList> {
  assertMayView(actor, gemeenteId);

  const gemeente = await loadGemeente(db, gemeenteId);
  const beheren = mayManage(actor, gemeenteId);
  const contacts = await queryContacts(db, gemeenteId);
  return {
    gemeente,
    beheren,
    contactpersonen: beheren ? contacts : contacts.map(({ rechtsgrond: _, ...rest }) => rest),
  };
}

/** The contact lists of every gemeente the actor is a contact person of, for Profiel. */
export async function contactListsFor(db: Db, actor: Actor): Promise<ContactList[]> {
  const ids = [...new Set(actor.memberships.map((m) => m.gemeenteId))];
  return Promise.all(ids.map((id) => listContactpersonen(db, actor, id)));
}

/** One contact person of the gemeente, for those who manage its list. */
export async function loadContactpersoon(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  accountId: number,
): Promise<{ gemeente: Gemeente; contactpersoon: Required<Contactpersoon> }> {
  assertCan(actor, 'contactpersonen.beheren', gemeenteId);

  const gemeente = await loadGemeente(db, gemeenteId);
  const [contactpersoon] = await queryContacts(db, gemeenteId, accountId);
  if (!contactpersoon)
    throw errors.notFound('Deze persoon is geen contactpersoon van deze gemeente.');
  return { gemeente, contactpersoon };
}

function emailConflict(code: string, message: string): AppError {
  return new AppError(409, code, message, { email: message });
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}

async function createAccount(trx: Transaction<Database>, input: NewContact): Promise<number> {
  const row = await trx
    .insertInto('account')
    .values({
      email: input.email,
      name: input.naam,
      phone: input.telefoonnummer,
      organisation: input.organisatie,
      coa_role: null,
      regio_code: null,
      password_hash: null,
      totp_secret: null,
      locked_until: null,
      removed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The existing account of an address, refused when it is COA's or already on this list. */
async function existingAccountFor(
  trx: Transaction<Database>,
  email: string,
  gemeenteId: number,
): Promise<number | null> {
  const existing = await trx
    .selectFrom('account')
    .select(['id', 'coa_role'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) return null;
  if (existing.coa_role) {
    throw emailConflict(
      'coa_account',
      'Dit e-mailadres hoort bij een account van het COA. COA-medewerkers kunnen geen ' +
        'contactpersoon van een gemeente zijn.',
    );
  }
  const member = await trx
    .selectFrom('membership')
    .select('account_id')
    .where('account_id', '=', existing.id)
    .where('gemeente_id', '=', gemeenteId)
    .executeTakeFirst();
  if (member) {
    throw emailConflict(
      'al_contactpersoon',
      'Deze persoon is al contactpersoon van deze gemeente.',
    );
  }
  return existing.id;
}

export interface AddResult {
  contactpersoon: Required<Contactpersoon>;
  /** The address already had an account: only the membership was added, and no e-mail sent. */
  bestaandAccount: boolean;
  invitation: Invitation | null;
}

/**
 * Contactpersoon toevoegen. An address that already has an account (not COA's) only gains the
 * membership; otherwise a new account without a password is created with a one-time link,
 * which the caller e-mails once this has committed.
 */
export async function addContactpersoon(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  raw: Record<string, unknown>,
  traceId: string,
): Promise<AddResult> {
  assertCan(actor, 'contactpersonen.beheren', gemeenteId);
  const input = readNewContact(raw);
  const gemeente = await loadGemeente(db, gemeenteId);

  const added = await db
    .transaction()
    .execute(async (trx) => {
      const existing = await existingAccountFor(trx, input.email, gemeenteId);
      const accountId = existing ?? (await createAccount(trx, input));
      await trx
        .insertInto('membership')
        .values({
          account_id: accountId,
          gemeente_id: gemeenteId,
          role: input.rol,
          rechtsgrond: input.rechtsgrond,
          added_by: actor.id,
        })
        .execute();
      const token =
        existing === null
          ? await issuePasswordToken(trx, {
              accountId,
              createdBy: actor.id,
              purpose: 'uitnodiging',
            })
          : null;
      await recordProcessing(trx, {
        traceId,
        actorId: actor.id,
        activity: ACTIVITY,
        action: 'create',
        subjectType: 'account',
        subjectId: accountId,
        details: {
          gemeenteId,
          role: input.rol,
          rechtsgrondGegeven: input.rechtsgrond !== null,
          nieuwAccount: existing === null,
          uitnodigingId: token?.id ?? null,
        },
      });
      return { accountId, token, existing: existing !== null };
    })
    .catch((error: unknown) => {
      // Two people adding the same address at the same moment: one of them wins.
      if (isUniqueViolation(error)) {
        throw emailConflict('al_contactpersoon', 'Deze persoon is zojuist al toegevoegd.');
      }
      throw error;
    });

  const { contactpersoon } = await loadContactpersoon(db, actor, gemeenteId, added.accountId);
  const invitation: Invitation | null = added.token && {
    accountId: added.accountId,
    tokenId: added.token.id,
    token: added.token.token,
    email: input.email,
    gemeente,
    rol: input.rol,
    expiresAt: added.token.expiresAt,
  };
  return { contactpersoon, bestaandAccount: added.existing, invitation };
}

/** Locks the gemeente's memberships, so two removals cannot both pass the last-Gemeente check. */
async function lockMemberships(trx: Transaction<Database>, gemeenteId: number) {
  return trx
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['m.account_id', 'm.role'])
    .where('m.gemeente_id', '=', gemeenteId)
    .where('a.removed_at', 'is', null)
    .forUpdate('m')
    .execute();
}

/**
 * A gemeente keeps at least one contact person with the role Gemeente, who manages its list. A
 * COA-beheerder may still take the last one away, e.g. when the gemeente asks for it.
 */
function refuseLastGemeente(
  actor: Actor,
  memberships: readonly { account_id: number; role: ContactRole }[],
  accountId: number,
): void {
  if (actor.coaRole) return;
  const others = memberships.filter((m) => m.role === 'gemeente' && m.account_id !== accountId);
  if (others.length === 0) {
    throw new AppError(
      403,
      'laatste_gemeente_contactpersoon',
      'Dit is de laatste contactpersoon met de rol Gemeente van deze gemeente. Voeg eerst een ' +
        'andere contactpersoon met de rol Gemeente toe.',
    );
  }
}

function notMember(): AppError {
  return errors.notFound('Deze persoon is geen contactpersoon van deze gemeente.');
}

/** Wijzigen: Naam, Telefoonnummer and Organisatie of the account, Rol and rechtsgrond here. */
export async function updateContactpersoon(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  accountId: number,
  raw: Record<string, unknown>,
  traceId: string,
): Promise<Required<Contactpersoon>> {
  const { contactpersoon: current } = await loadContactpersoon(db, actor, gemeenteId, accountId);
  const change = readContactChange(raw, { rol: current.rol });

  await db.transaction().execute(async (trx) => {
    const memberships = await lockMemberships(trx, gemeenteId);
    const target = memberships.find((m) => m.account_id === accountId);
    if (!target) throw notMember();
    if (target.role !== current.rol) {
      throw errors.conflict(
        'gewijzigd',
        'De rol is zojuist door iemand anders gewijzigd. Probeer het opnieuw.',
      );
    }
    if (change.rol && change.rol !== 'gemeente') refuseLastGemeente(actor, memberships, accountId);

    const account = {
      ...(change.naam !== undefined && { name: change.naam }),
      ...(change.telefoonnummer !== undefined && { phone: change.telefoonnummer }),
      ...(change.organisatie !== undefined && { organisation: change.organisatie }),
    };
    if (Object.keys(account).length > 0) {
      await trx.updateTable('account').set(account).where('id', '=', accountId).execute();
    }
    const membership = {
      ...(change.rol !== undefined && { role: change.rol }),
      ...(change.rechtsgrond !== undefined && { rechtsgrond: change.rechtsgrond }),
    };
    if (Object.keys(membership).length > 0) {
      await trx
        .updateTable('membership')
        .set(membership)
        .where('account_id', '=', accountId)
        .where('gemeente_id', '=', gemeenteId)
        .execute();
    }
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity: ACTIVITY,
      action: 'update',
      subjectType: 'account',
      subjectId: accountId,
      details: {
        gemeenteId,
        fields: Object.keys(change),
        role: change.rol ?? current.rol,
        rechtsgrondGegeven: typeof change.rechtsgrond === 'string',
      },
    });
  });
  return (await loadContactpersoon(db, actor, gemeenteId, accountId)).contactpersoon;
}

/**
 * Verwijderen: the membership and its notification choices go; without any membership left the
 * account is removed. Either way every session of the account ends at once.
 */
export async function removeContactpersoon(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  accountId: number,
  traceId: string,
): Promise<{ accountVerwijderd: boolean }> {
  assertCan(actor, 'contactpersonen.beheren', gemeenteId);

  return db.transaction().execute(async (trx) => {
    const memberships = await lockMemberships(trx, gemeenteId);
    const target = memberships.find((m) => m.account_id === accountId);
    if (!target) throw notMember();
    if (target.role === 'gemeente') refuseLastGemeente(actor, memberships, accountId);

    await trx
      .deleteFrom('membership')
      .where('account_id', '=', accountId)
      .where('gemeente_id', '=', gemeenteId)
      .execute();
    await trx
      .deleteFrom('notification_choice')
      .where('account_id', '=', accountId)
      .where('gemeente_id', '=', gemeenteId)
      .execute();
    const left = await trx
      .selectFrom('membership')
      .select('gemeente_id')
      .where('account_id', '=', accountId)
      .execute();
    const accountVerwijderd = left.length === 0;
    if (accountVerwijderd) await removeAccount(trx, accountId);
    await endAllSessions(trx, accountId);
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity: ACTIVITY,
      action: 'delete',
      subjectType: 'account',
      subjectId: accountId,
      details: { gemeenteId, role: target.role, accountVerwijderd },
    });
    return { accountVerwijderd };
  });
}

/** A contact person of no gemeente any more: the account can no longer log in or be invited. */
async function removeAccount(trx: Transaction<Database>, accountId: number): Promise<void> {
  await trx
    .updateTable('account')
    .set({ removed_at: sql<Date>`now()` })
    .where('id', '=', accountId)
    .execute();
  await trx.deleteFrom('notification_choice').where('account_id', '=', accountId).execute();
  await trx
    .deleteFrom('password_token')
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * Uitnodiging opnieuw versturen, for a contact person who has not set a password yet. The new
 * link makes older unused ones invalid; the caller e-mails it once this has committed.
 */
export async function renewInvitation(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  accountId: number,
  traceId: string,
): Promise<Invitation> {
  const { gemeente, contactpersoon } = await loadContactpersoon(db, actor, gemeenteId, accountId);
  if (contactpersoon.wachtwoordIngesteld) {
    throw errors.conflict(
      'wachtwoord_al_ingesteld',
      'Deze contactpersoon heeft al een wachtwoord ingesteld en kan gewoon inloggen.',
    );
  }

  const token = await db.transaction().execute(async (trx) => {
    const issued = await issuePasswordToken(trx, {
      accountId,
      createdBy: actor.id,
      purpose: 'uitnodiging',
    });
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity: ACTIVITY,
      action: 'update',
      subjectType: 'account',
      subjectId: accountId,
      details: { gemeenteId, uitnodigingId: issued.id, opnieuw: true },
    });
    return issued;
  });
  return {
    accountId,
    tokenId: token.id,
    token: token.token,
    email: contactpersoon.email,
    gemeente,
    rol: contactpersoon.rol,
    expiresAt: token.expiresAt,
  };
}
