import type { CoaRole, ContactRole } from '../db/schema.ts';

export type Role = CoaRole | ContactRole;

export const coaRoles: readonly CoaRole[] = [
  'coa-beheerder',
  'regievoerder',
  'casemanager',
  'col-medewerker',
];
export const contactRoles: readonly ContactRole[] = [
  'gemeente',
  'corporatie',
  'sociale-dienst',
  'vluchtelingenwerk',
];
export const allRoles: readonly Role[] = [...coaRoles, ...contactRoles];

/** How each role is written for people. */
export const roleLabels: Record<Role, string> = {
  'coa-beheerder': 'COA-beheerder',
  regievoerder: 'Regievoerder',
  casemanager: 'Casemanager',
  'col-medewerker': 'COL-medewerker',
  gemeente: 'Gemeente',
  corporatie: 'Corporatie',
  'sociale-dienst': 'Sociale Dienst',
  vluchtelingenwerk: 'Vluchtelingenwerk',
};

/**
 * Categories of personal data about a vergunninghouder. A contact person sees a category only
 * when their role in the linked gemeente has it; every field belongs to exactly one category.
 */
export type DataCategory =
  | 'basisgegevens'
  | 'identificatie'
  | 'beperking-huisvesting'
  | 'medisch'
  | 'klantprofiel'
  | 'formulieren'
  | 'huisvesting'
  | 'screening-matching'
  | 'coa-intern';

export const dataCategoryLabels: Record<DataCategory, string> = {
  basisgegevens: 'Basisgegevens, koppeling, plaatsingseenheid en plaatsingskenmerken',
  identificatie: 'BSN, IBAN, pasnummer en telefoonnummer',
  'beperking-huisvesting': 'Beperking t.a.v. huisvesting',
  medisch: 'Medische bijzonderheden en SMA',
  klantprofiel: 'Klantprofiel en nareisprofiel (alleen met toestemming)',
  formulieren: 'Informatieformulier en Inkomstenverklaring',
  huisvesting: 'Informatieformulier Huisvesting, woningaanbod, voordracht en huurcontract',
  'screening-matching': 'Screening & Matching',
  'coa-intern': 'Interne COA-gegevens: redenen van blokkade en koppelingshistorie',
};

const everyCategory: readonly DataCategory[] = Object.keys(dataCategoryLabels) as DataCategory[];

/** Which data categories each role may see. COA staff work with all of it. */
export const dataRights: Record<Role, readonly DataCategory[]> = {
  'coa-beheerder': everyCategory,
  regievoerder: everyCategory,
  casemanager: everyCategory,
  'col-medewerker': everyCategory,
  gemeente: everyCategory.filter((category) => category !== 'coa-intern'),
  corporatie: ['basisgegevens', 'beperking-huisvesting', 'huisvesting'],
  'sociale-dienst': [
    'basisgegevens',
    'identificatie',
    'klantprofiel',
    'formulieren',
    'screening-matching',
  ],
  vluchtelingenwerk: ['basisgegevens', 'klantprofiel', 'screening-matching'],
};

/** Things a user can do, apart from reading personal data (see dataRights). */
export type Action =
  | 'startpagina.bekijken'
  | 'welkomsttekst.wijzigen'
  | 'profiel.bekijken'
  | 'contactpersonen.beheren'
  | 'vergunninghouders.zoeken'
  | 'koppeling.beheren'
  | 'vergunninghouder.blokkeren'
  | 'vergunninghouder.corrigeren'
  | 'toestemming.vastleggen'
  | 'klantprofiel.schrijven'
  | 'nareisprofiel.schrijven'
  | 'berichten.lezen'
  | 'bericht.schrijven'
  | 'bericht.beantwoorden'
  | 'woningcheck.vastleggen'
  | 'woningaanbod.registreren'
  | 'voordracht.doen'
  | 'voordracht.beoordelen'
  | 'huurcontract.vastleggen'
  | 'taakstelling.bekijken'
  | 'taakstelling.beheren'
  | 'rapportage.bekijken'
  | 'beheer.openen'
  | 'verwerkingslog.bekijken';

const everyone = allRoles;
const coa = coaRoles;

/** Who may do what, as data: change a line here and pages and API follow. */
export const actionRights: Record<Action, readonly Role[]> = {
  'startpagina.bekijken': everyone,
  'welkomsttekst.wijzigen': ['coa-beheerder'],
  'profiel.bekijken': everyone,
  'contactpersonen.beheren': ['coa-beheerder', 'gemeente'],
  'vergunninghouders.zoeken': everyone,
  'koppeling.beheren': ['regievoerder'],
  'vergunninghouder.blokkeren': ['regievoerder'],
  'vergunninghouder.corrigeren': ['coa-beheerder', 'regievoerder', 'casemanager'],
  'toestemming.vastleggen': ['casemanager', 'col-medewerker'],
  'klantprofiel.schrijven': ['casemanager'],
  'nareisprofiel.schrijven': ['col-medewerker'],
  'berichten.lezen': [
    'regievoerder',
    'gemeente',
    'corporatie',
    'sociale-dienst',
    'vluchtelingenwerk',
  ],
  'bericht.schrijven': ['regievoerder'],
  'bericht.beantwoorden': ['gemeente', 'corporatie', 'sociale-dienst', 'vluchtelingenwerk'],
  'woningcheck.vastleggen': ['gemeente'],
  'woningaanbod.registreren': ['gemeente', 'corporatie'],
  'voordracht.doen': ['regievoerder'],
  'voordracht.beoordelen': ['gemeente', 'corporatie'],
  'huurcontract.vastleggen': ['gemeente', 'corporatie'],
  'taakstelling.bekijken': [...coa, 'gemeente'],
  'taakstelling.beheren': ['coa-beheerder'],
  'rapportage.bekijken': [...coa, 'gemeente'],
  'beheer.openen': ['coa-beheerder'],
  'verwerkingslog.bekijken': ['coa-beheerder'],
};
