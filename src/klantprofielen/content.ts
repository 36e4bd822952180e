import type { DocumentField, DocumentSection } from '../documents/model.ts';
import { errors } from '../errors.ts';
import { DATE_MESSAGE, readPlainText, validDate } from '../web/input.ts';
import { dutchDate, geslachtLabels, rolInPleLabels } from '../vergunninghouders/labels.ts';
import {
  KNM_UREN,
  type ProfielSoort,
  type ProfielVeld,
  TAALLES_UREN,
  tempoLabels,
  tempoVoorScore,
  veldenVan,
  VOLDAAN_UREN,
} from './fields.ts';

/** A profile's content as stored: nested JSON whose leaves the field list names by path. */
export type Inhoud = Record<string, unknown>;

export function getPath(inhoud: Inhoud, path: string): unknown {
  let value: unknown = inhoud;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setPath(inhoud: Inhoud, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = inhoud;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Inhoud;
  }
  node[keys[keys.length - 1] as string] = value;
}

const MAX_LINES = 20;

type Read = { value: unknown } | { error: string };

function text(raw: unknown): string | null {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string') return null;
  return raw.replace(/\r\n/g, '\n').trim();
}

function lines(raw: unknown): string[] | null {
  if (Array.isArray(raw)) {
    return raw.every((l) => typeof l === 'string')
      ? raw.map((l) => l.trim()).filter(Boolean)
      : null;
  }
  const value = text(raw);
  if (value === null) return null;
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function readTaalvaardigheid(raw: unknown): Read {
  const message =
    'Schrijf per regel een taal en het niveau, gescheiden door een dubbele punt, bijvoorbeeld "Engels: goed".';
  if (Array.isArray(raw) && raw.every((r) => r !== null && typeof r === 'object')) {
    const rows = raw as { taal?: unknown; niveau?: unknown }[];
    const valid = rows.every(
      (r) => typeof r.taal === 'string' && r.taal.trim() && typeof r.niveau === 'string',
    );
    if (!valid) return { error: message };
    const value = rows.map((r) => ({
      taal: String(r.taal).trim(),
      niveau: String(r.niveau).trim(),
    }));
    return value.length > MAX_LINES ? { error: `Hoogstens ${MAX_LINES} talen.` } : { value };
  }
  const list = lines(raw);
  if (list === null) return { error: message };
  const value: { taal: string; niveau: string }[] = [];
  for (const line of list) {
    const match = /^([^:]{1,60}):\s*(.{1,60})$/.exec(line);
    if (!match) return { error: message };
    value.push({ taal: (match[1] ?? '').trim(), niveau: (match[2] ?? '').trim() });
  }
  return value.length > MAX_LINES ? { error: `Hoogstens ${MAX_LINES} talen.` } : { value };
}

/** Reads one typed field; an empty input is `null` (not filled in yet), never an error. */
function readVeld(spec: ProfielVeld, raw: unknown): Read {
  if (spec.kind === 'multi') {
    const chosen = raw === undefined || raw === null || raw === '' ? [] : [raw].flat();
    const allowed = new Set((spec.options ?? []).map((o) => o.value));
    if (!chosen.every((c) => typeof c === 'string' && allowed.has(c))) {
      return { error: 'Kies alleen uit de getoonde opties.' };
    }
    return { value: (spec.options ?? []).map((o) => o.value).filter((v) => chosen.includes(v)) };
  }
  if (spec.kind === 'lines') {
    const list = lines(raw);
    if (list === null) return { error: 'Ongeldige waarde.' };
    if (list.length > MAX_LINES) return { error: `Hoogstens ${MAX_LINES} regels.` };
    if (list.some((l) => l.length > 100)) return { error: 'Hoogstens 100 tekens per regel.' };
    return { value: list };
  }
  if (spec.kind === 'taalvaardigheid') return readTaalvaardigheid(raw);
  if (spec.kind === 'janee' && typeof raw === 'boolean') return { value: raw };
  const value = text(raw);
  if (value === null) return { error: 'Ongeldige waarde.' };
  if (value === '') return { value: null };
  switch (spec.kind) {
    case 'text':
    case 'multiline':
      return readPlainText(value, spec.kind);
    case 'janee':
      if (value === 'ja') return { value: true };
      if (value === 'nee') return { value: false };
      return { error: 'Kies Ja of Nee.' };
    case 'date':
      return validDate(value) ? { value } : { error: DATE_MESSAGE };
    case 'int': {
      const min = spec.min ?? 0;
      const max = spec.max ?? Number.MAX_SAFE_INTEGER;
      const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
      return Number.isInteger(number) && number >= min && number <= max
        ? { value: number }
        : { error: `Vul een heel getal in van ${min} tot en met ${max}.` };
    }
    case 'select':
      return spec.options?.some((o) => o.value === value)
        ? { value }
        : { error: 'Kies een van de opties.' };
    default:
      return { error: 'Dit veld wordt niet ingevuld maar berekend.' };
  }
}

/**
 * Reads what the writer typed into a draft: from a form (flat, keyed by path) or from the API
 * (the nested content). Any invalid field refuses the whole input with a message per field, so
 * nothing is half-saved. Fields taken from the record or computed are ignored.
 */
export function readConcept(soort: ProfielSoort, input: Inhoud, flat: boolean): Inhoud {
  const concept: Inhoud = {};
  const fieldErrors: Record<string, string> = {};
  for (const spec of veldenVan(soort)) {
    if (spec.bron !== 'schrijver') continue;
    const raw = flat ? input[spec.path] : getPath(input, spec.path);
    const result = readVeld(spec, raw);
    if ('error' in result) fieldErrors[spec.path] = result.error;
    else if (result.value !== null) setPath(concept, spec.path, result.value);
  }
  if (soort === 'klantprofiel') {
    const ja = getPath(concept, 'voorinburgering.instemmingDeelname.ja');
    const reden = getPath(concept, 'voorinburgering.instemmingDeelname.reden');
    if (ja === false && !reden) {
      fieldErrors['voorinburgering.instemmingDeelname.reden'] =
        'Vul de reden in waarom de vergunninghouder niet deelneemt.';
    }
    const van = getPath(concept, 'voorinburgering.taallessen.periode.van');
    const tot = getPath(concept, 'voorinburgering.taallessen.periode.tot');
    if (typeof van === 'string' && typeof tot === 'string' && tot < van) {
      fieldErrors['voorinburgering.taallessen.periode.tot'] =
        'De einddatum ligt voor de begindatum.';
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw errors.invalid(fieldErrors);
  return concept;
}

/** The draft as form values, keyed by path. */
export function conceptFormValues(soort: ProfielSoort, concept: Inhoud): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of veldenVan(soort)) {
    if (spec.bron !== 'schrijver') continue;
    const value = getPath(concept, spec.path);
    if (value === undefined || value === null) continue;
    if (spec.kind === 'janee') values[spec.path] = value === true ? 'ja' : 'nee';
    else if (spec.kind === 'taalvaardigheid' && Array.isArray(value)) {
      values[spec.path] = (value as { taal: string; niveau: string }[])
        .map((r) => `${r.taal}: ${r.niveau}`)
        .join('\n');
    } else if (Array.isArray(value)) values[spec.path] = value.join('\n');
    else values[spec.path] = labelIn({}, value);
  }
  return values;
}

/** The chosen options of a multi field, for checkboxes. */
export function chosenOptions(concept: Inhoud, path: string): string[] {
  const value = getPath(concept, path);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export interface ProfielPersoon {
  voornamen: string;
  achternaam: string;
  geboortedatum: string;
  geslacht: string;
  nationaliteit: string;
  vNummer: string;
  verblijfsvergunningDatum: string;
  gezinsleden: { naam: string; relatie: string; geboortedatum: string }[];
}

/**
 * The content of a version to send: the draft, the person's current record and the computed
 * results. What a version says is fixed at this moment and never recomputed.
 */
export function versieInhoud(
  soort: ProfielSoort,
  concept: Inhoud,
  persoon: ProfielPersoon,
  contact: { naam: string; email: string },
): Inhoud {
  const inhoud = structuredClone(concept);
  setPath(inhoud, 'persoonlijkeGegevens.naam', `${persoon.voornamen} ${persoon.achternaam}`);
  setPath(inhoud, 'persoonlijkeGegevens.geboortedatum', persoon.geboortedatum);
  setPath(inhoud, 'persoonlijkeGegevens.nationaliteit', persoon.nationaliteit);
  if (soort === 'nareisprofiel') {
    inhoud.geverifieerd = false;
  } else {
    setPath(inhoud, 'persoonlijkeGegevens.geslacht', persoon.geslacht);
    setPath(inhoud, 'familiegegevens.gezinsleden', persoon.gezinsleden);
    setPath(inhoud, 'statusgegevens.vNummer', persoon.vNummer);
    setPath(inhoud, 'statusgegevens.verblijfsvergunningDatum', persoon.verblijfsvergunningDatum);
    computeResults(inhoud);
  }
  inhoud.contactpersoonCoa = { naam: contact.naam, email: contact.email };
  return inhoud;
}

/** Fills in the computed results (voldaan, learning pace) from the typed fields, in place. */
export function computeResults(inhoud: Inhoud): Inhoud {
  const uren = getPath(inhoud, 'voorinburgering.taallessen.urenAanwezig');
  if (typeof uren === 'number') {
    setPath(inhoud, 'voorinburgering.taallessen.urenMaximaal', TAALLES_UREN);
    setPath(
      inhoud,
      'voorinburgering.taallessen.resultaat',
      uren >= VOLDAAN_UREN ? 'voldaan' : 'niet voldaan',
    );
  }
  const score = getPath(inhoud, 'voorinburgering.toetsTaalleerbaarheid.score');
  if (typeof score === 'number') {
    setPath(inhoud, 'voorinburgering.toetsTaalleerbaarheid.tempo', tempoVoorScore(score));
  }
  if (typeof getPath(inhoud, 'voorinburgering.knm.urenAanwezig') === 'number') {
    setPath(inhoud, 'voorinburgering.knm.urenMaximaal', KNM_UREN);
  }
  return inhoud;
}

/** The label of a stored code, or the stored text itself when it has none. */
function labelIn(labels: Record<string, string | undefined>, value: unknown): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return labels[text] ?? text;
}

/** A field's value as people read it: text, lines for a list, '' when not filled in. */
export function formatVeld(spec: ProfielVeld, inhoud: Inhoud): string | string[] {
  const value = getPath(inhoud, spec.path);
  if (value === undefined || value === null || value === '') return '';
  switch (spec.kind) {
    case 'janee':
      return value === true ? 'Ja' : 'Nee';
    case 'date':
      return typeof value === 'string' ? dutchDate(value) : '';
    case 'select':
      return labelIn(
        Object.fromEntries((spec.options ?? []).map((o) => [o.value, o.label])),
        value,
      );
    case 'multi':
    case 'lines':
      return Array.isArray(value) ? value.map(String) : [labelIn({}, value)];
    case 'gezinsleden':
      if (Array.isArray(value) && value.length === 0) return 'Geen';
      return Array.isArray(value)
        ? (value as { naam: string; relatie: string; geboortedatum: string }[]).map((g) => {
            const relatie = labelIn(rolInPleLabels, g.relatie);
            return `${g.naam} (${relatie}, geboren ${dutchDate(g.geboortedatum)})`;
          })
        : [];
    case 'taalvaardigheid':
      return Array.isArray(value)
        ? (value as { taal: string; niveau: string }[]).map((r) => `${r.taal}: ${r.niveau}`)
        : [];
    case 'berekend':
      if (spec.path.endsWith('.tempo')) {
        return labelIn(tempoLabels, value);
      }
      return value === 'voldaan' ? 'Voldaan' : 'Niet voldaan';
    default:
      if (spec.path.endsWith('.geslacht')) {
        return labelIn(geslachtLabels, value);
      }
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
}

function filled(value: string | string[]): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== '';
}

/**
 * The filled-in fields by section and sub-section, in the order of the field list. Sections
 * with nothing filled in yet are named at the end, so a first, partial version reads as what
 * it is rather than as a form full of dashes.
 */
export function profielSecties(soort: ProfielSoort, inhoud: Inhoud): DocumentSection[] {
  const order: string[] = [];
  const bySection = new Map<
    string,
    { fields: DocumentField[]; subs: Map<string, DocumentField[]> }
  >();
  for (const spec of veldenVan(soort)) {
    if (!bySection.has(spec.section)) {
      order.push(spec.section);
      bySection.set(spec.section, { fields: [], subs: new Map() });
    }
    const value = formatVeld(spec, inhoud);
    if (!filled(value)) continue;
    const section = bySection.get(spec.section);
    if (!section) continue;
    const field = { label: spec.label, value };
    if (spec.subsection) {
      const sub = section.subs.get(spec.subsection) ?? [];
      sub.push(field);
      section.subs.set(spec.subsection, sub);
    } else section.fields.push(field);
  }
  const result: DocumentSection[] = [];
  const empty: string[] = [];
  for (const heading of order) {
    const section = bySection.get(heading);
    if (!section) continue;
    if (section.fields.length === 0 && section.subs.size === 0) {
      empty.push(heading);
      continue;
    }
    result.push({
      heading,
      fields: section.fields,
      subsections: [...section.subs].map(([sub, fields]) => ({ heading: sub, fields })),
    });
  }
  if (empty.length > 0) {
    result.push({ heading: 'Nog niet ingevuld', fields: [{ label: 'Onderdelen', value: empty }] });
  }
  return result;
}

export interface Wijziging {
  section: string;
  label: string;
  oud: string;
  nieuw: string;
}

/** What changed between two versions, field by field, in the order of the field list. */
export function vergelijkVersies(soort: ProfielSoort, oud: Inhoud, nieuw: Inhoud): Wijziging[] {
  const joined = (value: string | string[]) => (Array.isArray(value) ? value.join('\n') : value);
  const changes: Wijziging[] = [];
  for (const spec of veldenVan(soort)) {
    const a = joined(formatVeld(spec, oud));
    const b = joined(formatVeld(spec, nieuw));
    if (a === b) continue;
    const section = spec.subsection ? `${spec.section} – ${spec.subsection}` : spec.section;
    changes.push({ section, label: spec.label, oud: a, nieuw: b });
  }
  const contact = (inhoud: Inhoud) => {
    const naam = getPath(inhoud, 'contactpersoonCoa.naam');
    const email = getPath(inhoud, 'contactpersoonCoa.email');
    return typeof naam === 'string' ? `${naam} (${String(email)})` : '';
  };
  if (contact(oud) !== contact(nieuw)) {
    changes.push({
      section: 'Contactpersoon COA',
      label: 'Casemanager',
      oud: contact(oud),
      nieuw: contact(nieuw),
    });
  }
  return changes;
}
