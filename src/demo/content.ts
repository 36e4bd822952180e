import type { ProfielPersoon as RecordPersoon } from '../klantprofielen/content.ts';
import { knmThemaOptions, tempoVoorScore } from '../klantprofielen/fields.ts';
import type { Random } from './random.ts';
import { dayText } from './random.ts';

export const opleidingsniveaus = [
  'Geen formeel onderwijs',
  'Basisonderwijs',
  'Voortgezet onderwijs (onderbouw)',
  'Voortgezet onderwijs (afgerond)',
  'Middelbaar beroepsonderwijs',
  'Hoger beroepsonderwijs',
  'Wetenschappelijk onderwijs',
] as const;

export const beroepen = [
  'Kapper',
  'Timmerman',
  'Elektricien',
  'Kok',
  'Vrachtwagenchauffeur',
  'Lasser',
  'Verpleegkundige',
  'Leraar basisschool',
  'Boekhouder',
  'Kleermaker',
  'Automonteur',
  'Apotheekassistent',
  'Tegelzetter',
  'Bakker',
  'Software-ontwikkelaar',
  'Boer',
  'Winkelmedewerker',
  'Tandarts',
  'Civiel ingenieur',
  'Schilder',
] as const;

export const beperkingen = [
  'Gelijkvloerse woning of woning met lift (rolstoelgebruiker)',
  'Geen trappen i.v.m. hartklachten',
  'Woning nabij ziekenhuis i.v.m. nierdialyse (3x per week)',
  'Geen huisdieren in de woning i.v.m. ernstige allergie',
  'Rustige woonomgeving gewenst i.v.m. PTSS',
] as const;

export const medischeBijzonderheden = [
  'Diabetes type 2, onder behandeling van huisarts',
  'Astma, gebruikt inhalatiemedicatie',
  'Onder behandeling bij GGZ voor traumaklachten',
  'Zwangerschap, uitgerekende datum over circa 4 maanden',
  'Epilepsie, medicatie ingesteld',
  'Nierdialyse driemaal per week',
] as const;

export const blokkadeRedenen = [
  'Lopende medische behandeling; plaatsing tijdelijk niet mogelijk',
  'Gezinshereniging in procedure; wachten op aankomst gezinsleden',
  'Onderzoek naar identiteit loopt',
  'Verblijf in ziekenhuis',
] as const;

const knmThemas = knmThemaOptions.map((o) => o.value);

const ambities = [
  'Wil zo snel mogelijk Nederlands leren en daarna weer als {beroep} aan het werk.',
  'Wil een opleiding in de zorg volgen en later als verpleegkundige werken.',
  'Wil een eigen bedrijf beginnen, eerst ervaring opdoen in loondienst.',
  'Wil de kinderen een goede toekomst geven; zoekt werk in de buurt van de woning.',
  'Wil het diploma laten waarderen en verder studeren aan een hogeschool.',
  'Wil vrijwilligerswerk doen om de taal te oefenen en mensen te leren kennen.',
] as const;

const hobbies = [
  'voetbal',
  'koken',
  'tekenen',
  'wandelen',
  'lezen',
  'muziek maken',
  'fietsen leren',
  'naaien',
  'tuinieren',
  'schaken',
] as const;

/** A person as the demo's profiles need them: the record, and what the demo invents. */
export interface ProfielPersoon extends RecordPersoon {
  talen: readonly string[];
  opleidingsniveau: string;
  beroep: string;
}

export interface ProfielContext {
  random: Random;
  persoon: ProfielPersoon;
  casemanager: { naam: string; email: string };
  /** The day the first version was sent; later versions build on it. */
  startDay: number;
}

/**
 * Klantprofiel content as SPEC §4 lists it, for one version. Later versions show progress in
 * the language course and KNM; `partial` leaves the sections a casemanager had not reached yet.
 */
export function klantprofielInhoud(
  context: ProfielContext,
  versie: number,
  partial: boolean,
): Record<string, unknown> {
  const { random, persoon } = context;
  const progress = Math.min(1, 0.35 * versie + random.next() * 0.2);
  const uren = Math.min(121, Math.round(121 * progress));
  const score = random.int(4, 25);
  const niveaugroep =
    persoon.opleidingsniveau === 'Geen formeel onderwijs'
      ? 'analfabeten'
      : random.pick(['laagopgeleiden', 'middelbaar-hogopgeleiden'] as const);
  const inhoud: Record<string, unknown> = {
    persoonlijkeGegevens: {
      naam: `${persoon.voornamen} ${persoon.achternaam}`,
      geboortedatum: persoon.geboortedatum,
      geslacht: persoon.geslacht,
      nationaliteit: persoon.nationaliteit,
      talen: persoon.talen,
    },
    familiegegevens: {
      gezinsleden: persoon.gezinsleden,
      gezinshereniging: random.chance(0.2) ? 'Aanvraag nareis voor gezinsleden ingediend' : null,
    },
    statusgegevens: {
      vNummer: persoon.vNummer,
      verblijfsvergunningDatum: persoon.verblijfsvergunningDatum,
      soortVergunning: 'Verblijfsvergunning asiel bepaalde tijd',
    },
    voorinburgering: {
      instemmingDeelname: { ja: true, reden: null },
      pidMapOntvangen: random.chance(0.8),
      taallessen: {
        periode: { van: dayText(context.startDay - 90), tot: dayText(context.startDay) },
        niveaugroep,
        urenAanwezig: uren,
        urenMaximaal: 121,
        resultaat: uren >= 0.8 * 121 ? 'voldaan' : 'niet voldaan',
      },
      toetsTaalleerbaarheid: {
        soort: niveaugroep === 'analfabeten' ? 'alfa' : 'NT2',
        score,
        tempo: tempoVoorScore(score),
      },
      nt2Gespreksvaardigheidstoets: random.pick(['A0', 'A1', 'A1', 'A2'] as const),
      geschatOpleidingsniveau: persoon.opleidingsniveau,
      knm: {
        urenAanwezig: Math.min(24, Math.round(24 * progress)),
        urenMaximaal: 24,
        themas: knmThemas.slice(0, Math.max(1, Math.round(knmThemas.length * progress))),
      },
    },
    contactpersoonCoa: context.casemanager,
  };
  if (partial && versie === 1) return inhoud;
  return {
    ...inhoud,
    educatieveGegevens: {
      taalvaardigheid: persoon.talen.map((taal, index) => ({
        taal,
        niveau: index === 0 ? 'moedertaal' : random.pick(['basis', 'redelijk', 'goed'] as const),
      })),
      onderwijs: persoon.opleidingsniveau,
      contactMetUaf: persoon.opleidingsniveau.includes('onderwijs') && random.chance(0.3),
      idwIonWaardering: random.chance(0.15) ? 'Diploma gewaardeerd op hbo-bachelorniveau' : null,
    },
    arbeidsgegevens: {
      cv: random.chance(0.6),
      werkervaring: `${random.int(1, 15)} jaar als ${persoon.beroep.toLowerCase()}`,
      zelfwerkzaamheid: random.pick([
        'Helpt mee in de keuken van de locatie',
        'Vrijwilliger bij de fietsenwerkplaats',
        'Schoonmaakwerkzaamheden op de locatie',
        'Tolk voor medebewoners',
      ]),
      overigeCompetenties: 'Zelfstandig, leergierig, werkt graag in een team',
      computervaardigheden: random.pick(['Geen', 'Basis (smartphone)', 'Goed (Office)']),
      vrijetijdsbesteding: random.some(hobbies, 2).join(', '),
    },
    toekomstInNederland: {
      ambities: random.pick(ambities).replace('{beroep}', persoon.beroep.toLowerCase()),
    },
  };
}

/** The nareisprofiel: a subset taken at the COL, explicitly not verified. */
export function nareisprofielInhoud(
  persoon: ProfielPersoon,
  random: Random,
  medewerker: { naam: string; email: string },
): Record<string, unknown> {
  return {
    geverifieerd: false,
    persoonlijkeGegevens: {
      naam: `${persoon.voornamen} ${persoon.achternaam}`,
      geboortedatum: persoon.geboortedatum,
      nationaliteit: persoon.nationaliteit,
      talen: persoon.talen,
    },
    educatieveGegevens: { onderwijs: persoon.opleidingsniveau },
    arbeidsgegevens: {
      werkervaring: `${random.int(0, 10)} jaar als ${persoon.beroep.toLowerCase()}`,
    },
    toekomstInNederland: { ambities: random.pick(ambities).replace('{beroep}', 'vakkracht') },
    contactpersoonCoa: medewerker,
  };
}
