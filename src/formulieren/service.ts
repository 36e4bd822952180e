import { sql } from 'kysely';

import { recordReads } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import type { DocumentField, HouseholdDocument } from '../documents/model.ts';
import { errors } from '../errors.ts';
import type { ProfileFacts } from '../klantprofielen/facts.ts';
import { availability, type Beschikbaarheid } from '../klantprofielen/service.ts';
import { type Actor, can, canSee } from '../policy/policy.ts';
import type { DataCategory } from '../policy/rights.ts';
import { faseLabels } from '../vergunninghouders/fase.ts';
import {
  burgerlijkeStaatLabels,
  dutchDate,
  geslachtLabels,
  rolInPleLabels,
} from '../vergunninghouders/labels.ts';
import { loadPersonInScope } from '../vergunninghouders/service.ts';

/**
 * The forms of a plaatsingseenheid: the Informatieformulier and Inkomstenverklaring (Word),
 * the Informatieformulier Huisvesting (a page) and the profiles, each generated on request
 * from the current data, only for readers whose role has that data, and logged per person.
 */

export type Formulier = 'informatieformulier' | 'inkomstenverklaring' | 'huisvesting';

const formCategory: Record<Formulier, DataCategory> = {
  informatieformulier: 'formulieren',
  inkomstenverklaring: 'formulieren',
  huisvesting: 'huisvesting',
};

export interface FormulierenData {
  informatieformulier: boolean;
  inkomstenverklaring: boolean;
  huisvesting: boolean;
  klantprofiel: Beschikbaarheid | null;
  nareisprofiel: Beschikbaarheid | null;
  /** Links for COA staff who write a profile of this person. */
  bewerken: { klantprofiel: boolean; nareisprofiel: boolean };
}

/** Which forms the actor sees in the Formulieren table of a person's detail page. */
export function formulierenFor(
  actor: Actor,
  person: { id: number; gemeenteId: number | null; profielen: ProfileFacts },
): FormulierenData {
  const sees = (category: DataCategory) => canSee(actor, category, person.gemeenteId);
  const facts = person.profielen;
  const profiles = sees('klantprofiel');
  const klantprofiel = profiles ? availability(actor, facts, 'klantprofiel') : null;
  const nareisprofiel = profiles ? availability(actor, facts, 'nareisprofiel') : null;
  const atOwnLocation = facts.locatieId !== null && actor.locatieIds.includes(facts.locatieId);
  return {
    informatieformulier: sees('formulieren'),
    inkomstenverklaring: sees('formulieren'),
    huisvesting: sees('huisvesting'),
    klantprofiel,
    // A nareisprofiel is listed only when there is one to show.
    nareisprofiel: nareisprofiel && nareisprofiel.versies.length > 0 ? nareisprofiel : null,
    bewerken: {
      klantprofiel: atOwnLocation && can(actor, 'klantprofiel.schrijven'),
      nareisprofiel: atOwnLocation && facts.nareiziger && can(actor, 'nareisprofiel.schrijven'),
    },
  };
}

async function householdRows(db: Db, ple: number) {
  return db
    .selectFrom('vergunninghouder as v')
    .leftJoin('locatie as l', 'l.id', 'v.locatie_id')
    .select([
      'v.id',
      'v.v_nummer',
      'v.bsn',
      'v.voornamen',
      'v.achternaam',
      'v.geboortedatum',
      'v.geslacht',
      'v.nationaliteit',
      'v.burgerlijke_staat',
      'v.telefoonnummer',
      'v.iban',
      'v.pasnummer',
      'v.rol_in_ple',
      'v.verblijfsvergunning_datum',
      'v.opleidingsniveau',
      'v.werk',
      'v.gezinshereniging',
      'v.beperking_huisvesting',
      'v.gehuisvest_op',
      'l.naam as locatie',
    ])
    .where('v.plaatsingseenheid_id', '=', ple)
    .orderBy(sql`v.rol_in_ple = 'hoofdpersoon'`, 'desc')
    .orderBy('v.geboortedatum')
    .execute();
}

type Member = Awaited<ReturnType<typeof householdRows>>[number];

/** Loads a form's household for the actor: in scope, with the form's data category. */
async function loadForForm(
  db: Db,
  actor: Actor,
  vNummer: string,
  form: Formulier,
  traceId: string,
) {
  const person = await loadPersonInScope(db, actor, vNummer);
  if (!canSee(actor, formCategory[form], person.gemeente_id)) {
    throw errors.forbidden('U mag dit formulier niet inzien.');
  }
  const members = await householdRows(db, person.plaatsingseenheid_id);
  await recordReads(
    db,
    members.map((m) => ({
      traceId,
      actorId: actor.id,
      activity: 'huisvesting-vergunninghouders',
      action: form === 'huisvesting' ? 'read' : 'export',
      subjectType: 'vergunninghouder',
      subjectId: m.v_nummer,
      details: { soort: 'formulier', formulier: form },
    })),
  );
  const sees = (category: DataCategory) => canSee(actor, category, person.gemeente_id);
  return { person, members, sees };
}

const value = (text: string | null | undefined) => text ?? '';
const naam = (m: Member) => `${m.voornamen} ${m.achternaam}`;

async function issuer(db: Db, locatieId: number | null) {
  const staff =
    locatieId === null
      ? undefined
      : await db
          .selectFrom('account_locatie as al')
          .innerJoin('account as a', 'a.id', 'al.account_id')
          .innerJoin('locatie as l', 'l.id', 'al.locatie_id')
          .select(['a.name', 'a.email', 'l.naam as locatie'])
          .where('al.locatie_id', '=', locatieId)
          .where('a.coa_role', '=', 'casemanager')
          .where('a.removed_at', 'is', null)
          .orderBy('a.id')
          .limit(1)
          .executeTakeFirst();
  return staff
    ? { naam: `${staff.name}, casemanager COA ${staff.locatie}`, email: staff.email }
    : { naam: 'COA', email: 'FMUitstroomondersteuning@coa.nl' };
}

/** The Informatieformulier or Inkomstenverklaring of the person's household, with current data. */
export async function householdDocument(
  db: Db,
  actor: Actor,
  vNummer: string,
  form: 'informatieformulier' | 'inkomstenverklaring',
  traceId: string,
): Promise<{ document: HouseholdDocument; vNummer: string }> {
  const { person, members, sees } = await loadForForm(db, actor, vNummer, form, traceId);
  const identificatie = sees('identificatie');
  const household: DocumentField[] = [
    { label: 'Gekoppelde gemeente', value: value(person.gemeente_naam) },
    { label: 'Koppeldatum', value: person.koppeldatum ? dutchDate(person.koppeldatum) : '' },
    { label: 'Locatie (AZC)', value: value(person.locatie_naam) },
    { label: 'Personen in PLE', value: String(members.length) },
  ];
  if (form === 'informatieformulier') {
    household.push({ label: 'Fase', value: faseLabels[person.fase] });
  } else {
    household.push({
      label: 'Verblijf in de opvang tot',
      value: person.gehuisvest_op ? dutchDate(person.gehuisvest_op) : 'Nog in de opvang',
    });
  }
  const persons = members.map((m) => {
    const fields: DocumentField[] = [
      { label: 'V-nummer', value: m.v_nummer },
      ...(identificatie ? [{ label: 'BSN', value: value(m.bsn) }] : []),
      { label: 'Geboortedatum', value: dutchDate(m.geboortedatum) },
      { label: 'Geslacht', value: geslachtLabels[m.geslacht] },
      { label: 'Nationaliteit', value: m.nationaliteit },
      { label: 'Rol in plaatsingseenheid', value: rolInPleLabels[m.rol_in_ple] },
    ];
    if (form === 'informatieformulier') {
      fields.push(
        { label: 'Burgerlijke staat', value: burgerlijkeStaatLabels[m.burgerlijke_staat] },
        ...(identificatie
          ? [
              { label: 'Telefoonnummer', value: value(m.telefoonnummer) },
              { label: 'IBAN', value: value(m.iban) },
              { label: 'Pasnummer', value: value(m.pasnummer) },
            ]
          : []),
        { label: 'Uitgifte verblijfsvergunning', value: dutchDate(m.verblijfsvergunning_datum) },
        { label: 'Opleidingsniveau', value: value(m.opleidingsniveau) },
        { label: 'Werk (arbeidscontract)', value: value(m.werk) },
        { label: 'Gezinshereniging', value: value(m.gezinshereniging) },
      );
    } else if (identificatie) {
      fields.push({ label: 'IBAN', value: value(m.iban) });
    }
    return { naam: naam(m), fields };
  });
  const document: HouseholdDocument =
    form === 'informatieformulier'
      ? {
          title: 'Informatieformulier',
          introduction:
            'Dit is het informatieformulier voor de gemeente: de gegevens van de plaatsingseenheid ' +
            'zoals ze op dit moment in TVS staan.',
          household,
          persons,
          closing: [
            'Wijzigt er iets in deze gegevens, dan ziet u dat in TVS. Download dit formulier opnieuw ' +
              'voor de actuele stand.',
          ],
          issuedBy: await issuer(db, person.locatie_id),
          generatedAt: new Date(),
        }
      : {
          title: 'Inkomstenverklaring',
          introduction:
            'Met deze verklaring informeert het COA de gemeente over het inkomen van de ' +
            'plaatsingseenheid tijdens het verblijf in de opvang.',
          household,
          persons,
          closing: [
            'Tijdens het verblijf in de opvang ontvangen de personen van deze plaatsingseenheid ' +
              'van het COA de verstrekkingen op grond van de Regeling verstrekkingen asielzoekers ' +
              'en andere categorieën vreemdelingen (Rva 2005).',
            'Deze verstrekkingen eindigen op de dag waarop de plaatsingseenheid de opvanglocatie ' +
              'verlaat. Wij vragen de gemeente hiermee rekening te houden bij de ingangsdatum van ' +
              'een uitkering op grond van de Participatiewet (bijstand).',
          ],
          issuedBy: await issuer(db, person.locatie_id),
          generatedAt: new Date(),
        };
  return { document, vNummer: person.v_nummer };
}

/** The Informatieformulier Huisvesting: the household and what its housing needs. */
export async function huisvestingView(db: Db, actor: Actor, vNummer: string, traceId: string) {
  const { person, members, sees } = await loadForForm(db, actor, vNummer, 'huisvesting', traceId);
  const ple = person.plaatsingseenheid_id;
  const [nareizigers, huurcontract, voordracht] = await Promise.all([
    db
      .selectFrom('nareiziger as n')
      .innerJoin('vergunninghouder as r', 'r.id', 'n.referent_id')
      .select(['n.relatie', 'n.geboortedatum', 'n.mvv_stap', 'n.verwachte_aankomst'])
      .where('r.plaatsingseenheid_id', '=', ple)
      .where('n.vergunninghouder_id', 'is', null)
      .where('n.mvv_stap', 'not in', ['mvv-afgewezen', 'ingereisd'])
      .orderBy('n.geboortedatum')
      .execute(),
    db
      .selectFrom('huurcontract')
      .select(['corporatie', 'straat', 'huisnummer', 'postcode', 'woonplaats', 'ingangsdatum'])
      .where('plaatsingseenheid_id', '=', ple)
      .executeTakeFirst(),
    db
      .selectFrom('voordracht as d')
      .innerJoin('woningaanbod as w', 'w.id', 'd.woningaanbod_id')
      .select([
        'd.status',
        'w.straat',
        'w.huisnummer',
        'w.woonplaats',
        'w.kamers',
        'w.beschikbaar_vanaf',
      ])
      .where('d.plaatsingseenheid_id', '=', ple)
      .where('d.status', 'in', ['voorgesteld', 'geaccepteerd'])
      .orderBy('d.proposed_at', 'desc')
      .executeTakeFirst(),
  ]);
  const beperking = sees('beperking-huisvesting');
  return {
    vNummer: person.v_nummer,
    naam: `${person.voornamen} ${person.achternaam}`,
    gemeente: person.gemeente_naam,
    koppeldatum: person.koppeldatum,
    locatie: person.locatie_naam,
    members: members.map((m) => ({
      vNummer: m.v_nummer,
      naam: naam(m),
      geboortedatum: m.geboortedatum,
      geslacht: m.geslacht,
      rol: m.rol_in_ple,
      ...(beperking ? { beperkingHuisvesting: m.beperking_huisvesting } : {}),
    })),
    toonBeperking: beperking,
    nareizigers,
    huurcontract: huurcontract ?? null,
    voordracht: voordracht ?? null,
  };
}

export type HuisvestingView = Awaited<ReturnType<typeof huisvestingView>>;
