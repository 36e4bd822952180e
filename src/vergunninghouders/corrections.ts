import type { FieldKey, VergunninghouderTable } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { DATE_MESSAGE, readPlainText, validDate } from '../web/input.ts';
import { identifierErrors, isValidBsn, isValidIban, normalizeIban } from './identifiers.ts';

type Column = keyof VergunninghouderTable;
type Kind = 'text' | 'multiline' | 'date' | 'bsn' | 'iban' | 'telefoon' | 'enum';

export interface CorrectionField {
  column: Column;
  label: string;
  kind: Kind;
  required?: boolean;
  options?: readonly string[];
  /** The field notification a change of this field raises, if any. */
  changeEvent?: FieldKey;
}

export const geslachtOptions = ['man', 'vrouw'] as const;
export const burgerlijkeStaatOptions = [
  'ongehuwd',
  'gehuwd',
  'geregistreerd-partner',
  'gescheiden',
  'weduwe-weduwnaar',
  'onbekend',
] as const;

/** The fields COA staff may correct, keyed by their API name. */
export const correctionFields = {
  voornamen: { column: 'voornamen', label: 'Voornamen', kind: 'text', required: true },
  achternaam: { column: 'achternaam', label: 'Achternaam', kind: 'text', required: true },
  geboortedatum: { column: 'geboortedatum', label: 'Geboortedatum', kind: 'date', required: true },
  geslacht: {
    column: 'geslacht',
    label: 'Geslacht',
    kind: 'enum',
    required: true,
    options: geslachtOptions,
  },
  nationaliteit: { column: 'nationaliteit', label: 'Nationaliteit', kind: 'text', required: true },
  etniciteit: { column: 'etniciteit', label: 'Etniciteit', kind: 'text' },
  burgerlijkeStaat: {
    column: 'burgerlijke_staat',
    label: 'Burgerlijke staat',
    kind: 'enum',
    required: true,
    options: burgerlijkeStaatOptions,
    changeEvent: 'burgerlijke_staat',
  },
  bsn: { column: 'bsn', label: 'BSN', kind: 'bsn', changeEvent: 'bsn' },
  telefoonnummer: {
    column: 'telefoonnummer',
    label: 'Telefoonnummer',
    kind: 'telefoon',
    changeEvent: 'telefoonnummer',
  },
  iban: { column: 'iban', label: 'IBAN', kind: 'iban', changeEvent: 'iban' },
  pasnummer: { column: 'pasnummer', label: 'Pasnummer', kind: 'text', changeEvent: 'pasnummer' },
  verblijfsvergunningDatum: {
    column: 'verblijfsvergunning_datum',
    label: 'Uitgifte verblijfsvergunning',
    kind: 'date',
    required: true,
    changeEvent: 'verblijfsvergunning_datum',
  },
  opleidingsniveau: {
    column: 'opleidingsniveau',
    label: 'Opleidingsniveau',
    kind: 'text',
    changeEvent: 'opleidingsniveau',
  },
  opleiding: {
    column: 'opleiding',
    label: 'Opleiding (inschrijfbewijs)',
    kind: 'text',
    changeEvent: 'opleiding',
  },
  onderwijsBijzonderheden: {
    column: 'onderwijs_bijzonderheden',
    label: 'Onderwijs bijzonderheden',
    kind: 'multiline',
    changeEvent: 'onderwijs_bijzonderheden',
  },
  speciaalOnderwijs: {
    column: 'speciaal_onderwijs',
    label: 'Speciaal onderwijs',
    kind: 'text',
    changeEvent: 'speciaal_onderwijs',
  },
  werk: { column: 'werk', label: 'Werk (arbeidscontract)', kind: 'text', changeEvent: 'werk' },
  eerstegraadsFamilie: {
    column: 'eerstegraads_familie',
    label: 'Eerstegraads familie',
    kind: 'multiline',
    changeEvent: 'eerstegraads_familie',
  },
  gezinshereniging: {
    column: 'gezinshereniging',
    label: 'Gezinshereniging',
    kind: 'text',
    changeEvent: 'gezinshereniging',
  },
  overigeBijzonderheden: {
    column: 'overige_bijzonderheden',
    label: 'Overige bijzonderheden',
    kind: 'multiline',
    changeEvent: 'overige_bijzonderheden',
  },
  beperkingHuisvesting: {
    column: 'beperking_huisvesting',
    label: 'Beperking t.a.v. huisvesting',
    kind: 'multiline',
    changeEvent: 'beperking_huisvesting',
  },
  medischeBijzonderheden: {
    column: 'medische_bijzonderheden',
    label: 'Medische bijzonderheden',
    kind: 'multiline',
    changeEvent: 'medische_bijzonderheden',
  },
  smaAanvraagDatum: {
    column: 'sma_aanvraag_datum',
    label: 'SMA aanvraag datum',
    kind: 'date',
    changeEvent: 'sma_aanvraag_datum',
  },
  smaAdvies: { column: 'sma_advies', label: 'SMA advies', kind: 'text', changeEvent: 'sma_advies' },
  smaBesluitDatum: {
    column: 'sma_besluit_datum',
    label: 'SMA besluit datum',
    kind: 'date',
    changeEvent: 'sma_besluit_datum',
  },
} as const satisfies Record<string, CorrectionField>;

export type CorrectionKey = keyof typeof correctionFields;

/** The field spec of a key, typed as the general shape. */
export function correctionField(key: CorrectionKey): CorrectionField {
  return correctionFields[key];
}

export interface Correction {
  key: CorrectionKey;
  value: string | null;
}

function readOne(
  spec: CorrectionField,
  raw: unknown,
): { value: string | null } | { error: string } {
  if (raw !== null && typeof raw !== 'string') return { error: 'Ongeldige waarde.' };
  const value = raw === null ? '' : raw.replace(/\r\n/g, '\n').trim();
  if (value === '') return spec.required ? { error: 'Dit veld is verplicht.' } : { value: null };
  switch (spec.kind) {
    case 'text':
    case 'multiline':
      return readPlainText(value, spec.kind);
    case 'date':
      return validDate(value) ? { value } : { error: DATE_MESSAGE };
    case 'bsn':
      return isValidBsn(value) ? { value } : { error: identifierErrors.bsn };
    case 'iban':
      return isValidIban(value)
        ? { value: normalizeIban(value) }
        : { error: identifierErrors.iban };
    case 'telefoon':
      return /^\+?[0-9 ()-]{6,20}$/.test(value)
        ? { value }
        : { error: 'Vul een telefoonnummer in, bijvoorbeeld 06 12345678.' };
    case 'enum':
      return spec.options?.includes(value) ? { value } : { error: 'Kies een van de opties.' };
  }
}

/**
 * Reads the corrections present in the input; unknown keys are ignored, and any invalid value
 * refuses the whole correction with a message per field (nothing is half-saved).
 */
export function readCorrections(input: Record<string, unknown>): Correction[] {
  const corrections: Correction[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const key of Object.keys(correctionFields) as CorrectionKey[]) {
    if (!(key in input) || input[key] === undefined) continue;
    const result = readOne(correctionField(key), input[key]);
    if ('error' in result) fieldErrors[key] = result.error;
    else corrections.push({ key, value: result.value });
  }
  const aanvraag = corrections.find((c) => c.key === 'smaAanvraagDatum');
  const besluit = corrections.find((c) => c.key === 'smaBesluitDatum');
  if (besluit?.value && aanvraag && aanvraag.value === null) {
    fieldErrors.smaBesluitDatum = 'Een besluitdatum vraagt om een aanvraagdatum.';
  }
  if (Object.keys(fieldErrors).length > 0) throw errors.invalid(fieldErrors);
  return corrections;
}
