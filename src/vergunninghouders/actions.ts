import type { Transaction } from 'kysely';

import { recordProcessingMany } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { Database, FieldKey } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { type Actor, assertCan } from '../policy/policy.ts';
import { correctionField, readCorrections } from './corrections.ts';
import { loadPersonInScope } from './service.ts';

const MAX_REASON = 1000;

function reasonOf(value: unknown, required: boolean): string | null {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length > MAX_REASON) {
    throw errors.invalid({ reden: `Gebruik hoogstens ${MAX_REASON} tekens.` });
  }
  if (required && reason === '') throw errors.invalid({ reden: 'Geef een reden op.' });
  return reason === '' ? null : reason;
}

function dateOf(value: unknown, today: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw errors.invalid({ koppeldatum: 'Vul een datum in als dd-mm-jjjj.' });
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw errors.invalid({ koppeldatum: 'Deze datum bestaat niet.' });
  }
  if (value > today) throw errors.invalid({ koppeldatum: 'De koppeldatum ligt in de toekomst.' });
  return value;
}

async function householdMembers(trx: Transaction<Database>, ple: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('vergunninghouder')
    .select('v_nummer')
    .where('plaatsingseenheid_id', '=', ple)
    .execute();
  return rows.map((r) => r.v_nummer);
}

/** Processing-log rows for an update of these people, in the change's transaction. */
async function logUpdate(
  trx: Transaction<Database>,
  actor: Actor,
  traceId: string,
  vNummers: string[],
  details: Record<string, unknown>,
) {
  await recordProcessingMany(
    trx,
    vNummers.map((subjectId) => ({
      traceId,
      actorId: actor.id,
      activity: 'huisvesting-vergunninghouders',
      action: 'update',
      subjectType: 'vergunninghouder',
      subjectId,
      details,
    })),
  );
}

export interface KoppelInput {
  gemeenteId: number;
  koppeldatum: string;
  reden?: string | undefined;
}

/**
 * Links the person's household to a gemeente, which starts fase 2, or moves an existing
 * koppeling to another gemeente (a reason is then required). A regievoerder links only to
 * gemeenten of their own region; a household with a lease keeps its koppeling.
 */
export async function koppelHousehold(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: KoppelInput,
  traceId: string,
  today: string,
): Promise<void> {
  assertCan(actor, 'koppeling.beheren');
  const koppeldatum = dateOf(input.koppeldatum, today);
  const gemeente = await db
    .selectFrom('gemeente')
    .select(['id', 'regio_code'])
    .where('id', '=', input.gemeenteId)
    .executeTakeFirst();
  if (!gemeente) throw errors.invalid({ gemeenteId: 'Kies een bestaande gemeente.' });
  const person = await loadPersonInScope(db, actor, vNummer);
  if (actor.regioCode && gemeente.regio_code !== actor.regioCode) {
    throw errors.forbidden('U koppelt alleen aan gemeenten in uw eigen regio.');
  }

  await db.transaction().execute(async (trx) => {
    const ple = person.plaatsingseenheid_id;
    await lockHousehold(trx, ple);
    const current = await trx
      .selectFrom('koppeling')
      .select(['gemeente_id'])
      .where('plaatsingseenheid_id', '=', ple)
      .executeTakeFirst();
    await refuseWhenHoused(trx, ple);
    if (current?.gemeente_id === gemeente.id) {
      throw errors.conflict(
        'al_gekoppeld',
        'Deze plaatsingseenheid is al aan deze gemeente gekoppeld.',
      );
    }
    const reden = reasonOf(input.reden, current !== undefined);
    if (current) {
      await trx
        .updateTable('koppeling')
        .set({ gemeente_id: gemeente.id, koppeldatum, gekoppeld_door: actor.id })
        .where('plaatsingseenheid_id', '=', ple)
        .execute();
    } else {
      await trx
        .insertInto('koppeling')
        .values({
          plaatsingseenheid_id: ple,
          gemeente_id: gemeente.id,
          koppeldatum,
          gekoppeld_door: actor.id,
        })
        .execute();
    }
    await recordKoppelingChange(trx, actor, traceId, {
      ple,
      actie: current ? 'gewijzigd' : 'gekoppeld',
      gemeenteId: gemeente.id,
      vorigeGemeenteId: current?.gemeente_id ?? null,
      koppeldatum,
      reden,
    });
  });
}

/** Undoes the koppeling of the person's household, with a reason; back to fase 1. */
export async function ontkoppelHousehold(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: { reden?: string | undefined },
  traceId: string,
): Promise<void> {
  assertCan(actor, 'koppeling.beheren');
  const reden = reasonOf(input.reden, true);
  const person = await loadPersonInScope(db, actor, vNummer);

  await db.transaction().execute(async (trx) => {
    const ple = person.plaatsingseenheid_id;
    await lockHousehold(trx, ple);
    const current = await trx
      .selectFrom('koppeling as k')
      .innerJoin('gemeente as g', 'g.id', 'k.gemeente_id')
      .select(['k.gemeente_id', 'k.koppeldatum', 'g.regio_code'])
      .where('k.plaatsingseenheid_id', '=', ple)
      .executeTakeFirst();
    if (!current) {
      throw errors.conflict('niet_gekoppeld', 'Deze plaatsingseenheid is niet gekoppeld.');
    }
    if (actor.regioCode && current.regio_code !== actor.regioCode) {
      throw errors.forbidden('Deze koppeling hoort bij een andere regio.');
    }
    await refuseWhenHoused(trx, ple);
    await trx.deleteFrom('koppeling').where('plaatsingseenheid_id', '=', ple).execute();
    await recordKoppelingChange(trx, actor, traceId, {
      ple,
      actie: 'ongedaan-gemaakt',
      gemeenteId: null,
      vorigeGemeenteId: current.gemeente_id,
      koppeldatum: current.koppeldatum,
      reden,
    });
  });
}

interface KoppelingChange {
  ple: number;
  actie: 'gekoppeld' | 'gewijzigd' | 'ongedaan-gemaakt';
  /** The gemeente linked now; null once undone. */
  gemeenteId: number | null;
  vorigeGemeenteId: number | null;
  koppeldatum: string;
  reden: string | null;
}

/** What every change of a koppeling leaves behind: history, outbox message, processing log. */
async function recordKoppelingChange(
  trx: Transaction<Database>,
  actor: Actor,
  traceId: string,
  change: KoppelingChange,
): Promise<void> {
  const gemeenteId = change.gemeenteId ?? change.vorigeGemeenteId ?? 0;
  await trx
    .insertInto('koppeling_historie')
    .values({
      plaatsingseenheid_id: change.ple,
      gemeente_id: gemeenteId,
      koppeldatum: change.koppeldatum,
      actie: change.actie,
      reden: change.reden,
      actor_id: actor.id,
    })
    .execute();
  await trx
    .insertInto('outbox')
    .values({
      topic: 'koppeling.gewijzigd',
      payload: JSON.stringify({
        versie: 1,
        plaatsingseenheidId: change.ple,
        gemeenteId: change.gemeenteId,
        vorigeGemeenteId: change.vorigeGemeenteId,
        actie: change.actie,
      }),
    })
    .execute();
  await logUpdate(trx, actor, traceId, await householdMembers(trx, change.ple), {
    handeling: `koppeling-${change.actie}`,
    gemeenteId,
  });
}

/** Serialises changes to one household: two regievoerders cannot link it at the same time. */
async function lockHousehold(trx: Transaction<Database>, ple: number): Promise<void> {
  await trx
    .selectFrom('plaatsingseenheid')
    .select('id')
    .where('id', '=', ple)
    .forUpdate()
    .execute();
}

async function refuseWhenHoused(trx: Transaction<Database>, ple: number): Promise<void> {
  const lease = await trx
    .selectFrom('huurcontract')
    .select('id')
    .where('plaatsingseenheid_id', '=', ple)
    .executeTakeFirst();
  if (lease) {
    throw errors.conflict(
      'huurcontract_bekend',
      'Er is al een huurcontract voor deze plaatsingseenheid; de koppeling kan niet meer veranderen.',
    );
  }
}

/** Blocks or unblocks a person, with a reason kept in the history. */
export async function setBlocked(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: { geblokkeerd: boolean; reden?: string | undefined },
  traceId: string,
): Promise<void> {
  assertCan(actor, 'vergunninghouder.blokkeren');
  const reden = reasonOf(input.reden, true) ?? '';
  const person = await loadPersonInScope(db, actor, vNummer);
  if (person.geblokkeerd === input.geblokkeerd) {
    throw errors.conflict(
      'blokkade_ongewijzigd',
      input.geblokkeerd ? 'Deze persoon is al geblokkeerd.' : 'Deze persoon is niet geblokkeerd.',
    );
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('vergunninghouder')
      .set({
        geblokkeerd: input.geblokkeerd,
        blokkade_reden: input.geblokkeerd ? reden : null,
        updated_at: new Date(),
      })
      .where('id', '=', person.id)
      .execute();
    await trx
      .insertInto('blokkade_historie')
      .values({
        vergunninghouder_id: person.id,
        geblokkeerd: input.geblokkeerd,
        reden,
        actor_id: actor.id,
      })
      .execute();
    await logUpdate(trx, actor, traceId, [person.v_nummer], {
      handeling: input.geblokkeerd ? 'geblokkeerd' : 'gedeblokkeerd',
    });
  });
}

/**
 * Corrects basic and other data. Every change of a field that contact persons can follow
 * (Veldnotificaties) is recorded as a change event in the same transaction.
 */
export async function correctPerson(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: Record<string, unknown>,
  traceId: string,
): Promise<string[]> {
  assertCan(actor, 'vergunninghouder.corrigeren');
  const corrections = readCorrections(input);
  const person = await loadPersonInScope(db, actor, vNummer);

  const changed = corrections.filter((c) => {
    const spec = correctionField(c.key);
    return person[spec.column] !== c.value;
  });
  if (changed.length === 0) return [];

  await db.transaction().execute(async (trx) => {
    const update: Record<string, unknown> = { updated_at: new Date() };
    for (const c of changed) update[correctionField(c.key).column] = c.value;
    try {
      await trx.updateTable('vergunninghouder').set(update).where('id', '=', person.id).execute();
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        throw errors.invalid({ bsn: 'Dit BSN is al bij een andere vergunninghouder bekend.' });
      }
      throw error;
    }
    const events = changed.flatMap((c) => {
      const field = correctionField(c.key).changeEvent;
      if (!field) return [];
      const old = person[correctionField(c.key).column];
      return [
        {
          vergunninghouder_id: person.id,
          field: field satisfies FieldKey,
          old_value: old === null ? null : String(old),
          new_value: c.value,
          actor_id: actor.id,
        },
      ];
    });
    if (events.length > 0) await trx.insertInto('change_event').values(events).execute();
    await logUpdate(trx, actor, traceId, [person.v_nummer], {
      handeling: 'gecorrigeerd',
      velden: changed.map((c) => c.key),
    });
  });
  return changed.map((c) => c.key);
}
