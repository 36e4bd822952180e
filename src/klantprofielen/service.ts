import { sql, type Transaction } from 'kysely';

import { recordProcessing, recordReads } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { Database, GesprekSoort, ToestemmingWijze } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { type Actor, assertCan, canSee, isCoa } from '../policy/policy.ts';
import { loadPersonInScope } from '../vergunninghouders/service.ts';
import { type Inhoud, type ProfielPersoon, readConcept, versieInhoud } from './content.ts';
import {
  consentHolds,
  type ProfileFactRow,
  type ProfileFacts,
  type ToestemmingStatus,
  toProfileFacts,
  type VersieMeta,
} from './facts.ts';

export type { ToestemmingStatus, VersieMeta } from './facts.ts';
import type { ProfielSoort } from './fields.ts';

/**
 * Consent, drafts and sent versions of the klantprofiel and nareisprofiel. One rule holds on
 * every path out of COA (page, download, API, notification): a sent version is released only
 * while the person's current consent of that kind is given and not withdrawn. COA staff, who
 * wrote it, always see it.
 */

export interface Toestemming {
  /** The newest decision's row; null when none was recorded. */
  id: number | null;
  status: ToestemmingStatus;
  datum: string | null;
  wijze: ToestemmingWijze | null;
  ingetrokkenOp: Date | null;
}

export const toestemmingLabels: Record<ToestemmingStatus, string> = {
  geen: 'Niet vastgelegd',
  ja: 'Ja',
  nee: 'Nee',
  ingetrokken: 'Ingetrokken',
};

export const wijzeLabels: Record<ToestemmingWijze, string> = {
  verklaring: 'Ondertekende verklaring',
  aanwezig: 'Vergunninghouder zelf aanwezig',
};

const activity = 'overdracht-klantprofiel' as const;

export async function currentToestemming(
  db: Db,
  personId: number,
  soort: ProfielSoort,
): Promise<Toestemming> {
  const row = await db
    .selectFrom('toestemming')
    .select(['id', 'gegeven', 'datum', 'wijze', 'withdrawn_at'])
    .where('vergunninghouder_id', '=', personId)
    .where('soort', '=', soort)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { id: null, status: 'geen', datum: null, wijze: null, ingetrokkenOp: null };
  const status = !row.gegeven ? 'nee' : row.withdrawn_at ? 'ingetrokken' : 'ja';
  return {
    id: row.id,
    status,
    datum: row.datum,
    wijze: row.wijze,
    ingetrokkenOp: row.withdrawn_at,
  };
}

/** Whether a sent version may leave COA now: consent of that kind given and not withdrawn. */
export const mayRelease = consentHolds;

const writeRight = {
  klantprofiel: 'klantprofiel.schrijven',
  nareisprofiel: 'nareisprofiel.schrijven',
} as const;

/**
 * Loads a person the actor may write a profile of: a casemanager for the people at their
 * locations, a COL-medewerker for adult nareizigers at theirs.
 */
export async function loadForWriter(db: Db, actor: Actor, vNummer: string, soort: ProfielSoort) {
  assertCan(actor, writeRight[soort]);
  const person = await loadPersonInScope(db, actor, vNummer);
  if (person.locatie_id === null || !actor.locatieIds.includes(person.locatie_id)) {
    throw errors.forbidden('Deze vergunninghouder verblijft niet op een locatie van u.');
  }
  if (soort === 'nareisprofiel') {
    const nareiziger = await db
      .selectFrom('nareiziger')
      .select('id')
      .where('vergunninghouder_id', '=', person.id)
      .executeTakeFirst();
    if (!nareiziger) {
      throw errors.conflict('geen_nareiziger', 'Een nareisprofiel is er alleen voor nareizigers.');
    }
    if (ageOn(person.geboortedatum, new Date()) < 18) {
      throw errors.conflict(
        'minderjarig',
        'Een nareisprofiel is er alleen voor volwassen nareizigers.',
      );
    }
  }
  return person;
}

function ageOn(geboortedatum: string, day: Date): number {
  const [y, m, d] = geboortedatum.split('-').map(Number) as [number, number, number];
  const today = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()] as const;
  const before = today[1] < m || (today[1] === m && today[2] < d);
  return today[0] - y - (before ? 1 : 0);
}

export interface ToestemmingInput {
  gegeven: boolean;
  datum: string;
  wijze: ToestemmingWijze;
}

async function lockPerson(trx: Transaction<Database>, personId: number): Promise<void> {
  await trx
    .selectFrom('vergunninghouder')
    .select('id')
    .where('id', '=', personId)
    .forUpdate()
    .execute();
}

/** Records a consent decision (a new row; earlier decisions stay as history). */
export async function recordToestemming(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  input: ToestemmingInput,
  traceId: string,
): Promise<void> {
  assertCan(actor, 'toestemming.vastleggen');
  const person = await loadForWriter(db, actor, vNummer, soort);
  await db.transaction().execute(async (trx) => {
    await lockPerson(trx, person.id);
    const before = await currentToestemming(trx, person.id, soort);
    await trx
      .insertInto('toestemming')
      .values({
        vergunninghouder_id: person.id,
        soort,
        gegeven: input.gegeven,
        datum: input.datum,
        wijze: input.wijze,
        withdrawn_at: null,
        recorded_by: actor.id,
      })
      .execute();
    const after: ToestemmingStatus = input.gegeven ? 'ja' : 'nee';
    await recordConsentChange(trx, actor, person, soort, before.status, after, traceId);
  });
}

/** Withdraws the given consent: from now on nothing of that profile leaves COA. */
export async function withdrawToestemming(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  traceId: string,
): Promise<void> {
  assertCan(actor, 'toestemming.vastleggen');
  const person = await loadForWriter(db, actor, vNummer, soort);
  await db.transaction().execute(async (trx) => {
    await lockPerson(trx, person.id);
    const before = await currentToestemming(trx, person.id, soort);
    if (before.status !== 'ja') {
      throw errors.conflict(
        'geen_toestemming',
        'Er is geen gegeven toestemming die kan worden ingetrokken.',
      );
    }
    await trx
      .updateTable('toestemming')
      .set({ withdrawn_at: sql<Date>`now()` })
      .where('id', '=', before.id ?? 0)
      .execute();
    await recordConsentChange(trx, actor, person, soort, 'ja', 'ingetrokken', traceId);
  });
}

async function recordConsentChange(
  trx: Transaction<Database>,
  actor: Actor,
  person: { id: number; v_nummer: string },
  soort: ProfielSoort,
  before: ToestemmingStatus,
  after: ToestemmingStatus,
  traceId: string,
) {
  await trx
    .insertInto('change_event')
    .values({
      vergunninghouder_id: person.id,
      field: 'toestemming',
      old_value: `${soort}: ${toestemmingLabels[before]}`,
      new_value: `${soort}: ${toestemmingLabels[after]}`,
      actor_id: actor.id,
    })
    .execute();
  await recordProcessing(trx, {
    traceId,
    actorId: actor.id,
    activity,
    action: 'update',
    subjectType: 'vergunninghouder',
    subjectId: person.v_nummer,
    details: { handeling: 'toestemming', soort, toestemming: after },
  });
}

async function versions(db: Db, soort: ProfielSoort, personId: number): Promise<VersieMeta[]> {
  const table = soort === 'klantprofiel' ? 'klantprofiel_versie' : 'nareisprofiel_versie';
  return db
    .selectFrom(`${table} as pv`)
    .leftJoin('account as a', 'a.id', 'pv.sent_by')
    .select(['pv.versie', 'pv.sent_at as sentAt', 'a.name as verstuurdDoor'])
    .where('pv.vergunninghouder_id', '=', personId)
    .orderBy('pv.versie', 'desc')
    .execute();
}

/** What the writer's page shows: the draft, the consent and the versions sent so far. */
export async function loadForEditor(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  traceId: string,
) {
  const person = await loadForWriter(db, actor, vNummer, soort);
  const [toestemming, sent, draft] = await Promise.all([
    currentToestemming(db, person.id, soort),
    versions(db, soort, person.id),
    soort === 'klantprofiel'
      ? db
          .selectFrom('klantprofiel')
          .select(['inhoud', 'updated_at'])
          .where('vergunninghouder_id', '=', person.id)
          .executeTakeFirst()
      : latestNareisInhoud(db, person.id),
  ]);
  await recordReads(db, [
    {
      traceId,
      actorId: actor.id,
      activity,
      action: 'read',
      subjectType: 'vergunninghouder',
      subjectId: person.v_nummer,
      details: { soort: `${soort}-bewerken` },
    },
  ]);
  return {
    person,
    toestemming,
    versies: sent,
    concept: (draft?.inhoud ?? {}) as Inhoud,
    conceptOpgeslagen: draft?.updated_at ?? null,
  };
}

/** The nareisprofiel has no separate draft: a new version starts from the latest one. */
async function latestNareisInhoud(db: Db, personId: number) {
  const row = await db
    .selectFrom('nareisprofiel_versie')
    .select(['inhoud', 'sent_at as updated_at'])
    .where('vergunninghouder_id', '=', personId)
    .orderBy('versie', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { inhoud: row.inhoud as Inhoud, updated_at: row.updated_at } : undefined;
}

/** Saves the casemanager's draft of the klantprofiel; nothing leaves COA by saving. */
export async function saveConcept(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: Inhoud,
  flat: boolean,
  traceId: string,
): Promise<void> {
  const person = await loadForWriter(db, actor, vNummer, 'klantprofiel');
  const concept = readConcept('klantprofiel', input, flat);
  await db.transaction().execute(async (trx) => {
    await storeConcept(trx, actor, person.id, concept);
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity,
      action: 'update',
      subjectType: 'vergunninghouder',
      subjectId: person.v_nummer,
      details: { handeling: 'klantprofiel-concept' },
    });
  });
}

async function storeConcept(
  trx: Transaction<Database>,
  actor: Actor,
  personId: number,
  concept: Inhoud,
) {
  await trx
    .insertInto('klantprofiel')
    .values({
      vergunninghouder_id: personId,
      inhoud: JSON.stringify(concept),
      updated_by: actor.id,
    })
    .onConflict((oc) =>
      oc.column('vergunninghouder_id').doUpdateSet({
        inhoud: JSON.stringify(concept),
        updated_by: actor.id,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

async function profielPersoon(
  db: Db,
  person: {
    id: number;
    voornamen: string;
    achternaam: string;
    geboortedatum: string;
    geslacht: string;
    nationaliteit: string;
    v_nummer: string;
    verblijfsvergunning_datum: string;
    plaatsingseenheid_id: number;
  },
): Promise<ProfielPersoon> {
  const others = await db
    .selectFrom('vergunninghouder')
    .select(['voornamen', 'achternaam', 'rol_in_ple', 'geboortedatum'])
    .where('plaatsingseenheid_id', '=', person.plaatsingseenheid_id)
    .where('id', '<>', person.id)
    .orderBy('geboortedatum')
    .execute();
  return {
    voornamen: person.voornamen,
    achternaam: person.achternaam,
    geboortedatum: person.geboortedatum,
    geslacht: person.geslacht,
    nationaliteit: person.nationaliteit,
    vNummer: person.v_nummer,
    verblijfsvergunningDatum: person.verblijfsvergunning_datum,
    gezinsleden: others.map((o) => ({
      naam: `${o.voornamen} ${o.achternaam}`,
      relatie: o.rol_in_ple,
      geboortedatum: o.geboortedatum,
    })),
  };
}

/**
 * "Doorsturen naar gemeente": saves the draft and freezes it, with the person's current record
 * and the computed results, as the next numbered version; queues the notification. Refused
 * without consent or without a gemeente to send it to.
 */
export async function sendProfiel(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  input: Inhoud,
  flat: boolean,
  traceId: string,
): Promise<number> {
  const person = await loadForWriter(db, actor, vNummer, soort);
  const concept = readConcept(soort, input, flat);
  if (person.gemeente_id === null) {
    throw errors.conflict(
      'niet_gekoppeld',
      'Deze vergunninghouder is nog niet aan een gemeente gekoppeld; doorsturen kan na de koppeling.',
    );
  }
  const persoon = await profielPersoon(db, person);
  const inhoud = versieInhoud(soort, concept, persoon, { naam: actor.name, email: actor.email });
  const table = soort === 'klantprofiel' ? 'klantprofiel_versie' : 'nareisprofiel_versie';
  return db.transaction().execute(async (trx) => {
    await lockPerson(trx, person.id);
    if (!(await mayRelease(trx, person.id, soort))) {
      throw errors.conflict(
        'geen_toestemming',
        'Zonder toestemming van de vergunninghouder kan het profiel niet naar de gemeente.',
      );
    }
    if (soort === 'klantprofiel') await storeConcept(trx, actor, person.id, concept);
    const last = await trx
      .selectFrom(table)
      .select((eb) => eb.fn.max('versie').as('versie'))
      .where('vergunninghouder_id', '=', person.id)
      .executeTakeFirst();
    const versie = (last?.versie ?? 0) + 1;
    await trx
      .insertInto(table)
      .values({
        vergunninghouder_id: person.id,
        versie,
        inhoud: JSON.stringify(inhoud),
        sent_by: actor.id,
      })
      .execute();
    await trx
      .insertInto('outbox')
      .values({
        topic: `${soort}.verstuurd`,
        payload: JSON.stringify({
          versie: 1,
          vergunninghouderId: person.id,
          gemeenteId: person.gemeente_id,
          profielVersie: versie,
        }),
      })
      .execute();
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity,
      action: 'create',
      subjectType: 'vergunninghouder',
      subjectId: person.v_nummer,
      details: { handeling: `${soort}-doorsturen`, versie, gemeenteId: person.gemeente_id },
    });
    return versie;
  });
}

/** Why a profile cannot be shown to this reader, in the words of the Formulieren table. */
export type Unavailable = 'geen-toestemming' | 'nog-geen-profiel';

export interface Beschikbaarheid {
  soort: ProfielSoort;
  /** Sent versions the reader may see, newest first; empty when unavailable. */
  versies: VersieMeta[];
  unavailable: Unavailable | null;
}

/**
 * What the actor may know about a person's profile of one kind, from its facts: the sent
 * versions, or why there are none to show. The caller has checked the klantprofiel right.
 */
export function availability(
  actor: Actor,
  facts: ProfileFacts,
  soort: ProfielSoort,
): Beschikbaarheid {
  if (facts.toestemming[soort] !== 'ja' && !isCoa(actor)) {
    return { soort, versies: [], unavailable: 'geen-toestemming' };
  }
  const sent = facts.versies[soort];
  return { soort, versies: sent, unavailable: sent.length === 0 ? 'nog-geen-profiel' : null };
}

/**
 * What the actor may know about a person's profile of one kind: the sent versions, or why
 * there are none to show. Never more than the policy and the consent allow.
 */
export function beschikbaarheid(
  actor: Actor,
  person: ProfileFactRow & { gemeente_id: number | null },
  soort: ProfielSoort,
): Beschikbaarheid {
  if (!canSee(actor, 'klantprofiel', person.gemeente_id)) {
    throw errors.forbidden('U mag het klantprofiel en nareisprofiel niet inzien.');
  }
  return availability(actor, toProfileFacts(person), soort);
}

export const unavailableTexts: Record<ProfielSoort, Record<Unavailable, string>> = {
  klantprofiel: {
    'geen-toestemming': 'Geen toestemming tot overdracht gegevens',
    'nog-geen-profiel': 'Nog geen klantprofiel beschikbaar',
  },
  nareisprofiel: {
    'geen-toestemming': 'Geen toestemming tot overdracht gegevens',
    'nog-geen-profiel': 'Nog geen nareisprofiel beschikbaar',
  },
};

export interface Versie extends VersieMeta {
  inhoud: Inhoud;
  verstuurdDoorEmail: string | null;
}

/**
 * Reads sent versions for a reader under the policy and the consent, and records the read:
 * the given version numbers, or the latest one.
 */
export async function readVersies(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  wanted: number[] | 'laatste',
  traceId: string,
  purpose: string,
): Promise<{
  person: Awaited<ReturnType<typeof loadPersonInScope>>;
  versies: Versie[];
  /** Every version the reader may see, newest first, without content. */
  alle: VersieMeta[];
}> {
  const person = await loadPersonInScope(db, actor, vNummer);
  const available = beschikbaarheid(actor, person, soort);
  if (available.unavailable === 'geen-toestemming') {
    throw errors.forbidden(`${unavailableTexts[soort]['geen-toestemming']}.`);
  }
  if (available.unavailable)
    throw errors.notFound(`${unavailableTexts[soort][available.unavailable]}.`);
  const numbers = wanted === 'laatste' ? [available.versies[0]?.versie ?? 0] : wanted;
  const table = soort === 'klantprofiel' ? 'klantprofiel_versie' : 'nareisprofiel_versie';
  const rows = await db
    .selectFrom(`${table} as pv`)
    .leftJoin('account as a', 'a.id', 'pv.sent_by')
    .select([
      'pv.versie',
      'pv.inhoud',
      'pv.sent_at as sentAt',
      'a.name as verstuurdDoor',
      'a.email as verstuurdDoorEmail',
    ])
    .where('pv.vergunninghouder_id', '=', person.id)
    .where('pv.versie', 'in', numbers)
    .execute();
  if (rows.length !== new Set(numbers).size) {
    throw errors.notFound('Deze versie bestaat niet.');
  }
  await recordReads(db, [
    {
      traceId,
      actorId: actor.id,
      activity,
      action: purpose === 'pdf' ? 'export' : 'read',
      subjectType: 'vergunninghouder',
      subjectId: person.v_nummer,
      details: { soort, versies: numbers, doel: purpose },
    },
  ]);
  const byNumber = new Map(rows.map((r) => [r.versie, { ...r, inhoud: r.inhoud }]));
  return {
    person,
    versies: numbers.map((n) => byNumber.get(n)).filter((v): v is Versie => v !== undefined),
    alle: available.versies,
  };
}

export async function listGesprekken(db: Db, personId: number) {
  return db
    .selectFrom('gesprek as g')
    .leftJoin('account as a', 'a.id', 'g.casemanager_id')
    .select(['g.datum', 'g.soort', 'g.verslag', 'a.name as door'])
    .where('g.vergunninghouder_id', '=', personId)
    .orderBy('g.datum', 'desc')
    .orderBy('g.id', 'desc')
    .execute();
}

export interface GesprekInput {
  datum: string;
  soort: GesprekSoort;
  verslag: string;
}

/** Records a conversation; the report stays within COA. */
export async function addGesprek(
  db: Db,
  actor: Actor,
  vNummer: string,
  input: GesprekInput,
  traceId: string,
): Promise<void> {
  const person = await loadForWriter(db, actor, vNummer, 'klantprofiel');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('gesprek')
      .values({
        vergunninghouder_id: person.id,
        casemanager_id: actor.id,
        datum: input.datum,
        soort: input.soort,
        verslag: input.verslag,
      })
      .execute();
    await recordProcessing(trx, {
      traceId,
      actorId: actor.id,
      activity,
      action: 'create',
      subjectType: 'vergunninghouder',
      subjectId: person.v_nummer,
      details: { handeling: 'gesprek', soort: input.soort },
    });
  });
}

/** One sent version (the given number, or the latest) with the list of all, or 404. */
export async function readVersie(
  db: Db,
  actor: Actor,
  vNummer: string,
  soort: ProfielSoort,
  versie: number | undefined,
  traceId: string,
  purpose: string,
) {
  const wanted = versie === undefined ? 'laatste' : [versie];
  const { person, versies, alle } = await readVersies(
    db,
    actor,
    vNummer,
    soort,
    wanted,
    traceId,
    purpose,
  );
  const found = versies[0];
  if (!found) throw errors.notFound('Deze versie bestaat niet.');
  return { person, versie: found, alle };
}
