import type { BurgerlijkeStaat, Geslacht, KoppelingActie, RolInPle } from '../db/schema.ts';

export const geslachtLabels: Record<Geslacht, string> = { man: 'Man', vrouw: 'Vrouw' };

export const burgerlijkeStaatLabels: Record<BurgerlijkeStaat, string> = {
  ongehuwd: 'Ongehuwd',
  gehuwd: 'Gehuwd',
  'geregistreerd-partner': 'Geregistreerd partner',
  gescheiden: 'Gescheiden',
  'weduwe-weduwnaar': 'Weduwe / weduwnaar',
  onbekend: 'Onbekend',
};

export const rolInPleLabels: Record<RolInPle, string> = {
  hoofdpersoon: 'Hoofdpersoon',
  partner: 'Partner',
  kind: 'Kind',
  overig: 'Overig',
};

export const koppelingActieLabels: Record<KoppelingActie, string> = {
  gekoppeld: 'Gekoppeld',
  gewijzigd: 'Gewijzigd',
  ontkoppeld: 'Ontkoppeld',
  'ongedaan-gemaakt': 'Ongedaan gemaakt',
};

/** 2026-03-01 → 01-03-2026, as Dutch users read dates. */
export function dutchDate(value: string | null | undefined): string {
  if (!value) return '–';
  const [y, m, d] = value.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}

export function dutchDateTime(value: Date): string {
  return value.toLocaleString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

/** A code such as 'gehuwd' shown with its label, for the values that have one. */
export function labelOf(key: string, value: string): string {
  const maps: Record<string, Record<string, string>> = {
    geslacht: geslachtLabels,
    burgerlijkeStaat: burgerlijkeStaatLabels,
    rolInPle: rolInPleLabels,
  };
  return maps[key]?.[value] ?? value;
}
