import { recordReads } from '../audit/processing-log.ts';
import type { Db } from '../db/database.ts';
import { type ProfileFacts, toProfileFacts } from '../klantprofielen/facts.ts';
import { errors } from '../errors.ts';
import { type Actor, assertCan, canSee } from '../policy/policy.ts';
import { type DataCategory, dataRights } from '../policy/rights.ts';
import {
  type Criteria,
  criteriaForLog,
  criteriumCategory,
  type CriteriumName,
} from './criteria.ts';
import {
  type HouseholdRows,
  loadHousehold,
  loadPerson,
  type PersonRow,
} from './detail-repository.ts';
import { faseDeadline, faseDurationsFrom, todayText } from './fase.ts';
import { fieldSpecs, listCategories } from './fields.ts';
import { type SearchScope, searchVergunninghouders } from './search-repository.ts';

/** The gemeenten whose people the actor may see; null for COA staff (everyone). */
export function visibleGemeenten(actor: Actor): number[] | null {
  if (actor.coaRole) return null;
  return [...new Set(actor.memberships.map((m) => m.gemeenteId))];
}

/** Where the actor may use a protected criterion: null everywhere, [] nowhere. */
function gemeentenForCriterion(actor: Actor, name: CriteriumName): number[] | null {
  const category = criteriumCategory[name];
  if (actor.coaRole) return null;
  if (!category) return visibleGemeenten(actor);
  return actor.memberships
    .filter((m) => dataRights[m.role].includes(category))
    .map((m) => m.gemeenteId);
}

/** Whether the overview offers this criterion to the actor at all. */
export function mayUseCriterion(actor: Actor, name: CriteriumName): boolean {
  const gemeenten = gemeentenForCriterion(actor, name);
  return gemeenten === null || gemeenten.length > 0;
}

function isSet(criteria: Criteria, name: CriteriumName): boolean {
  const value = criteria[name];
  return value !== undefined && value !== 'beide';
}

/**
 * Searches the vergunninghouders the actor may see. A protected criterion the actor may not
 * use at all is refused (403); one they may use in some of their gemeenten only applies there.
 */
export async function searchForActor(db: Db, actor: Actor, criteria: Criteria, traceId: string) {
  assertCan(actor, 'vergunninghouders.zoeken');
  const gemeenten = visibleGemeenten(actor);
  if (gemeenten && criteria.gemeente !== undefined && !gemeenten.includes(criteria.gemeente)) {
    throw errors.forbidden('U kunt alleen zoeken in de gemeenten waarvoor u contactpersoon bent.');
  }
  const scope: SearchScope = {
    gemeenten,
    criterionGemeenten: {},
    ownRegion: actor.coaRole === 'regievoerder' ? actor.regioCode : null,
  };
  for (const name of Object.keys(criteriumCategory) as CriteriumName[]) {
    if (!isSet(criteria, name)) continue;
    if (!mayUseCriterion(actor, name)) {
      throw errors.forbidden('U mag niet zoeken op dit criterium.');
    }
    scope.criterionGemeenten[name] = gemeentenForCriterion(actor, name);
  }

  const result = await searchVergunninghouders(db, criteria, scope);

  const logged = criteriaForLog(criteria);
  await recordReads(
    db,
    result.rows.map((row) => ({
      traceId,
      actorId: actor.id,
      activity: 'huisvesting-vergunninghouders',
      action: 'read',
      subjectType: 'vergunninghouder',
      subjectId: row.vNummer,
      details: { soort: 'zoeken', criteria: logged, resultaten: result.total },
    })),
  );
  if (result.rows.length === 0) {
    await recordReads(db, [
      {
        traceId,
        actorId: actor.id,
        activity: 'huisvesting-vergunninghouders',
        action: 'read',
        details: { soort: 'zoeken', criteria: logged, resultaten: 0 },
      },
    ]);
  }
  return result;
}

/**
 * Loads a person for the actor, or refuses: 404 when unknown, 403 (logged by the error
 * handler) when the person is not linked to one of the actor's gemeenten.
 */
export async function loadPersonInScope(db: Db, actor: Actor, vNummer: string) {
  assertCan(actor, 'vergunninghouders.zoeken');
  const person = await loadPerson(db, vNummer);
  if (!person) throw errors.notFound('Er is geen vergunninghouder met dit V-nummer.');
  const gemeenten = visibleGemeenten(actor);
  if (gemeenten && (person.gemeente_id === null || !gemeenten.includes(person.gemeente_id))) {
    throw errors.forbidden('Deze vergunninghouder is niet aan uw gemeente gekoppeld.');
  }
  return person;
}

export interface OtherPerson {
  vNummer: string;
  voornamen: string;
  achternaam: string;
  geboortedatum: string;
  geslacht: string;
  rolInPle: string;
}

/** What the actor may see of one person: only permitted keys are present at all. */
export interface PersonView {
  id: number;
  gemeenteId: number | null;
  fields: Record<string, string | number | boolean | null>;
  huurcontract?: HouseholdRows['huurcontract'] | null;
  anderePersonen?: OtherPerson[];
  koppelingHistorie?: HouseholdRows['koppelingHistorie'];
  blokkadeHistorie?: HouseholdRows['blokkadeHistorie'];
  /** Consent and sent versions, for the page's Formulieren table; not sent by the API. */
  profielen: ProfileFacts;
}

function allValues(
  p: PersonRow,
  household: HouseholdRows,
  fase: ReturnType<typeof faseDeadline>,
): Record<string, string | number | boolean | null> {
  const offer = household.voordracht;
  return {
    vNummer: p.v_nummer,
    bsn: p.bsn,
    voornamen: p.voornamen,
    achternaam: p.achternaam,
    geboortedatum: p.geboortedatum,
    geslacht: p.geslacht,
    nationaliteit: p.nationaliteit,
    etniciteit: p.etniciteit,
    burgerlijkeStaat: p.burgerlijke_staat,
    telefoonnummer: p.telefoonnummer,
    iban: p.iban,
    pasnummer: p.pasnummer,
    azc: p.locatie_naam,
    verblijfsvergunningDatum: p.verblijfsvergunning_datum,
    fase: p.fase,
    faseDeadline: fase.deadline,
    faseDagenOver: fase.dagenOver,
    gekoppeldeGemeente: p.gemeente_naam,
    regio: p.regio_naam,
    koppeldatum: p.koppeldatum,
    geblokkeerd: p.geblokkeerd,
    blokkadeReden: p.blokkade_reden,
    opleidingsniveau: p.opleidingsniveau,
    opleiding: p.opleiding,
    onderwijsBijzonderheden: p.onderwijs_bijzonderheden,
    speciaalOnderwijs: p.speciaal_onderwijs,
    werk: p.werk,
    eerstegraadsFamilie: p.eerstegraads_familie,
    gezinshereniging: p.gezinshereniging,
    overigeBijzonderheden: p.overige_bijzonderheden,
    gehuisvestOp: p.gehuisvest_op,
    b12UitschrijfkaartOp: p.b12_uitschrijfkaart_op,
    beperkingHuisvesting: p.beperking_huisvesting,
    medischeBijzonderheden: p.medische_bijzonderheden,
    smaAanvraagDatum: p.sma_aanvraag_datum,
    smaAdvies: p.sma_advies,
    smaBesluitDatum: p.sma_besluit_datum,
    ple: p.plaatsingseenheid_id,
    personenInPle: p.ple_personen,
    rolInPle: p.rol_in_ple,
    concreetWoningaanbod: offer
      ? `${offer.straat} ${offer.huisnummer}, ${offer.woonplaats} (${offer.status}, ` +
        `beschikbaar vanaf ${offer.beschikbaar_vanaf})`
      : null,
    screeningDatum: p.screening_datum,
    screeningBeroep: p.screening_beroep,
    screeningWerkervaring: p.screening_werkervaring,
    screeningOpleiding: p.screening_opleiding,
    screeningTalen: p.screening_talen,
    matchingRegio: p.matching_regio_naam,
  };
}

/** The detail of one person as the actor may see it, recorded in the processing log. */
export async function viewPerson(
  db: Db,
  actor: Actor,
  vNummer: string,
  traceId: string,
  today = todayText(),
): Promise<PersonView> {
  const person = await loadPersonInScope(db, actor, vNummer);

  const sees = (category: DataCategory) => canSee(actor, category, person.gemeente_id);
  const household = await loadHousehold(db, person, {
    housing: sees(listCategories.huurcontract),
    history: sees(listCategories.koppelingHistorie),
  });
  const durations = faseDurationsFrom(person.fase_weken);
  const fase = faseDeadline(
    {
      fase: person.fase,
      verblijfsvergunningDatum:
        person.ple_verblijfsvergunning_datum ?? person.verblijfsvergunning_datum,
      koppeldatum: person.koppeldatum,
      huurcontractDatum: household.huurcontract?.ingangsdatum ?? null,
    },
    durations,
    today,
  );
  const values = allValues(person, household, fase);
  const fields: PersonView['fields'] = {};
  for (const spec of fieldSpecs) {
    if (sees(spec.category)) fields[spec.key] = values[spec.key] ?? null;
  }
  const view: PersonView = {
    id: person.id,
    gemeenteId: person.gemeente_id,
    fields,
    profielen: toProfileFacts(person),
  };
  if (sees(listCategories.huurcontract)) view.huurcontract = household.huurcontract ?? null;
  if (sees(listCategories.anderePersonen)) {
    view.anderePersonen = household.others.map((o) => ({
      vNummer: o.v_nummer,
      voornamen: o.voornamen,
      achternaam: o.achternaam,
      geboortedatum: o.geboortedatum,
      geslacht: o.geslacht,
      rolInPle: o.rol_in_ple,
    }));
  }
  if (sees(listCategories.koppelingHistorie)) view.koppelingHistorie = household.koppelingHistorie;
  if (sees(listCategories.blokkadeHistorie)) view.blokkadeHistorie = household.blokkadeHistorie;

  // The other members shown on the page are persons seen too.
  const seen = [person.v_nummer, ...(view.anderePersonen ?? []).map((o) => o.vNummer)];
  await recordReads(
    db,
    seen.map((subjectId, i) => ({
      traceId,
      actorId: actor.id,
      activity: 'huisvesting-vergunninghouders',
      action: 'read',
      subjectType: 'vergunninghouder',
      subjectId,
      details:
        i === 0
          ? { soort: 'detail', velden: Object.keys(fields).length }
          : { soort: 'detail-andere-persoon', via: person.v_nummer },
    })),
  );
  return view;
}
