import { sql } from 'kysely';

import { recordProcessing } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { EventKey, FieldKey } from '../db/schema.ts';
import { errors } from '../errors.ts';
import type { Actor } from '../policy/policy.ts';
import { dataRights } from '../policy/rights.ts';
import { type Choice, eventChoices, fieldChoices } from './catalog.ts';

/** The in-app notifications of the signed-in user and their choices. */

export const NOTIFICATIONS_PAGE_SIZE = 25;

export async function listNotifications(db: Db, actor: Actor, page = 1) {
  const offset = (Math.max(1, page) - 1) * NOTIFICATIONS_PAGE_SIZE;
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('notification as n')
      .leftJoin('gemeente as g', 'g.id', 'n.gemeente_id')
      .select([
        'n.id',
        'n.kind',
        'n.title',
        'n.body',
        'n.link',
        'n.created_at as createdAt',
        'n.read_at as readAt',
        'g.naam as gemeente',
      ])
      .where('n.account_id', '=', actor.id)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset(offset)
      .execute(),
    db
      .selectFrom('notification')
      .select([
        sql<number>`count(*)::integer`.as('total'),
        sql<number>`count(*) FILTER (WHERE read_at IS NULL)::integer`.as('unread'),
      ])
      .where('account_id', '=', actor.id)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: counts.total, unread: counts.unread };
}

/** Marks one notification read and returns where it leads; only the addressee may. */
export async function openNotification(db: Db, actor: Actor, id: number): Promise<string> {
  const row = await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('account_id', '=', actor.id)
    .returning('link')
    .executeTakeFirst();
  if (!row) throw errors.notFound('Deze notificatie bestaat niet of is niet voor u.');
  return row.link ?? '/notificaties';
}

export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('account_id', '=', actor.id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface OfferedChoices {
  gemeenteId: number;
  gemeenteNaam: string;
  events: readonly Choice<EventKey>[];
  fields: readonly Choice<FieldKey>[];
  chosenEvents: EventKey[];
  chosenFields: FieldKey[];
}

/**
 * Per gemeente of the contact person: the choices their role there may have (a field or
 * event about data the role may not see is not offered) and what they chose.
 */
export async function choicesFor(db: Db, actor: Actor): Promise<OfferedChoices[]> {
  if (actor.coaRole) return [];
  const rows = await db
    .selectFrom('notification_choice')
    .select(['gemeente_id', 'kind', 'key'])
    .where('account_id', '=', actor.id)
    .execute();
  return actor.memberships.map((m) => {
    const allowed = dataRights[m.role];
    const mine = rows.filter((r) => r.gemeente_id === m.gemeenteId || r.gemeente_id === null);
    const events = eventChoices.filter((c) => allowed.includes(c.category));
    const fields = fieldChoices.filter((c) => allowed.includes(c.category));
    return {
      gemeenteId: m.gemeenteId,
      gemeenteNaam: m.gemeenteNaam,
      events,
      fields,
      chosenEvents: events
        .filter((c) => mine.some((r) => r.kind === 'event' && r.key === c.key))
        .map((c) => c.key),
      chosenFields: fields
        .filter((c) => mine.some((r) => r.kind === 'field' && r.key === c.key))
        .map((c) => c.key),
    };
  });
}

/**
 * Replaces the choices for one gemeente. A key that is not offered to the role there is
 * refused as a whole (403), so nothing is stored that could ever lead to a notification about
 * data the role may not see.
 */
export async function setChoices(
  db: Db,
  actor: Actor,
  gemeenteId: number,
  events: readonly string[],
  fields: readonly string[],
  traceId: string,
): Promise<void> {
  const offered = (await choicesFor(db, actor)).find((o) => o.gemeenteId === gemeenteId);
  if (!offered) throw errors.forbidden('U bent geen contactpersoon van deze gemeente.');
  const eventKeys = new Set<string>(offered.events.map((c) => c.key));
  const fieldKeys = new Set<string>(offered.fields.map((c) => c.key));
  if (!events.every((e) => eventKeys.has(e)) || !fields.every((f) => fieldKeys.has(f))) {
    throw errors.forbidden('U kunt alleen kiezen uit de notificaties die uw rol mag ontvangen.');
  }
  await db.transaction().execute(async (trx) => {
    // Choices made for all gemeenten at once become choices per gemeente first, so that
    // changing one gemeente leaves the others as they were.
    const existing = await trx
      .selectFrom('notification_choice')
      .select(['gemeente_id', 'kind', 'key'])
      .where('account_id', '=', actor.id)
      .execute();
    const shared = existing.filter((r) => r.gemeente_id === null);
    const others = actor.memberships.map((m) => m.gemeenteId).filter((g) => g !== gemeenteId);
    const spread = others.flatMap((g) =>
      shared
        .filter(
          (r) => !existing.some((e) => e.gemeente_id === g && e.kind === r.kind && e.key === r.key),
        )
        .map((r) => ({ account_id: actor.id, gemeente_id: g, kind: r.kind, key: r.key })),
    );
    if (spread.length > 0) await trx.insertInto('notification_choice').values(spread).execute();
    await trx
      .deleteFrom('notification_choice')
      .where('account_id', '=', actor.id)
      .where((eb) => eb.or([eb('gemeente_id', '=', gemeenteId), eb('gemeente_id', 'is', null)]))
      .execute();
    const values = [
      ...[...new Set(events)].map((key) => ({ kind: 'event' as const, key: key as EventKey })),
      ...[...new Set(fields)].map((key) => ({ kind: 'field' as const, key: key as FieldKey })),
    ].map((c) => ({ account_id: actor.id, gemeente_id: gemeenteId, ...c }));
    if (values.length > 0) await trx.insertInto('notification_choice').values(values).execute();
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity: 'contactpersonenbeheer',
      action: 'update',
      subjectType: 'account',
      subjectId: actor.id,
      details: { handeling: 'notificatiekeuzes', gemeenteId, events, fields },
    });
  });
}
