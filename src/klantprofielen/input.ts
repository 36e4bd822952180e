import type { GesprekSoort, ToestemmingWijze } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { DATE_MESSAGE, validDate } from '../web/input.ts';
import { gesprekSoortLabels } from './pages.tsx';

/** Readers of the consent and conversation forms, shared by the pages and the API. */

/** Reads the consent form; every field is required. */
export function readToestemming(body: Record<string, unknown>) {
  const gegeven = body.gegeven;
  const datum = typeof body.datum === 'string' ? body.datum.trim() : '';
  const wijze = body.wijze;
  const fieldErrors: Record<string, string> = {};
  const parsedGegeven =
    gegeven === true || gegeven === 'ja'
      ? true
      : gegeven === false || gegeven === 'nee'
        ? false
        : null;
  if (parsedGegeven === null) fieldErrors.gegeven = 'Kies Ja of Nee.';
  if (!validDate(datum)) fieldErrors.datum = DATE_MESSAGE;
  else if (datum > new Date().toISOString().slice(0, 10)) {
    fieldErrors.datum = 'De datum ligt in de toekomst.';
  }
  if (wijze !== 'verklaring' && wijze !== 'aanwezig') {
    fieldErrors.wijze = 'Kies hoe de toestemming is gegeven.';
  }
  if (Object.keys(fieldErrors).length > 0) throw errors.invalid(fieldErrors);
  return { gegeven: parsedGegeven as boolean, datum, wijze: wijze as ToestemmingWijze };
}

/** Reads the conversation form. */
export function readGesprek(body: Record<string, unknown>) {
  const datum = typeof body.gesprekDatum === 'string' ? body.gesprekDatum.trim() : '';
  const soort = body.gesprekSoort;
  const verslag =
    typeof body.verslag === 'string' ? body.verslag.replace(/\r\n/g, '\n').trim() : '';
  const fieldErrors: Record<string, string> = {};
  if (!validDate(datum)) fieldErrors.gesprekDatum = DATE_MESSAGE;
  if (typeof soort !== 'string' || !(soort in gesprekSoortLabels)) {
    fieldErrors.gesprekSoort = 'Kies de soort gesprek.';
  }
  if (verslag.length > 4000) fieldErrors.verslag = 'Gebruik hoogstens 4000 tekens.';
  if (Object.keys(fieldErrors).length > 0) throw errors.invalid(fieldErrors);
  return { datum, soort: soort as GesprekSoort, verslag };
}
