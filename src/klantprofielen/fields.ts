/**
 * The contents of the klantprofiel and the nareisprofiel as data: every field with its place
 * in the stored content (a dotted path into the JSON), its label, its section and where its
 * value comes from. The editor, the validation, the page, the PDF and the comparison of two
 * versions all read this one list, so a field added here appears everywhere at once.
 */

export type ProfielSoort = 'klantprofiel' | 'nareisprofiel';

export type VeldKind =
  | 'text'
  | 'multiline'
  | 'janee'
  | 'date'
  | 'int'
  | 'select'
  | 'multi'
  | 'lines'
  | 'gezinsleden'
  | 'taalvaardigheid'
  | 'berekend';

/**
 * `persoon`: copied from the vergunninghouder's record when a version is sent;
 * `schrijver`: typed by the casemanager or COL-medewerker;
 * `berekend`: computed from other fields, never typed.
 */
export type VeldBron = 'persoon' | 'schrijver' | 'berekend';

export interface Option {
  value: string;
  label: string;
}

export interface ProfielVeld {
  path: string;
  label: string;
  section: string;
  subsection?: string;
  kind: VeldKind;
  bron: VeldBron;
  options?: readonly Option[];
  min?: number;
  max?: number;
  hint?: string;
}

export const TAALLES_UREN = 121;
export const KNM_UREN = 24;
/** Attending 80 % of the language lessons counts as "voldaan". */
export const VOLDAAN_UREN = Math.ceil(0.8 * TAALLES_UREN);
export const SCORE_MAX = 25;

const options = (...values: string[]): Option[] => values.map((v) => ({ value: v, label: v }));

export const niveaugroepOptions: Option[] = [
  { value: 'analfabeten', label: 'Analfabeten' },
  { value: 'laagopgeleiden', label: 'Laagopgeleiden' },
  { value: 'middelbaar-hogopgeleiden', label: 'Middelbaar/hogopgeleiden' },
];
export const knmThemaOptions: Option[] = options(
  'Inburgeringsplicht',
  'Wonen in Nederland',
  'Onderwijs in Nederland',
  'Werk en Oriëntatie Nederlandse Arbeidsmarkt (ONA)',
  'Gezondheidszorg in Nederland',
  'Democratie en rechtsstaat',
);
const toetsOptions: Option[] = options('NT2', 'alfa');
const gespreksvaardigheidOptions: Option[] = options(
  'A0',
  'A1',
  'A2',
  'B1',
  'B2',
  'Niet toetsbaar',
);
const vergunningOptions: Option[] = options(
  'Verblijfsvergunning asiel bepaalde tijd',
  'Verblijfsvergunning asiel onbepaalde tijd',
  'Verblijfsvergunning regulier (gezinshereniging)',
);

/** The band of the learnability test score. */
export function tempoVoorScore(score: number): 'langzaam' | 'gemiddeld' | 'snel' {
  if (score <= 11) return 'langzaam';
  if (score <= 18) return 'gemiddeld';
  return 'snel';
}

export const tempoLabels = {
  langzaam: 'Langzaam (score 0–11)',
  gemiddeld: 'Gemiddeld (score 12–18)',
  snel: 'Snel (score 19–25)',
} as const;

function veld(
  path: string,
  label: string,
  section: string,
  kind: VeldKind,
  bron: VeldBron,
  extra: Partial<ProfielVeld> = {},
): ProfielVeld {
  return { path, label, section, kind, bron, ...extra };
}

const persoonlijk = 'Persoonlijke gegevens';
const familie = 'Familiegegevens';
const status = 'Statusgegevens';
const voorinburgering = 'Voorinburgering';
const educatief = 'Educatieve gegevens';
const arbeid = 'Arbeidsgegevens';
const toekomst = 'Toekomst in Nederland';

const talenVeld = veld('persoonlijkeGegevens.talen', 'Talen', persoonlijk, 'lines', 'schrijver', {
  hint: 'Eén taal per regel.',
});
const onderwijsVeld = veld(
  'educatieveGegevens.onderwijs',
  'Onderwijs',
  educatief,
  'multiline',
  'schrijver',
);
const werkervaringVeld = veld(
  'arbeidsgegevens.werkervaring',
  'Werkervaring',
  arbeid,
  'multiline',
  'schrijver',
  { hint: 'In de ruime zin: ook stages, werkervaringsplekken en vrijwilligerswerk.' },
);
const ambitiesVeld = veld(
  'toekomstInNederland.ambities',
  'Ambities',
  toekomst,
  'multiline',
  'schrijver',
);

const persoonVelden = [
  veld('persoonlijkeGegevens.naam', 'Naam', persoonlijk, 'text', 'persoon'),
  veld('persoonlijkeGegevens.geboortedatum', 'Geboortedatum', persoonlijk, 'date', 'persoon'),
  veld('persoonlijkeGegevens.geslacht', 'Geslacht', persoonlijk, 'text', 'persoon'),
  veld('persoonlijkeGegevens.nationaliteit', 'Nationaliteit', persoonlijk, 'text', 'persoon'),
];

export const klantprofielVelden: readonly ProfielVeld[] = [
  ...persoonVelden,
  talenVeld,
  veld('familiegegevens.gezinsleden', 'Overige gezinsleden', familie, 'gezinsleden', 'persoon'),
  veld('familiegegevens.gezinshereniging', 'Gezinshereniging', familie, 'multiline', 'schrijver'),
  veld('statusgegevens.vNummer', 'V-nummer', status, 'text', 'persoon'),
  veld(
    'statusgegevens.verblijfsvergunningDatum',
    'Uitgifte verblijfsvergunning',
    status,
    'date',
    'persoon',
  ),
  veld(
    'statusgegevens.soortVergunning',
    'Soort verblijfsvergunning',
    status,
    'select',
    'schrijver',
    {
      options: vergunningOptions,
    },
  ),
  veld(
    'voorinburgering.instemmingDeelname.ja',
    'Instemming deelname Voorinburgering',
    voorinburgering,
    'janee',
    'schrijver',
  ),
  veld(
    'voorinburgering.instemmingDeelname.reden',
    'Reden van niet deelnemen',
    voorinburgering,
    'multiline',
    'schrijver',
    { hint: 'Verplicht als de vergunninghouder niet deelneemt.' },
  ),
  veld(
    'voorinburgering.pidMapOntvangen',
    'PID map ontvangen',
    voorinburgering,
    'janee',
    'schrijver',
  ),
  veld(
    'voorinburgering.taallessen.periode.van',
    'Periode van',
    voorinburgering,
    'date',
    'schrijver',
    {
      subsection: 'Deelname taallessen',
    },
  ),
  veld(
    'voorinburgering.taallessen.periode.tot',
    'Periode tot en met',
    voorinburgering,
    'date',
    'schrijver',
    { subsection: 'Deelname taallessen' },
  ),
  veld(
    'voorinburgering.taallessen.niveaugroep',
    'Niveaugroep',
    voorinburgering,
    'select',
    'schrijver',
    {
      subsection: 'Deelname taallessen',
      options: niveaugroepOptions,
    },
  ),
  veld(
    'voorinburgering.taallessen.urenAanwezig',
    `Uren aanwezig (van ${TAALLES_UREN})`,
    voorinburgering,
    'int',
    'schrijver',
    { subsection: 'Deelname taallessen', min: 0, max: TAALLES_UREN },
  ),
  veld(
    'voorinburgering.taallessen.resultaat',
    'Resultaat',
    voorinburgering,
    'berekend',
    'berekend',
    {
      subsection: 'Deelname taallessen',
      hint: `"Voldaan" bij ${VOLDAAN_UREN} uur of meer (80 % van ${TAALLES_UREN} uur).`,
    },
  ),
  veld(
    'voorinburgering.toetsTaalleerbaarheid.soort',
    'Toets taalleerbaarheid',
    voorinburgering,
    'select',
    'schrijver',
    { subsection: 'Toetsen', options: toetsOptions },
  ),
  veld(
    'voorinburgering.toetsTaalleerbaarheid.score',
    `Score leerbaarheidstoets (0–${SCORE_MAX})`,
    voorinburgering,
    'int',
    'schrijver',
    { subsection: 'Toetsen', min: 0, max: SCORE_MAX },
  ),
  veld(
    'voorinburgering.toetsTaalleerbaarheid.tempo',
    'Resultaat leerbaarheidstoets',
    voorinburgering,
    'berekend',
    'berekend',
    { subsection: 'Toetsen' },
  ),
  veld(
    'voorinburgering.nt2Gespreksvaardigheidstoets',
    'NT2 gespreksvaardigheidstoets',
    voorinburgering,
    'select',
    'schrijver',
    { subsection: 'Toetsen', options: gespreksvaardigheidOptions },
  ),
  veld(
    'voorinburgering.geschatOpleidingsniveau',
    'Opleidingsniveau (geschat)',
    voorinburgering,
    'text',
    'schrijver',
    { subsection: 'Toetsen' },
  ),
  veld(
    'voorinburgering.knm.urenAanwezig',
    `Uren aanwezig (van ${KNM_UREN})`,
    voorinburgering,
    'int',
    'schrijver',
    { subsection: 'Kennis Nederlandse Maatschappij (KNM)', min: 0, max: KNM_UREN },
  ),
  veld('voorinburgering.knm.themas', "Behandelde thema's", voorinburgering, 'multi', 'schrijver', {
    subsection: 'Kennis Nederlandse Maatschappij (KNM)',
    options: knmThemaOptions,
  }),
  veld(
    'educatieveGegevens.taalvaardigheid',
    'Taalvaardigheid',
    educatief,
    'taalvaardigheid',
    'schrijver',
    {
      hint: 'Eén taal per regel, met het niveau na een dubbele punt, bijvoorbeeld "Engels: goed".',
    },
  ),
  onderwijsVeld,
  veld('educatieveGegevens.contactMetUaf', 'Contact met UAF', educatief, 'janee', 'schrijver'),
  veld(
    'educatieveGegevens.idwIonWaardering',
    'IDW/ION waardering',
    educatief,
    'multiline',
    'schrijver',
  ),
  veld('arbeidsgegevens.cv', 'Curriculum vitae', arbeid, 'janee', 'schrijver'),
  werkervaringVeld,
  veld('arbeidsgegevens.zelfwerkzaamheid', 'Zelfwerkzaamheid', arbeid, 'multiline', 'schrijver'),
  veld(
    'arbeidsgegevens.overigeCompetenties',
    'Overige competenties',
    arbeid,
    'multiline',
    'schrijver',
  ),
  veld('arbeidsgegevens.computervaardigheden', 'Computervaardigheden', arbeid, 'text', 'schrijver'),
  veld(
    'arbeidsgegevens.vrijetijdsbesteding',
    "Vrijetijdsbesteding (hobby's)",
    arbeid,
    'multiline',
    'schrijver',
  ),
  ambitiesVeld,
];

export const nareisprofielVelden: readonly ProfielVeld[] = [
  veld('persoonlijkeGegevens.naam', 'Naam', persoonlijk, 'text', 'persoon'),
  veld('persoonlijkeGegevens.geboortedatum', 'Geboortedatum', persoonlijk, 'date', 'persoon'),
  veld('persoonlijkeGegevens.nationaliteit', 'Nationaliteit', persoonlijk, 'text', 'persoon'),
  talenVeld,
  onderwijsVeld,
  werkervaringVeld,
  ambitiesVeld,
];

export function veldenVan(soort: ProfielSoort): readonly ProfielVeld[] {
  return soort === 'klantprofiel' ? klantprofielVelden : nareisprofielVelden;
}

export const profielTitels: Record<ProfielSoort, string> = {
  klantprofiel: 'Klantprofiel',
  nareisprofiel: 'Nareisprofiel',
};

export const NIET_GEVERIFIEERD =
  'Niet geverifieerd: dit nareisprofiel is direct na het screeningsgesprek op de centrale ' +
  'ontvangstlocatie vastgelegd. Er was geen tijd om de gegevens te controleren.';
