import type { Transaction } from 'kysely';

import type { Database, EventKey, FieldKey, NotificationKind } from '../db/schema.ts';
import { consentHolds } from '../klantprofielen/facts.ts';
import { dataRights } from '../policy/rights.ts';
import { choiceCategory, choiceLabel } from './catalog.ts';

/**
 * Turns an event from the outbox into notifications: who is told (the contact persons of the
 * gemeente who chose it and whose role may see its data, and for some events the COA staff
 * concerned), with what title and link. Each notification is stored once per recipient and
 * event (the dedupe key), so handling the same outbox row again after a crash adds nothing,
 * and each new notification queues its own e-mail.
 */

type Trx = Transaction<Database>;

export interface OutboxEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
}

interface Recipient {
  accountId: number;
}

interface Planned {
  kind: NotificationKind;
  key: EventKey | FieldKey;
  gemeenteId: number | null;
  vergunninghouderId: number | null;
  title: string;
  body: string;
  link: string | null;
  recipients: Recipient[];
}

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** Contact persons of the gemeente who chose this, if their role there may see its data. */
async function subscribers(
  trx: Trx,
  gemeenteId: number,
  kind: NotificationKind,
  key: EventKey | FieldKey,
): Promise<Recipient[]> {
  const category = choiceCategory(kind, key);
  if (!category) return [];
  const rows = await trx
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .innerJoin('notification_choice as c', (join) =>
      join
        .onRef('c.account_id', '=', 'm.account_id')
        .on((eb) => eb.or([eb('c.gemeente_id', '=', gemeenteId), eb('c.gemeente_id', 'is', null)]))
        .on('c.kind', '=', kind)
        .on('c.key', '=', key),
    )
    .select(['m.account_id', 'm.role'])
    .distinct()
    .where('m.gemeente_id', '=', gemeenteId)
    .where('a.removed_at', 'is', null)
    .execute();
  return rows
    .filter((r) => dataRights[r.role].includes(category))
    .map((r) => ({ accountId: r.account_id }));
}

async function personOf(trx: Trx, id: number) {
  return trx
    .selectFrom('vergunninghouder')
    .select(['id', 'v_nummer', 'gemeente_id', 'plaatsingseenheid_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

async function headOfHousehold(trx: Trx, ple: number) {
  return trx
    .selectFrom('vergunninghouder')
    .select(['id', 'v_nummer'])
    .where('plaatsingseenheid_id', '=', ple)
    .orderBy('rol_in_ple', 'asc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

async function regievoerders(trx: Trx, gemeenteId: number): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom('account as a')
    .innerJoin('gemeente as g', 'g.regio_code', 'a.regio_code')
    .select('a.id')
    .where('g.id', '=', gemeenteId)
    .where('a.coa_role', '=', 'regievoerder')
    .where('a.removed_at', 'is', null)
    .execute();
  return rows.map((r) => ({ accountId: r.id }));
}

const personLink = (vNummer: string) => `/vergunninghouders/${vNummer}`;

/** What an event means for whom; an empty list when nobody is to be told. */
async function plan(trx: Trx, event: OutboxEvent): Promise<Planned[]> {
  const p = event.payload;
  switch (event.topic) {
    case 'koppeling.gewijzigd': {
      const gemeenteId = num(p.gemeenteId);
      const ple = num(p.plaatsingseenheidId);
      if (gemeenteId === null || ple === null) return [];
      if (p.actie !== 'gekoppeld' && p.actie !== 'gewijzigd') return [];
      const head = await headOfHousehold(trx, ple);
      return [
        {
          kind: 'event',
          key: 'gekoppeld',
          gemeenteId,
          vergunninghouderId: head?.id ?? null,
          title: 'Een plaatsingseenheid is aan uw gemeente gekoppeld',
          body: 'Bekijk de gegevens van de vergunninghouders en de fase van de huisvesting.',
          link: head ? personLink(head.v_nummer) : '/vergunninghouders',
          recipients: await subscribers(trx, gemeenteId, 'event', 'gekoppeld'),
        },
      ];
    }
    case 'klantprofiel.verstuurd':
    case 'nareisprofiel.verstuurd': {
      const soort = event.topic === 'klantprofiel.verstuurd' ? 'klantprofiel' : 'nareisprofiel';
      const person = await personOf(trx, num(p.vergunninghouderId) ?? 0);
      if (!person || person.gemeente_id === null) return [];
      // The consent is checked again now: withdrawn in the meantime means nobody is told.
      if (!(await consentHolds(trx, person.id, soort))) return [];
      const versie = num(p.profielVersie);
      return [
        {
          kind: 'event',
          key: soort,
          gemeenteId: person.gemeente_id,
          vergunninghouderId: person.id,
          title:
            soort === 'klantprofiel'
              ? `Er is een klantprofiel verstuurd (versie ${versie ?? '?'})`
              : 'Er is een nareisprofiel verstuurd',
          body: 'De casemanager van het COA heeft het profiel naar uw gemeente gestuurd.',
          link: `${personLink(person.v_nummer)}/${soort}`,
          recipients: await subscribers(trx, person.gemeente_id, 'event', soort),
        },
      ];
    }
    case 'bericht.verstuurd': {
      const gemeenteId = num(p.gemeenteId);
      const berichtId = num(p.berichtId);
      if (gemeenteId === null || berichtId === null) return [];
      return [
        {
          kind: 'event',
          key: 'bericht-regievoerder',
          gemeenteId,
          vergunninghouderId: num(p.vergunninghouderId),
          title: 'Nieuw bericht van de regievoerder',
          body: 'De regievoerder van het COA heeft uw gemeente een bericht gestuurd.',
          link: `/berichten/${berichtId}`,
          recipients: await subscribers(trx, gemeenteId, 'event', 'bericht-regievoerder'),
        },
      ];
    }
    case 'bericht.beantwoord': {
      const threadId = num(p.threadId);
      const gemeenteId = num(p.gemeenteId);
      if (threadId === null) return [];
      const thread = await trx
        .selectFrom('message')
        .select(['sender_id'])
        .where('id', '=', threadId)
        .executeTakeFirst();
      if (!thread) return [];
      return [
        {
          kind: 'event',
          key: 'bericht-regievoerder',
          gemeenteId,
          vergunninghouderId: null,
          title: 'Antwoord van de gemeente op uw bericht',
          body: 'Een contactpersoon van de gemeente heeft uw bericht beantwoord.',
          link: `/berichten/${threadId}`,
          recipients: [{ accountId: thread.sender_id }],
        },
      ];
    }
    case 'veld.gewijzigd': {
      const change = await trx
        .selectFrom('change_event as c')
        .innerJoin('vergunninghouder as v', 'v.id', 'c.vergunninghouder_id')
        .select(['c.field', 'c.old_value', 'c.new_value', 'v.id', 'v.v_nummer', 'v.gemeente_id'])
        .where('c.id', '=', num(p.changeEventId) ?? 0)
        .executeTakeFirst();
      if (!change || change.gemeente_id === null) return [];
      const label = choiceLabel('field', change.field).replace(/ \(nieuw en oud\)$/, '');
      return [
        {
          kind: 'field',
          key: change.field,
          gemeenteId: change.gemeente_id,
          vergunninghouderId: change.id,
          title: `Gewijzigd: ${label}`,
          body: `Oud: ${change.old_value ?? '(leeg)'}\nNieuw: ${change.new_value ?? '(leeg)'}`,
          link: personLink(change.v_nummer),
          recipients: await subscribers(trx, change.gemeente_id, 'field', change.field),
        },
      ];
    }
    case 'fase2.overschreden': {
      const gemeenteId = num(p.gemeenteId);
      const ple = num(p.plaatsingseenheidId);
      if (gemeenteId === null || ple === null) return [];
      const head = await headOfHousehold(trx, ple);
      const link = head ? personLink(head.v_nummer) : '/vergunninghouders';
      const common = {
        kind: 'event' as const,
        key: 'overschrijding-fase-2' as const,
        gemeenteId,
        vergunninghouderId: head?.id ?? null,
        title: 'Overschrijding fase 2',
        body: 'De termijn van fase 2 is verstreken zonder getekend huurcontract.',
        link,
      };
      const [contacts, coa] = await Promise.all([
        subscribers(trx, gemeenteId, 'event', 'overschrijding-fase-2'),
        regievoerders(trx, gemeenteId),
      ]);
      return [{ ...common, recipients: [...contacts, ...coa] }];
    }
    case 'woningcheck.aangevraagd':
    case 'woningcheck.beantwoord': {
      const gemeenteId = num(p.gemeenteId);
      if (gemeenteId === null) return [];
      const asked = event.topic === 'woningcheck.aangevraagd';
      const referent = await personOf(trx, num(p.referentId) ?? 0);
      return [
        {
          kind: 'event',
          key: 'woningcheck',
          gemeenteId,
          vergunninghouderId: referent?.id ?? null,
          title: asked ? 'Woningcheck aangevraagd' : 'Woningcheck beantwoord',
          body: asked
            ? 'Er is een woningcheck voor gezinshereniging aangevraagd.'
            : 'Het resultaat van een woningcheck is vastgelegd.',
          link: referent ? personLink(referent.v_nummer) : '/vergunninghouders',
          recipients: await subscribers(trx, gemeenteId, 'event', 'woningcheck'),
        },
      ];
    }
    case 'b12.beschikbaar': {
      const person = await personOf(trx, num(p.vergunninghouderId) ?? 0);
      if (!person || person.gemeente_id === null) return [];
      return [
        {
          kind: 'event',
          key: 'b12-beschikbaar',
          gemeenteId: person.gemeente_id,
          vergunninghouderId: person.id,
          title: 'B12 uitschrijfkaart is beschikbaar',
          body: 'De B12 uitschrijfkaart van een vergunninghouder is beschikbaar.',
          link: personLink(person.v_nummer),
          recipients: await subscribers(trx, person.gemeente_id, 'event', 'b12-beschikbaar'),
        },
      ];
    }
    default:
      throw new Error(`onbekend outbox-onderwerp: ${event.topic}`);
  }
}

/** The topics fanOut handles. */
export const fanOutTopics = [
  'koppeling.gewijzigd',
  'klantprofiel.verstuurd',
  'nareisprofiel.verstuurd',
  'bericht.verstuurd',
  'bericht.beantwoord',
  'veld.gewijzigd',
  'fase2.overschreden',
  'woningcheck.aangevraagd',
  'woningcheck.beantwoord',
  'b12.beschikbaar',
] as const;

/** Stores the event's notifications and queues their e-mails; returns how many are new. */
export async function fanOut(trx: Trx, event: OutboxEvent): Promise<number> {
  let created = 0;
  for (const planned of await plan(trx, event)) {
    const unique = [...new Set(planned.recipients.map((r) => r.accountId))];
    if (unique.length === 0) continue;
    const rows = await trx
      .insertInto('notification')
      .values(
        unique.map((accountId) => ({
          account_id: accountId,
          kind: planned.kind,
          key: planned.key,
          gemeente_id: planned.gemeenteId,
          vergunninghouder_id: planned.vergunninghouderId,
          title: planned.title,
          body: planned.body,
          link: planned.link,
          dedupe_key: `${event.topic}:${event.id}`,
        })),
      )
      .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    if (rows.length > 0) {
      await trx
        .insertInto('outbox')
        .values(
          rows.map((r) => ({
            topic: 'notificatie.email',
            payload: JSON.stringify({ versie: 1, notificationId: r.id }),
          })),
        )
        .execute();
    }
    created += rows.length;
  }
  return created;
}
