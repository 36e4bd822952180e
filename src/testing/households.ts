import type { Insertable } from 'kysely';

import type { Db } from '../db/database.ts';
import type { VergunninghouderTable } from '../db/schema.ts';
import { generateBsn, generateIban } from '../vergunninghouders/identifiers.ts';
import { gemeenteId } from './app.ts';

type PersonColumns = Insertable<VergunninghouderTable>;

/** One person of a test household; anything not given gets a plain default. */
export type PersonSpec = Partial<Omit<PersonColumns, 'plaatsingseenheid_id' | 'v_nummer'>> & {
  achternaam: string;
};

export interface HouseholdSpec {
  persons: PersonSpec[];
  /** Linked to this gemeente (by name): fase 2. */
  gemeente?: string;
  koppeldatum?: string;
  /** A lease: fase 3. */
  huurcontract?: boolean;
  /** Every member housed on this date: historisch. */
  gehuisvestOp?: string;
  /** Indexes of members with consent and a sent klantprofiel. */
  klantprofiel?: number[];
  /** Indexes of members with consent and a sent nareisprofiel. */
  nareisprofiel?: number[];
  /** Indexes of members a casemanager has talked with. */
  gesprek?: number[];
  /** A home proposed to the household. */
  voordracht?: boolean;
}

let counter = 0;

/** A fresh, unique V-nummer for a test person. */
export function nextVNummer(): string {
  counter += 1;
  return String(9_000_000_000 + counter);
}

/**
 * Creates a household with its members and, as asked, koppeling, lease, consent and profiles.
 * Returns the household id and the members' V-nummers in the given order.
 */
export async function createHousehold(
  db: Db,
  spec: HouseholdSpec,
): Promise<{ ple: number; vNummers: string[]; ids: number[] }> {
  const ple = await db
    .insertInto('plaatsingseenheid')
    .defaultValues()
    .returning('id')
    .executeTakeFirstOrThrow();
  const vNummers = spec.persons.map(() => nextVNummer());
  const people = await db
    .insertInto('vergunninghouder')
    .values(
      spec.persons.map((p, i) => ({
        voornamen: 'Test',
        geboortedatum: '1990-01-01',
        geslacht: 'man' as const,
        nationaliteit: 'Syrië',
        verblijfsvergunning_datum: '2026-09-01',
        rol_in_ple: i === 0 ? ('hoofdpersoon' as const) : ('partner' as const),
        bsn: generateBsn(8_000_000 + (Number(vNummers[i]) % 1_000_000)),
        iban: generateIban(Number(vNummers[i]) % 1_000_000_000),
        gehuisvest_op: spec.gehuisvestOp ?? null,
        ...p,
        v_nummer: vNummers[i] ?? '',
        plaatsingseenheid_id: ple.id,
      })),
    )
    .returning('id')
    .execute();
  const ids = people.map((p) => p.id);

  if (spec.gemeente) {
    const gemeente = await gemeenteId(db, spec.gemeente);
    await db
      .insertInto('koppeling')
      .values({
        plaatsingseenheid_id: ple.id,
        gemeente_id: gemeente,
        koppeldatum: spec.koppeldatum ?? '2026-10-01',
        gekoppeld_door: null,
      })
      .execute();
    if (spec.huurcontract || spec.gehuisvestOp) {
      await db
        .insertInto('huurcontract')
        .values({
          plaatsingseenheid_id: ple.id,
          voordracht_id: null,
          gemeente_id: gemeente,
          corporatie: 'Woningstichting Test',
          straat: 'Teststraat',
          huisnummer: '1',
          postcode: '3511 AA',
          woonplaats: spec.gemeente,
          ingangsdatum: '2026-11-01',
          recorded_by: null,
        })
        .execute();
    }
    if (spec.voordracht) {
      const home = await db
        .insertInto('woningaanbod')
        .values({
          gemeente_id: gemeente,
          corporatie: 'Woningstichting Test',
          straat: 'Aanbodlaan',
          huisnummer: '12',
          postcode: '3512 BB',
          woonplaats: spec.gemeente,
          kamers: 3,
          huurprijs: '650.00',
          beschikbaar_vanaf: '2026-12-15',
          status: 'voorgedragen',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('voordracht')
        .values({ woningaanbod_id: home.id, plaatsingseenheid_id: ple.id, proposed_by: null })
        .execute();
    }
  }
  for (const i of spec.gesprek ?? []) {
    await db
      .insertInto('gesprek')
      .values({ vergunninghouder_id: ids[i] ?? 0, datum: '2026-09-15', soort: 'intake' })
      .execute();
  }
  for (const [kind, members] of [
    ['klantprofiel', spec.klantprofiel ?? []],
    ['nareisprofiel', spec.nareisprofiel ?? []],
  ] as const) {
    for (const i of members) {
      const person = ids[i] ?? 0;
      await db
        .insertInto('toestemming')
        .values({
          vergunninghouder_id: person,
          soort: kind,
          gegeven: true,
          datum: '2026-09-10',
          wijze: 'verklaring',
          recorded_by: null,
        })
        .execute();
      await db
        .insertInto(kind === 'klantprofiel' ? 'klantprofiel_versie' : 'nareisprofiel_versie')
        .values({
          vergunninghouder_id: person,
          versie: 1,
          inhoud: JSON.stringify({}),
          sent_by: null,
        })
        .execute();
    }
  }
  return { ple: ple.id, vNummers, ids };
}
