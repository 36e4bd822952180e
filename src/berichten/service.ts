import { type ExpressionBuilder, sql, type Transaction } from 'kysely';

import { recordProcessing, recordReads } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { Database, RegioCode } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { type Actor, can } from '../policy/policy.ts';
import { identifierErrors, isValidVNummer } from '../vergunninghouders/identifiers.ts';
import { visibleGemeenten } from '../vergunninghouders/service.ts';

export const MAX_ONDERWERP = 200;
export const MAX_BERICHT = 5000;
export const THREADS_PER_PAGE = 50;

/**
 * Whose messages the actor reads: a regievoerder those of the gemeenten in their region, a
 * contact person those of the gemeenten where they may answer.
 */
type Scope = { kind: 'regio'; code: RegioCode } | { kind: 'gemeenten'; ids: number[] };

function scopeOf(actor: Actor): Scope | null {
  if (actor.coaRole) {
    if (can(actor, 'bericht.schrijven') && actor.regioCode) {
      return { kind: 'regio', code: actor.regioCode };
    }
    return null;
  }
  const ids = [...new Set(actor.memberships.map((m) => m.gemeenteId))].filter((id) =>
    can(actor, 'bericht.beantwoorden', id),
  );
  return ids.length > 0 ? { kind: 'gemeenten', ids } : null;
}

function readScope(actor: Actor): Scope {
  const scope = scopeOf(actor);
  if (!scope) throw errors.forbidden('Berichten zijn er voor regievoerders en contactpersonen.');
  return scope;
}

type MessageEb = ExpressionBuilder<Database & { m: Database['message'] }, 'm'>;

function inScope(eb: MessageEb, scope: Scope) {
  if (scope.kind === 'gemeenten') return eb('m.gemeente_id', 'in', scope.ids);
  return eb(
    'm.gemeente_id',
    'in',
    eb.selectFrom('gemeente').select('gemeente.id').where('gemeente.regio_code', '=', scope.code),
  );
}

async function gemeenteInScope(db: Db, scope: Scope, gemeenteId: number): Promise<boolean> {
  if (scope.kind === 'gemeenten') return scope.ids.includes(gemeenteId);
  const row = await db
    .selectFrom('gemeente')
    .select('id')
    .where('id', '=', gemeenteId)
    .where('regio_code', '=', scope.code)
    .executeTakeFirst();
  return row !== undefined;
}

/** A message the actor has not read: sent by someone else, with no read mark of theirs. */
function unreadBy(eb: MessageEb, actorId: number) {
  return eb.and([
    eb('m.sender_id', '<>', actorId),
    eb.not(
      eb.exists(
        eb
          .selectFrom('message_read as r')
          .select(sql`1`.as('x'))
          .whereRef('r.message_id', '=', 'm.id')
          .where('r.account_id', '=', actorId),
      ),
    ),
  ]);
}

/**
 * The number of threads with a message the actor has not read, for the header. Zero for
 * roles without messages, so every page can ask.
 */
export async function unreadMessageCount(db: Db, actor: Actor): Promise<number> {
  const scope = scopeOf(actor);
  if (!scope) return 0;
  const row = await db
    .selectFrom('message as m')
    .select(sql<number>`count(DISTINCT coalesce(m.parent_id, m.id))::integer`.as('n'))
    .where((eb) => eb.and([inScope(eb, scope), unreadBy(eb, actor.id)]))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Who sent a message, as a reader sees it. */
export interface Afzender {
  naam: string;
  organisatie: string;
}

/** One thread in the list: its first message, with the number of answers. */
export interface ThreadSummary {
  id: number;
  gemeente: { id: number; naam: string };
  onderwerp: string;
  afzender: Afzender;
  verstuurdOp: Date;
  aantalAntwoorden: number;
  ongelezen: boolean;
}

export interface ThreadList {
  totaal: number;
  pagina: number;
  perPagina: number;
  threads: ThreadSummary[];
}

/** The threads the actor may read, newest first. */
export async function listThreads(db: Db, actor: Actor, pagina = 1): Promise<ThreadList> {
  const scope = readScope(actor);
  const page = Number.isInteger(pagina) && pagina > 0 ? pagina : 1;

  const roots = db
    .selectFrom('message as m')
    .where('m.parent_id', 'is', null)
    .where((eb) => inScope(eb, scope));
  const [count, rows] = await Promise.all([
    roots.select(sql<number>`count(*)::integer`.as('n')).executeTakeFirstOrThrow(),
    roots
      .innerJoin('gemeente as g', 'g.id', 'm.gemeente_id')
      .innerJoin('account as a', 'a.id', 'm.sender_id')
      .select((eb) => [
        'm.id',
        'm.subject',
        'm.sent_at',
        'g.id as gemeente_id',
        'g.naam as gemeente_naam',
        'a.name as afzender_naam',
        'a.organisation as afzender_organisatie',
        eb
          .selectFrom('message as antwoord')
          .select(sql<number>`count(*)::integer`.as('n'))
          .whereRef('antwoord.parent_id', '=', 'm.id')
          .as('antwoorden'),
        eb
          .exists(
            eb
              .selectFrom('message as t')
              .select(sql`1`.as('x'))
              .where((t) =>
                t.or([t('t.id', '=', t.ref('m.id')), t('t.parent_id', '=', t.ref('m.id'))]),
              )
              .where('t.sender_id', '<>', actor.id)
              .where((t) =>
                t.not(
                  t.exists(
                    t
                      .selectFrom('message_read as r')
                      .select(sql`1`.as('x'))
                      .whereRef('r.message_id', '=', 't.id')
                      .where('r.account_id', '=', actor.id),
                  ),
                ),
              ),
          )
          .as('ongelezen'),
      ])
      .orderBy('m.sent_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(THREADS_PER_PAGE)
      .offset((page - 1) * THREADS_PER_PAGE)
      .execute(),
  ]);

  return {
    totaal: count.n,
    pagina: page,
    perPagina: THREADS_PER_PAGE,
    threads: rows.map((r) => ({
      id: r.id,
      gemeente: { id: r.gemeente_id, naam: r.gemeente_naam },
      onderwerp: r.subject,
      afzender: { naam: r.afzender_naam, organisatie: r.afzender_organisatie },
      verstuurdOp: new Date(r.sent_at),
      aantalAntwoorden: r.antwoorden ?? 0,
      ongelezen: Boolean(r.ongelezen),
    })),
  };
}

/** The vergunninghouder a thread is about, as far as the reader may see them. */
export type ThreadPerson =
  { zichtbaar: true; vNummer: string; naam: string } | { zichtbaar: false };

export interface ThreadMessage {
  id: number;
  afzender: Afzender;
  eigen: boolean;
  verstuurdOp: Date;
  tekst: string;
}

export interface Thread {
  id: number;
  gemeente: { id: number; naam: string };
  onderwerp: string;
  /** Null when the thread is about no one in particular. */
  vergunninghouder: ThreadPerson | null;
  berichten: ThreadMessage[];
  magBeantwoorden: boolean;
}

interface Root {
  id: number;
  gemeente_id: number;
  sender_id: number;
  vergunninghouder_id: number | null;
  subject: string;
}

/**
 * The first message of the thread the given message belongs to, if the actor may read it:
 * 404 when there is no such message, 403 (logged by the error handler) outside their scope.
 */
async function loadRoot(db: Db, scope: Scope, messageId: number): Promise<Root> {
  const found = await db
    .selectFrom('message as m')
    .leftJoin('message as p', 'p.id', 'm.parent_id')
    .select([
      sql<number>`coalesce(p.id, m.id)`.as('id'),
      sql<number>`coalesce(p.gemeente_id, m.gemeente_id)`.as('gemeente_id'),
      sql<number>`coalesce(p.sender_id, m.sender_id)`.as('sender_id'),
      sql<number | null>`CASE WHEN p.id IS NULL THEN m.vergunninghouder_id
        ELSE p.vergunninghouder_id END`.as('vergunninghouder_id'),
      sql<string>`coalesce(p.subject, m.subject)`.as('subject'),
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!found) throw errors.notFound('Dit bericht bestaat niet.');
  if (!(await gemeenteInScope(db, scope, found.gemeente_id))) {
    throw errors.forbidden('Dit bericht is niet voor een van uw gemeenten.');
  }
  return found;
}

/** Contact persons of the gemeente answer; of COA only the regievoerder who wrote it. */
function mayAnswer(actor: Actor, root: Root): boolean {
  if (can(actor, 'bericht.beantwoorden', root.gemeente_id)) return true;
  return can(actor, 'bericht.schrijven') && root.sender_id === actor.id;
}

async function personFor(
  db: Db,
  actor: Actor,
  vergunninghouderId: number,
): Promise<(ThreadPerson & { zichtbaar: true }) | null> {
  const person = await db
    .selectFrom('vergunninghouder')
    .select(['v_nummer', 'voornamen', 'achternaam', 'gemeente_id'])
    .where('id', '=', vergunninghouderId)
    .executeTakeFirst();
  if (!person) return null;
  // The scope rule of loadPersonInScope: a contact person sees people linked to their gemeenten.
  const gemeenten = visibleGemeenten(actor);
  if (gemeenten && (person.gemeente_id === null || !gemeenten.includes(person.gemeente_id))) {
    return null;
  }
  return {
    zichtbaar: true,
    vNummer: person.v_nummer,
    naam: `${person.voornamen} ${person.achternaam}`,
  };
}

async function markRead(db: Db, actorId: number, threadId: number): Promise<void> {
  await db
    .insertInto('message_read')
    .columns(['message_id', 'account_id'])
    .expression((eb) =>
      eb
        .selectFrom('message')
        .select(['message.id', eb.val(actorId).as('account_id')])
        .where((w) => w.or([w('id', '=', threadId), w('parent_id', '=', threadId)]))
        .where('sender_id', '<>', actorId),
    )
    .onConflict((oc) => oc.columns(['message_id', 'account_id']).doNothing())
    .execute();
}

/**
 * One thread, oldest message first, and marks it read for the actor. Any message id of the
 * thread finds it; the returned id is that of the first message.
 */
export async function readThread(
  db: Db,
  actor: Actor,
  messageId: number,
  traceId: string,
): Promise<Thread> {
  const scope = readScope(actor);
  const root = await loadRoot(db, scope, messageId);

  const [gemeente, rows, person] = await Promise.all([
    db
      .selectFrom('gemeente')
      .select(['id', 'naam'])
      .where('id', '=', root.gemeente_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('message as m')
      .innerJoin('account as a', 'a.id', 'm.sender_id')
      .select(['m.id', 'm.sender_id', 'm.body', 'm.sent_at', 'a.name', 'a.organisation'])
      .where((eb) => eb.or([eb('m.id', '=', root.id), eb('m.parent_id', '=', root.id)]))
      .orderBy('m.sent_at')
      .orderBy('m.id')
      .execute(),
    root.vergunninghouder_id === null ? null : personFor(db, actor, root.vergunninghouder_id),
  ]);
  await markRead(db, actor.id, root.id);

  if (person) {
    await recordReads(db, [
      {
        traceId,
        actorId: actor.id,
        activity: 'huisvesting-vergunninghouders',
        action: 'read',
        subjectType: 'vergunninghouder',
        subjectId: person.vNummer,
        details: { soort: 'bericht', berichtId: root.id },
      },
    ]);
  }
  return {
    id: root.id,
    gemeente,
    onderwerp: root.subject,
    vergunninghouder:
      root.vergunninghouder_id === null ? null : (person ?? { zichtbaar: false as const }),
    berichten: rows.map((r) => ({
      id: r.id,
      afzender: { naam: r.name, organisatie: r.organisation },
      eigen: r.sender_id === actor.id,
      verstuurdOp: new Date(r.sent_at),
      tekst: r.body,
    })),
    magBeantwoorden: mayAnswer(actor, root),
  };
}

/** The gemeenten a regievoerder may write to: those of their own region. */
export async function messageGemeenten(db: Db, actor: Actor) {
  if (!can(actor, 'bericht.schrijven') || !actor.regioCode) throw errors.forbidden();
  return db
    .selectFrom('gemeente')
    .select(['id', 'naam'])
    .where('regio_code', '=', actor.regioCode)
    .orderBy('naam')
    .execute();
}

function textOf(
  value: unknown,
  field: string,
  max: number,
  empty: string,
  fields: Record<string, string>,
): string {
  const text = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
  if (text === '') fields[field] = empty;
  else if (text.length > max) {
    fields[field] = `Gebruik hoogstens ${max} tekens; het zijn er nu ${text.length}.`;
  }
  return text;
}

/** What a regievoerder fills in for a new message; as read from a form or JSON. */
export interface NewMessageInput {
  gemeenteId?: unknown;
  onderwerp?: unknown;
  bericht?: unknown;
  vNummer?: unknown;
}

interface CheckedNewMessage {
  gemeenteId: number;
  onderwerp: string;
  bericht: string;
  vergunninghouder: { id: number; vNummer: string } | null;
}

function idOf(value: unknown): number | null {
  const id = typeof value === 'number' ? value : Number(typeof value === 'string' ? value : NaN);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** Validates the input and checks the gemeente (403 outside the region) and the person. */
async function checkNewMessage(
  db: Db,
  actor: Actor,
  input: NewMessageInput,
): Promise<CheckedNewMessage> {
  const fields: Record<string, string> = {};
  const onderwerp = textOf(
    input.onderwerp,
    'onderwerp',
    MAX_ONDERWERP,
    'Vul een onderwerp in.',
    fields,
  );
  const bericht = textOf(input.bericht, 'bericht', MAX_BERICHT, 'Schrijf een bericht.', fields);
  const vNummer = typeof input.vNummer === 'string' ? input.vNummer.trim() : '';
  if (vNummer !== '' && !isValidVNummer(vNummer)) fields.vNummer = identifierErrors.vNummer;

  const gemeenteId = idOf(input.gemeenteId);
  const gemeente =
    gemeenteId === null
      ? undefined
      : await db
          .selectFrom('gemeente')
          .select(['id', 'regio_code'])
          .where('id', '=', gemeenteId)
          .executeTakeFirst();
  if (!gemeente) fields.gemeenteId = 'Kies de gemeente waaraan u schrijft.';
  else if (gemeente.regio_code !== actor.regioCode) {
    throw errors.forbidden('U schrijft alleen aan gemeenten in uw eigen regio.');
  }

  let vergunninghouder: CheckedNewMessage['vergunninghouder'] = null;
  if (vNummer !== '' && !fields.vNummer) {
    const person = await db
      .selectFrom('vergunninghouder')
      .select(['id', 'v_nummer', 'gemeente_id'])
      .where('v_nummer', '=', vNummer)
      .executeTakeFirst();
    if (!person) fields.vNummer = 'Er is geen vergunninghouder met dit V-nummer.';
    else if (gemeente && person.gemeente_id !== gemeente.id) {
      fields.vNummer = 'Deze vergunninghouder is niet aan deze gemeente gekoppeld.';
    } else vergunninghouder = { id: person.id, vNummer: person.v_nummer };
  }
  if (!gemeente || Object.keys(fields).length > 0) throw errors.invalid(fields);
  return { gemeenteId: gemeente.id, onderwerp, bericht, vergunninghouder };
}

/**
 * A regievoerder writes to a gemeente of their region, optionally about one vergunninghouder
 * linked to it. The message, the outbox row for the notifications and the processing-log row
 * commit together.
 */
export async function sendMessage(
  db: Db,
  actor: Actor,
  input: NewMessageInput,
  traceId: string,
): Promise<{ berichtId: number }> {
  if (!can(actor, 'bericht.schrijven') || !actor.regioCode) throw errors.forbidden();
  const checked = await checkNewMessage(db, actor, input);

  const berichtId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('message')
      .values({
        gemeente_id: checked.gemeenteId,
        sender_id: actor.id,
        vergunninghouder_id: checked.vergunninghouder?.id ?? null,
        parent_id: null,
        subject: checked.onderwerp,
        body: checked.bericht,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await queue(trx, 'bericht.verstuurd', {
      versie: 1,
      berichtId: id,
      gemeenteId: checked.gemeenteId,
      vergunninghouderId: checked.vergunninghouder?.id ?? null,
    });
    if (checked.vergunninghouder) {
      await logMessageAbout(trx, actor, traceId, checked.vergunninghouder.vNummer, {
        soort: 'bericht',
        berichtId: id,
        gemeenteId: checked.gemeenteId,
      });
    }
    return id;
  });
  return { berichtId };
}

/**
 * Answers a thread. A contact person's answer queues `bericht.beantwoord`; the regievoerder's
 * is a new message to the gemeente and queues `bericht.verstuurd`, like the first one.
 * Answering marks the thread read for the one who answers.
 */
export async function answerThread(
  db: Db,
  actor: Actor,
  threadId: number,
  input: { bericht?: unknown },
  traceId: string,
): Promise<{ berichtId: number; threadId: number }> {
  const scope = readScope(actor);
  const fields: Record<string, string> = {};
  const bericht = textOf(input.bericht, 'bericht', MAX_BERICHT, 'Schrijf een antwoord.', fields);
  const root = await loadRoot(db, scope, threadId);
  if (!mayAnswer(actor, root)) {
    throw errors.forbidden(
      'Alleen de contactpersonen van de gemeente en de regievoerder die het bericht stuurde, ' +
        'kunnen antwoorden.',
    );
  }
  if (Object.keys(fields).length > 0) throw errors.invalid(fields);
  const person =
    root.vergunninghouder_id === null
      ? undefined
      : await db
          .selectFrom('vergunninghouder')
          .select('v_nummer')
          .where('id', '=', root.vergunninghouder_id)
          .executeTakeFirst();

  const berichtId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('message')
      .values({
        gemeente_id: root.gemeente_id,
        sender_id: actor.id,
        vergunninghouder_id: null,
        parent_id: root.id,
        subject: `Re: ${root.subject}`.slice(0, MAX_ONDERWERP),
        body: bericht,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (can(actor, 'bericht.beantwoorden', root.gemeente_id)) {
      await queue(trx, 'bericht.beantwoord', {
        versie: 1,
        berichtId: id,
        threadId: root.id,
        gemeenteId: root.gemeente_id,
      });
    } else {
      await queue(trx, 'bericht.verstuurd', {
        versie: 1,
        berichtId: id,
        gemeenteId: root.gemeente_id,
        vergunninghouderId: null,
      });
    }
    await markRead(trx, actor.id, root.id);
    if (person) {
      await logMessageAbout(trx, actor, traceId, person.v_nummer, {
        soort: 'bericht-antwoord',
        berichtId: id,
        threadId: root.id,
        gemeenteId: root.gemeente_id,
      });
    }
    return id;
  });
  return { berichtId, threadId: root.id };
}

/** Outbox payloads carry ids only: the worker reads what it needs when it runs. */
async function queue(
  trx: Transaction<Database>,
  topic: 'bericht.verstuurd' | 'bericht.beantwoord',
  payload: Record<string, number | null>,
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}

async function logMessageAbout(
  trx: Transaction<Database>,
  actor: Actor,
  traceId: string,
  vNummer: string,
  details: Record<string, number | string>,
): Promise<void> {
  await recordProcessing(trx, {
    traceId,
    actorId: actor.id,
    activity: 'huisvesting-vergunninghouders',
    action: 'create',
    subjectType: 'vergunninghouder',
    subjectId: vNummer,
    details,
  });
}
