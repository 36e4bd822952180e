import type { Insertable } from 'kysely';

import type { Fase, RegioCode, RolInPle, VergunninghouderTable } from '../db/schema.ts';
import { generateBsn, generateIban, generateVNummer } from '../vergunninghouders/identifiers.ts';
import {
  beperkingen,
  beroepen,
  blokkadeRedenen,
  medischeBijzonderheden,
  opleidingsniveaus,
} from './content.ts';
import { type Nationality, nationalities } from './names.ts';
import { dayText, type Random } from './random.ts';

export type PersonRow = Insertable<VergunninghouderTable> & { id: number };

export interface Household {
  id: number;
  fase: Fase;
  nationality: Nationality;
  members: PersonRow[];
  permitDay: number;
  koppelDay: number | null;
  huurDay: number | null;
  housedDay: number | null;
  gemeenteId: number | null;
  locatieId: number | null;
  hervestiger: boolean;
}

/** Counters so every generated identifier is unique and the same on every run. */
export class Sequences {
  household = 0;
  person = 0;

  nextPerson(): { id: number; vNummer: string; bsn: string; iban: string } {
    const n = ++this.person;
    return {
      id: n,
      vNummer: generateVNummer(n * 7919 + 3_141_592),
      bsn: generateBsn(n * 449 + 12_345),
      iban: generateIban(n * 104_729 + 2_718_281),
    };
  }
}

const sizeWeights: readonly (readonly [number, number])[] = [
  [1, 45],
  [2, 14],
  [3, 12],
  [4, 11],
  [5, 8],
  [6, 5],
  [7, 3],
  [8, 2],
];

export function householdSize(random: Random): number {
  return random.weighted(sizeWeights);
}

export function pickNationality(random: Random): Nationality {
  return random.weighted(nationalities.map((n) => [n, n.weight] as const));
}

export interface PersonSpec {
  rol: RolInPle;
  geslacht: 'man' | 'vrouw';
  age: number;
  voornamen: string;
  achternaam: string;
}

/** Who is in a household of this size: a main person, perhaps a partner, children, others. */
export function composeHousehold(
  random: Random,
  nationality: Nationality,
  size: number,
): PersonSpec[] {
  const hoofdMan = random.chance(size === 1 ? 0.72 : 0.6);
  const hoofdAge = size === 1 ? random.int(18, 45) : random.int(24, 56);
  const hoofd: PersonSpec = {
    rol: 'hoofdpersoon',
    geslacht: hoofdMan ? 'man' : 'vrouw',
    age: hoofdAge,
    voornamen: random.pick(hoofdMan ? nationality.mannen : nationality.vrouwen),
    achternaam: random.pick(nationality.achternamen),
  };
  const people = [hoofd];
  if (size >= 2 && random.chance(size >= 3 ? 0.8 : 0.6)) {
    const man = !hoofdMan;
    const shared = nationality.sharedSurname && hoofdMan;
    people.push({
      rol: 'partner',
      geslacht: man ? 'man' : 'vrouw',
      age: Math.max(18, hoofdAge + random.int(-6, 4)),
      voornamen: random.pick(man ? nationality.mannen : nationality.vrouwen),
      achternaam: shared ? hoofd.achternaam : random.pick(nationality.achternamen),
    });
  }
  const father = people.find((p) => p.geslacht === 'man');
  const childSurname = nationality.patronymic
    ? (father?.voornamen ?? hoofd.achternaam)
    : (father?.achternaam ?? hoofd.achternaam);
  while (people.length < size) {
    const other = random.chance(0.08);
    const man = random.chance(0.5);
    people.push({
      rol: other ? 'overig' : 'kind',
      geslacht: man ? 'man' : 'vrouw',
      age: other ? random.int(18, 75) : random.int(0, Math.min(17, hoofdAge - 18)),
      voornamen: random.pick(man ? nationality.mannen : nationality.vrouwen),
      achternaam: other ? random.pick(nationality.achternamen) : childSurname,
    });
  }
  return people;
}

export interface PersonFacts {
  householdId: number;
  permitDay: number;
  housedDay: number | null;
  locatieId: number | null;
  refDay: number;
  fase: Fase;
  regio: RegioCode | null;
  nationality: Nationality;
}

function birthDay(random: Random, refDay: number, age: number): number {
  return refDay - age * 365 - random.int(0, 364);
}

/** Optional fields filled for a share of people, as a real population would have them. */
function particulars(random: Random, adult: boolean, facts: PersonFacts): Partial<PersonRow> {
  const row: Partial<PersonRow> = {};
  if (random.chance(0.07)) row.beperking_huisvesting = random.pick(beperkingen);
  if (random.chance(0.1)) row.medische_bijzonderheden = random.pick(medischeBijzonderheden);
  if (random.chance(0.05)) {
    const aanvraag = facts.permitDay + random.int(1, 20);
    row.sma_aanvraag_datum = dayText(Math.min(aanvraag, facts.refDay));
    if (random.chance(0.7)) {
      row.sma_advies = random.pick([
        'Positief: gelijkvloerse woning nodig',
        'Positief: woning binnen 15 minuten van ziekenhuis',
        'Negatief: geen medische noodzaak voor aangepaste woning',
      ]);
      if (random.chance(0.7)) {
        row.sma_besluit_datum = dayText(Math.min(aanvraag + random.int(10, 40), facts.refDay));
      }
    }
  }
  if (random.chance(0.04)) {
    row.geblokkeerd = true;
    row.blokkade_reden = random.pick(blokkadeRedenen);
  }
  if (!adult) {
    if (random.chance(0.05))
      row.speciaal_onderwijs = 'Aangewezen op speciaal onderwijs (cluster 3)';
    if (random.chance(0.2)) row.onderwijs_bijzonderheden = 'Volgt onderwijs op de COA-school';
    return row;
  }
  row.opleidingsniveau = random.pick(opleidingsniveaus);
  if (random.chance(0.06)) row.opleiding = 'Inschrijfbewijs ROC: Entreeopleiding Logistiek';
  if (random.chance(0.06)) row.werk = 'Arbeidscontract 24 uur per week, productiemedewerker';
  if (random.chance(0.1)) row.eerstegraads_familie = 'Broer woont in Nederland (Rotterdam)';
  if (random.chance(0.04)) row.overige_bijzonderheden = 'Heeft een hond die mee verhuist';
  if (random.chance(0.4)) {
    row.screening_datum = dayText(Math.min(facts.permitDay - random.int(10, 60), facts.refDay));
    row.screening_beroep = random.pick(beroepen);
    row.screening_werkervaring = `${random.int(1, 20)} jaar werkervaring`;
    row.screening_opleiding = row.opleidingsniveau;
    row.screening_talen = random.some(facts.nationality.talen, 2).join(', ');
    row.matching_regio_code = facts.regio;
  }
  return row;
}

/** A vergunninghouder row; identifiers come from the sequences, the rest from the PRNG. */
export function personRow(
  random: Random,
  sequences: Sequences,
  spec: PersonSpec,
  facts: PersonFacts,
): PersonRow {
  const ids = sequences.nextPerson();
  const adult = spec.age >= 18;
  const gehuwd = spec.rol === 'partner' || (spec.rol === 'hoofdpersoon' && facts.fase !== 'fase-1');
  const knowsBsn = facts.fase !== 'fase-1' || random.chance(0.6);
  const housed = facts.housedDay;
  return {
    id: ids.id,
    v_nummer: ids.vNummer,
    bsn: knowsBsn ? ids.bsn : null,
    voornamen: spec.voornamen,
    achternaam: spec.achternaam,
    geboortedatum: dayText(birthDay(random, facts.refDay, spec.age)),
    geslacht: spec.geslacht,
    nationaliteit: facts.nationality.nationaliteit,
    etniciteit: random.pick(facts.nationality.etniciteiten),
    burgerlijke_staat: !adult
      ? 'ongehuwd'
      : spec.rol === 'partner'
        ? 'gehuwd'
        : random.pick(gehuwd ? ['gehuwd', 'ongehuwd'] : ['ongehuwd', 'gescheiden', 'onbekend']),
    telefoonnummer:
      adult && random.chance(0.85) ? `06-${random.int(10_000_000, 99_999_999)}` : null,
    iban: adult && random.chance(0.85) ? ids.iban : null,
    pasnummer: adult ? `Y${String(random.int(0, 99_999_999)).padStart(8, '0')}` : null,
    locatie_id: facts.locatieId,
    verblijfsvergunning_datum: dayText(facts.permitDay),
    plaatsingseenheid_id: facts.householdId,
    rol_in_ple: spec.rol,
    gehuisvest_op: housed === null ? null : dayText(housed),
    b12_uitschrijfkaart_op:
      housed !== null && housed + 7 <= facts.refDay ? dayText(housed + random.int(1, 7)) : null,
    ...particulars(random, adult, facts),
  };
}

export function ageOn(row: PersonRow, refDay: number): number {
  return Math.floor((refDay - Date.parse(row.geboortedatum) / 86_400_000) / 365.25);
}
