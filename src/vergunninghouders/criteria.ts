import type { Fase, Geslacht } from '../db/schema.ts';
import type { DataCategory } from '../policy/rights.ts';
import { isValidBsn, isValidVNummer } from './identifiers.ts';

/** Ja, Nee or "Ja + nee" (no filter), as the overview offers for each yes/no criterion. */
export type JaNee = 'ja' | 'nee' | 'beide';

export const sortKeys = [
  'achternaam',
  'vNummer',
  'geboortedatum',
  'nationaliteit',
  'fase',
  'gemeente',
  'personen',
] as const;
export type SortKey = (typeof sortKeys)[number];

export const pageSizes = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** The yes/no criteria, in the order of the overview, with their labels. */
export const jaNeeCriteria = {
  klantprofiel: 'Klantprofiel',
  historisch: 'Historisch',
  nareisprofiel: 'Nareisprofiel',
  woningaanbod: 'Concreet woningaanbod',
  geblokkeerd: 'Geblokkeerd',
  gesprekGevoerd: 'Gesprek Gevoerd',
  sma: 'SMA',
} as const;
export type JaNeeCriterium = keyof typeof jaNeeCriteria;

/** A search of the overview: every criterion is optional except the defaults. */
export interface Criteria {
  fase?: Exclude<Fase, 'historisch'>;
  vNummer?: string;
  bsn?: string;
  azc?: number;
  ple?: number;
  nationaliteit?: string;
  gemeente?: number;
  achternaam?: string;
  etniciteit?: string;
  geslacht: Geslacht | 'beide';
  klantprofiel: JaNee;
  historisch: JaNee;
  nareisprofiel: JaNee;
  woningaanbod: JaNee;
  geblokkeerd: JaNee;
  gesprekGevoerd: JaNee;
  sma: JaNee;
  personenVan?: number;
  personenTot?: number;
  sorteer: SortKey;
  richting: 'op' | 'af';
  pagina: number;
  perPagina: number;
}

export type CriteriumName = Exclude<
  keyof Criteria,
  'sorteer' | 'richting' | 'pagina' | 'perPagina'
>;

/**
 * Criteria that reveal data of a category beyond the basic data: offered only to a role that
 * may see that category, and applied only in the gemeenten where it may.
 */
export const criteriumCategory: Partial<Record<CriteriumName, DataCategory>> = {
  bsn: 'identificatie',
  klantprofiel: 'klantprofiel',
  nareisprofiel: 'klantprofiel',
  sma: 'medisch',
  woningaanbod: 'huisvesting',
};

export const defaultCriteria: Criteria = {
  geslacht: 'beide',
  klantprofiel: 'beide',
  historisch: 'nee',
  nareisprofiel: 'beide',
  woningaanbod: 'beide',
  geblokkeerd: 'beide',
  gesprekGevoerd: 'beide',
  sma: 'beide',
  sorteer: 'achternaam',
  richting: 'op',
  pagina: 1,
  perPagina: DEFAULT_PAGE_SIZE,
};

const fasen = ['fase-1', 'fase-2', 'fase-3'] as const;
const MAX_TEXT = 100;

export interface ParsedCriteria {
  criteria: Criteria;
  /** Dutch messages per criterion that could not be read; those criteria are left out. */
  errors: Partial<Record<keyof Criteria, string>>;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * Reads the criteria from a query string (page or API alike). Unknown parameters are ignored;
 * a value that cannot be read gives a message for that criterion.
 */
export function parseCriteria(query: Record<string, unknown>): ParsedCriteria {
  const criteria: Criteria = { ...defaultCriteria };
  const errors: ParsedCriteria['errors'] = {};
  const get = (name: keyof Criteria) => text(query[name]);

  const positive = (name: keyof Criteria, max: number): number | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < 1 || n > max) {
      errors[name] = `Vul een geheel getal van 1 tot en met ${max} in.`;
      return undefined;
    }
    return n;
  };
  const choice = <T extends string>(name: keyof Criteria, allowed: readonly T[]) => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    const value = oneOf(raw, allowed);
    if (value === undefined) errors[name] = `Kies een van: ${allowed.join(', ')}.`;
    return value;
  };
  const freeText = (name: keyof Criteria) => {
    const raw = get(name);
    if (raw !== undefined && raw.length > MAX_TEXT) {
      errors[name] = `Gebruik hoogstens ${MAX_TEXT} tekens.`;
      return undefined;
    }
    return raw;
  };

  const fase = choice('fase', fasen);
  if (fase) criteria.fase = fase;

  const vNummer = get('vNummer');
  if (vNummer !== undefined) {
    if (isValidVNummer(vNummer)) criteria.vNummer = vNummer;
    else errors.vNummer = 'Een V-nummer bestaat uit 10 cijfers.';
  }
  const bsn = get('bsn');
  if (bsn !== undefined) {
    if (isValidBsn(bsn)) criteria.bsn = bsn;
    else errors.bsn = 'Dit is geen geldig BSN: 9 cijfers die voldoen aan de elfproef.';
  }

  const azc = positive('azc', 2_147_483_647);
  if (azc !== undefined) criteria.azc = azc;
  const ple = positive('ple', 2_147_483_647);
  if (ple !== undefined) criteria.ple = ple;
  const gemeente = positive('gemeente', 2_147_483_647);
  if (gemeente !== undefined) criteria.gemeente = gemeente;

  for (const name of ['nationaliteit', 'achternaam', 'etniciteit'] as const) {
    const value = freeText(name);
    if (value !== undefined) criteria[name] = value;
  }

  const geslacht = choice('geslacht', ['man', 'vrouw', 'beide'] as const);
  if (geslacht) criteria.geslacht = geslacht;
  for (const name of Object.keys(jaNeeCriteria) as JaNeeCriterium[]) {
    const value = choice(name, ['ja', 'nee', 'beide'] as const);
    if (value) criteria[name] = value;
  }

  const personenVan = positive('personenVan', 99);
  if (personenVan !== undefined) criteria.personenVan = personenVan;
  const personenTot = positive('personenTot', 99);
  if (personenTot !== undefined) criteria.personenTot = personenTot;
  if (
    criteria.personenVan !== undefined &&
    criteria.personenTot !== undefined &&
    criteria.personenVan > criteria.personenTot
  ) {
    errors.personenTot = '"Tot en met" mag niet kleiner zijn dan "van".';
    delete criteria.personenTot;
  }

  criteria.sorteer = choice('sorteer', sortKeys) ?? criteria.sorteer;
  criteria.richting = choice('richting', ['op', 'af'] as const) ?? criteria.richting;
  criteria.pagina = positive('pagina', 100_000) ?? 1;
  const per = get('perPagina');
  if (per !== undefined) {
    const size = pageSizes.find((s) => String(s) === per);
    if (size) criteria.perPagina = size;
    else errors.perPagina = `Kies ${pageSizes.join(', ')} per pagina.`;
  }
  return { criteria, errors };
}

/** The criteria that differ from the defaults, as query parameters (for links and paging). */
export function criteriaToQuery(criteria: Criteria, overrides: Partial<Criteria> = {}): string {
  const merged = { ...criteria, ...overrides };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(merged) as [
    keyof Criteria,
    string | number | undefined,
  ][]) {
    if (value === undefined || value === defaultCriteria[name]) continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Criteria whose values can identify a person: their values never go into the log. */
const identifyingCriteria: readonly CriteriumName[] = ['vNummer', 'bsn', 'achternaam', 'ple'];

/** What of a search may be logged: the criteria used, with values only where they are safe. */
export function criteriaForLog(criteria: Criteria): Record<string, unknown> {
  const logged: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(criteria) as [keyof Criteria, unknown][]) {
    if (value === undefined || value === defaultCriteria[name]) continue;
    logged[name] = identifyingCriteria.includes(name as CriteriumName) ? '(opgegeven)' : value;
  }
  return logged;
}
