import type { EventKey, FieldKey } from '../db/schema.ts';
import type { DataCategory } from '../policy/rights.ts';

/**
 * What a contact person can choose to hear about: event notifications and field
 * notifications (Veldnotificaties), each with the data category a role needs to be told of
 * it. A choice the role may not see is not offered, and nothing is sent about it.
 */

export interface Choice<K extends string> {
  key: K;
  label: string;
  category: DataCategory;
}

export const eventChoices: readonly Choice<EventKey>[] = [
  {
    key: 'b12-beschikbaar',
    label: 'B12 uitschrijfkaart is beschikbaar',
    category: 'basisgegevens',
  },
  {
    key: 'bericht-regievoerder',
    label: 'Bericht van regievoerder aan gemeente',
    category: 'basisgegevens',
  },
  { key: 'overschrijding-fase-2', label: 'Overschrijding fase 2', category: 'basisgegevens' },
  {
    key: 'gekoppeld',
    label: 'Vergunninghouder is gekoppeld aan uw gemeente',
    category: 'basisgegevens',
  },
  { key: 'woningcheck', label: 'Woningcheck', category: 'basisgegevens' },
  { key: 'klantprofiel', label: 'Klantprofiel', category: 'klantprofiel' },
  { key: 'nareisprofiel', label: 'Nareisprofiel', category: 'klantprofiel' },
];

/**
 * Field notifications. "Beperking t.a.v. huisvesting" is one field with its old and new value
 * in the message, so the seed's "(nieuw)" and "(oud)" are one choice here.
 */
export const fieldChoices: readonly Choice<FieldKey>[] = [
  {
    key: 'beperking_huisvesting',
    label: 'Beperking t.a.v. huisvesting (nieuw en oud)',
    category: 'beperking-huisvesting',
  },
  { key: 'bsn', label: 'BSN', category: 'identificatie' },
  { key: 'burgerlijke_staat', label: 'Burgerlijke staat', category: 'basisgegevens' },
  { key: 'eerstegraads_familie', label: 'Eerstegraads familie', category: 'basisgegevens' },
  { key: 'gezinshereniging', label: 'Gezinshereniging', category: 'basisgegevens' },
  { key: 'iban', label: 'IBAN', category: 'identificatie' },
  { key: 'medische_bijzonderheden', label: 'Medische bijzonderheden', category: 'medisch' },
  { key: 'onderwijs_bijzonderheden', label: 'Onderwijs bijzonderheden', category: 'basisgegevens' },
  { key: 'opleiding', label: 'Opleiding (inschrijfbewijs)', category: 'basisgegevens' },
  { key: 'opleidingsniveau', label: 'Opleidingsniveau', category: 'basisgegevens' },
  { key: 'overige_bijzonderheden', label: 'Overige bijzonderheden', category: 'basisgegevens' },
  { key: 'pasnummer', label: 'Pasnummer', category: 'identificatie' },
  { key: 'sma_aanvraag_datum', label: 'SMA aanvraag datum', category: 'medisch' },
  { key: 'sma_advies', label: 'SMA advies', category: 'medisch' },
  { key: 'sma_besluit_datum', label: 'SMA besluit datum', category: 'medisch' },
  { key: 'speciaal_onderwijs', label: 'Speciaal onderwijs', category: 'basisgegevens' },
  { key: 'telefoonnummer', label: 'Telefoonnummer', category: 'identificatie' },
  {
    key: 'toestemming',
    label: 'Toestemming overdracht nareis-/klantprofiel',
    category: 'klantprofiel',
  },
  {
    key: 'verblijfsvergunning_datum',
    label: 'Uitgifte verblijfsvergunning',
    category: 'basisgegevens',
  },
  { key: 'werk', label: 'Werk (arbeidscontract)', category: 'basisgegevens' },
];

export function choiceLabel(kind: 'event' | 'field', key: string): string {
  const list: readonly Choice<string>[] = kind === 'event' ? eventChoices : fieldChoices;
  return list.find((c) => c.key === key)?.label ?? key;
}

export function choiceCategory(kind: 'event' | 'field', key: string): DataCategory | undefined {
  const list: readonly Choice<string>[] = kind === 'event' ? eventChoices : fieldChoices;
  return list.find((c) => c.key === key)?.category;
}
