import { sql } from 'kysely';

import type { Db } from '../db/database.ts';
import { profileFactColumns } from '../klantprofielen/facts.ts';
import { faseSettingKeys } from './fase.ts';

/** Everything the detail page can show about one person, before the policy removes fields. */
export async function loadPerson(db: Db, vNummer: string) {
  return (
    db
      .selectFrom('vergunninghouder as v')
      .leftJoin('gemeente as g', 'g.id', 'v.gemeente_id')
      .leftJoin('regio as r', 'r.code', 'g.regio_code')
      .leftJoin('locatie as l', 'l.id', 'v.locatie_id')
      .leftJoin('koppeling as k', 'k.plaatsingseenheid_id', 'v.plaatsingseenheid_id')
      .leftJoin('regio as mr', 'mr.code', 'v.matching_regio_code')
      .selectAll('v')
      // The profile facts come along for the Formulieren table.
      .select(profileFactColumns)
      .select([
        'g.naam as gemeente_naam',
        'r.naam as regio_naam',
        'l.naam as locatie_naam',
        'k.koppeldatum',
        'mr.naam as matching_regio_naam',
        // The fase durations come along, saving a statement on a page opened often.
        (eb) =>
          eb
            .selectFrom('setting')
            .select(
              sql<Record<string, string> | null>`json_object_agg(setting.key, setting.value)`.as(
                'w',
              ),
            )
            .where('setting.key', 'in', faseSettingKeys)
            .as('fase_weken'),
        (eb) =>
          eb
            .selectFrom('vergunninghouder as m')
            .select((m) => m.fn.max('m.verblijfsvergunning_datum').as('d'))
            .whereRef('m.plaatsingseenheid_id', '=', 'v.plaatsingseenheid_id')
            .as('ple_verblijfsvergunning_datum'),
      ])
      .where('v.v_nummer', '=', vNummer)
      .executeTakeFirst()
  );
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof loadPerson>>>;

/** Which parts of the household to read: only those the reader may see. */
export interface HouseholdParts {
  housing: boolean;
  history: boolean;
}

/** The household around a person: the others in it, its lease and open offer, the history. */
export async function loadHousehold(
  db: Db,
  person: { id: number; plaatsingseenheid_id: number },
  parts: HouseholdParts,
) {
  const ple = person.plaatsingseenheid_id;
  const none = Promise.resolve(undefined);
  const [others, huurcontract, voordracht, koppelingHistorie, blokkadeHistorie] = await Promise.all(
    [
      db
        .selectFrom('vergunninghouder')
        .select([
          'id',
          'v_nummer',
          'voornamen',
          'achternaam',
          'geboortedatum',
          'geslacht',
          'rol_in_ple',
        ])
        .where('plaatsingseenheid_id', '=', ple)
        .where('id', '<>', person.id)
        .orderBy(sql`rol_in_ple = 'hoofdpersoon'`, 'desc')
        .orderBy('geboortedatum')
        .execute(),
      parts.housing
        ? db
            .selectFrom('huurcontract')
            .select([
              'corporatie',
              'straat',
              'huisnummer',
              'postcode',
              'woonplaats',
              'ingangsdatum',
            ])
            .where('plaatsingseenheid_id', '=', ple)
            .executeTakeFirst()
        : none,
      parts.housing
        ? db
            .selectFrom('voordracht as d')
            .innerJoin('woningaanbod as w', 'w.id', 'd.woningaanbod_id')
            .select(['d.status', 'w.straat', 'w.huisnummer', 'w.woonplaats', 'w.beschikbaar_vanaf'])
            .where('d.plaatsingseenheid_id', '=', ple)
            .where('d.status', 'in', ['voorgesteld', 'geaccepteerd'])
            .orderBy('d.proposed_at', 'desc')
            .executeTakeFirst()
        : none,
      parts.history
        ? db
            .selectFrom('koppeling_historie as h')
            .innerJoin('gemeente as g', 'g.id', 'h.gemeente_id')
            .leftJoin('account as a', 'a.id', 'h.actor_id')
            .select([
              'h.actie',
              'h.koppeldatum',
              'h.reden',
              'h.at',
              'g.naam as gemeente',
              'a.name as door',
            ])
            .where('h.plaatsingseenheid_id', '=', ple)
            .orderBy('h.at', 'desc')
            .orderBy('h.id', 'desc')
            .execute()
        : none,
      parts.history
        ? db
            .selectFrom('blokkade_historie as b')
            .leftJoin('account as a', 'a.id', 'b.actor_id')
            .select(['b.geblokkeerd', 'b.reden', 'b.at', 'a.name as door'])
            .where('b.vergunninghouder_id', '=', person.id)
            .orderBy('b.at', 'desc')
            .orderBy('b.id', 'desc')
            .execute()
        : none,
    ],
  );
  return { others, huurcontract, voordracht, koppelingHistorie, blokkadeHistorie };
}

export type HouseholdRows = Awaited<ReturnType<typeof loadHousehold>>;
