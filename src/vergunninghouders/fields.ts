import type { DataCategory } from '../policy/rights.ts';

/** The sections of the detail page, in order, with their headings. */
export const sections = {
  basisgegevens: 'Basisgegevens',
  koppelinggegevens: 'Koppelinggegevens',
  overige: 'Overige gegevens',
  plaatsingskenmerken: 'Plaatsingskenmerken',
  plaatsingseenheid: 'Plaatsingseenheid + downloads',
  huurcontract: 'Huurcontract',
  screening: 'Screening & Matching',
  anderePersonen: 'Andere personen in deze plaatsingseenheid',
} as const;
export type SectionId = keyof typeof sections;

export type FieldKind = 'text' | 'date' | 'boolean' | 'number' | 'multiline';

export interface FieldSpec {
  /** Property name in the API and the detail data. */
  key: string;
  label: string;
  section: SectionId;
  category: DataCategory;
  kind: FieldKind;
}

function f(
  key: string,
  label: string,
  section: SectionId,
  category: DataCategory,
  kind: FieldKind = 'text',
): FieldSpec {
  return { key, label, section, category, kind };
}

/**
 * Every single-valued field of a vergunninghouder that the detail page and API show, with the
 * data category that decides who sees it. A field outside a role's categories is never sent.
 */
export const fieldSpecs: readonly FieldSpec[] = [
  f('vNummer', 'V-nummer', 'basisgegevens', 'basisgegevens'),
  f('bsn', 'BSN', 'basisgegevens', 'identificatie'),
  f('voornamen', 'Voornamen', 'basisgegevens', 'basisgegevens'),
  f('achternaam', 'Achternaam', 'basisgegevens', 'basisgegevens'),
  f('geboortedatum', 'Geboortedatum', 'basisgegevens', 'basisgegevens', 'date'),
  f('geslacht', 'Geslacht', 'basisgegevens', 'basisgegevens'),
  f('nationaliteit', 'Nationaliteit', 'basisgegevens', 'basisgegevens'),
  f('etniciteit', 'Etniciteit', 'basisgegevens', 'basisgegevens'),
  f('burgerlijkeStaat', 'Burgerlijke staat', 'basisgegevens', 'basisgegevens'),
  f('telefoonnummer', 'Telefoonnummer', 'basisgegevens', 'identificatie'),
  f('iban', 'IBAN', 'basisgegevens', 'identificatie'),
  f('pasnummer', 'Pasnummer', 'basisgegevens', 'identificatie'),
  f('azc', 'AZC', 'basisgegevens', 'basisgegevens'),
  f(
    'verblijfsvergunningDatum',
    'Uitgifte verblijfsvergunning',
    'basisgegevens',
    'basisgegevens',
    'date',
  ),

  f('fase', 'Fase', 'koppelinggegevens', 'basisgegevens'),
  f('faseDeadline', 'Uiterste datum fase', 'koppelinggegevens', 'basisgegevens', 'date'),
  f('faseDagenOver', 'Resterende dagen', 'koppelinggegevens', 'basisgegevens', 'number'),
  f('gekoppeldeGemeente', 'Gekoppelde gemeente', 'koppelinggegevens', 'basisgegevens'),
  f('regio', 'Uitplaatsingsregio', 'koppelinggegevens', 'basisgegevens'),
  f('koppeldatum', 'Koppeldatum', 'koppelinggegevens', 'basisgegevens', 'date'),
  f('geblokkeerd', 'Geblokkeerd', 'koppelinggegevens', 'basisgegevens', 'boolean'),
  f('blokkadeReden', 'Reden blokkade', 'koppelinggegevens', 'coa-intern'),

  f('opleidingsniveau', 'Opleidingsniveau', 'overige', 'basisgegevens'),
  f('opleiding', 'Opleiding (inschrijfbewijs)', 'overige', 'basisgegevens'),
  f('onderwijsBijzonderheden', 'Onderwijs bijzonderheden', 'overige', 'basisgegevens', 'multiline'),
  f('speciaalOnderwijs', 'Speciaal onderwijs', 'overige', 'basisgegevens'),
  f('werk', 'Werk (arbeidscontract)', 'overige', 'basisgegevens'),
  f('eerstegraadsFamilie', 'Eerstegraads familie', 'overige', 'basisgegevens', 'multiline'),
  f('gezinshereniging', 'Gezinshereniging', 'overige', 'basisgegevens'),
  f('overigeBijzonderheden', 'Overige bijzonderheden', 'overige', 'basisgegevens', 'multiline'),
  f('gehuisvestOp', 'Gehuisvest op', 'overige', 'basisgegevens', 'date'),
  f(
    'b12UitschrijfkaartOp',
    'B12 uitschrijfkaart beschikbaar sinds',
    'overige',
    'basisgegevens',
    'date',
  ),

  f(
    'beperkingHuisvesting',
    'Beperking t.a.v. huisvesting',
    'plaatsingskenmerken',
    'beperking-huisvesting',
    'multiline',
  ),
  f(
    'medischeBijzonderheden',
    'Medische bijzonderheden',
    'plaatsingskenmerken',
    'medisch',
    'multiline',
  ),
  f('smaAanvraagDatum', 'SMA aanvraag datum', 'plaatsingskenmerken', 'medisch', 'date'),
  f('smaAdvies', 'SMA advies', 'plaatsingskenmerken', 'medisch'),
  f('smaBesluitDatum', 'SMA besluit datum', 'plaatsingskenmerken', 'medisch', 'date'),

  f('ple', 'PLE', 'plaatsingseenheid', 'basisgegevens', 'number'),
  f('personenInPle', 'Personen in PLE', 'plaatsingseenheid', 'basisgegevens', 'number'),
  f('rolInPle', 'Rol in de plaatsingseenheid', 'plaatsingseenheid', 'basisgegevens'),
  f('concreetWoningaanbod', 'Concreet woningaanbod', 'plaatsingseenheid', 'huisvesting'),

  f('screeningDatum', 'Datum screening', 'screening', 'screening-matching', 'date'),
  f('screeningBeroep', 'Beroep', 'screening', 'screening-matching'),
  f('screeningWerkervaring', 'Werkervaring', 'screening', 'screening-matching', 'multiline'),
  f('screeningOpleiding', 'Opleiding', 'screening', 'screening-matching'),
  f('screeningTalen', 'Talen', 'screening', 'screening-matching'),
  f('matchingRegio', 'Matching regio', 'screening', 'screening-matching'),
];

/** Lists that belong to a section as a whole, with the category that decides who sees them. */
export const listCategories = {
  huurcontract: 'huisvesting',
  koppelingHistorie: 'coa-intern',
  blokkadeHistorie: 'coa-intern',
  anderePersonen: 'basisgegevens',
} as const satisfies Record<string, DataCategory>;
