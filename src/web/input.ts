/** Readers shared by the forms and API inputs that take free text and dates. */

export const MAX_TEXT = 200;
export const MAX_MULTILINE = 4000;

export const DATE_MESSAGE = 'Vul een bestaande datum in (jjjj-mm-dd).';

/** A real calendar date written as jjjj-mm-dd. */
export function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A trimmed, non-empty text within its length: one line (white space folded) or several.
 * Empty input is for the caller to handle.
 */
export function readPlainText(
  value: string,
  kind: 'text' | 'multiline',
): { value: string } | { error: string } {
  const max = kind === 'text' ? MAX_TEXT : MAX_MULTILINE;
  if (value.length > max) return { error: `Gebruik hoogstens ${max} tekens.` };
  return { value: kind === 'text' ? value.replace(/\s+/g, ' ') : value };
}
