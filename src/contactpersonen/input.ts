import type { ContactRole } from '../db/schema.ts';
import { errors } from '../errors.ts';
import { contactRoles } from '../policy/rights.ts';

/** A rechtsgrond shorter than this says too little to be checked later. */
export const MIN_RECHTSGROND = 20;
export const MAX_RECHTSGROND = 2000;
const MAX_TEXT = 200;
const MAX_EMAIL = 254;

/** The same phone format as the corrections of a vergunninghouder. */
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
/** The same shape the account table checks. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface NewContact {
  naam: string;
  telefoonnummer: string;
  /** Lower case: addresses are compared without case. */
  email: string;
  rol: ContactRole;
  organisatie: string;
  /** Null for the role Gemeente. */
  rechtsgrond: string | null;
}

/** What a Wijzigen changes; a key that is absent stays as it is. */
export interface ContactChange {
  naam?: string;
  telefoonnummer?: string;
  organisatie?: string;
  rol?: ContactRole;
  rechtsgrond?: string | null;
}

type Result<T> = { value: T } | { error: string };

function oneLine(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
}

function requiredText(raw: unknown, missing: string): Result<string> {
  const value = oneLine(raw);
  if (value === '') return { error: missing };
  if (value.length > MAX_TEXT) return { error: `Gebruik hoogstens ${MAX_TEXT} tekens.` };
  return { value };
}

const fieldReaders = {
  naam: (raw: unknown) => requiredText(raw, 'Vul de naam in.'),
  organisatie: (raw: unknown) => requiredText(raw, 'Vul de organisatie in.'),
  telefoonnummer: (raw: unknown): Result<string> => {
    const value = oneLine(raw);
    if (value === '') return { error: 'Vul het telefoonnummer in.' };
    return PHONE.test(value)
      ? { value }
      : { error: 'Vul een telefoonnummer in, bijvoorbeeld 06 12345678.' };
  },
  email: (raw: unknown): Result<string> => {
    const value = oneLine(raw).toLowerCase();
    if (value === '') return { error: 'Vul het e-mailadres in.' };
    return EMAIL.test(value) && value.length <= MAX_EMAIL
      ? { value }
      : { error: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.' };
  },
  rol: (raw: unknown): Result<ContactRole> => {
    const role = contactRoles.find((r) => r === raw);
    return role ? { value: role } : { error: 'Kies een rol.' };
  },
};

type FieldName = keyof typeof fieldReaders;
type FieldValue<K extends FieldName> = Extract<
  ReturnType<(typeof fieldReaders)[K]>,
  { value: unknown }
>['value'];

/** Collects values and messages per field; `check` throws once with every message. */
class Reader {
  readonly fields: Record<string, string> = {};

  constructor(private readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  read<K extends FieldName>(name: K): FieldValue<K> | undefined {
    const result = fieldReaders[name](this.raw[name]);
    if ('error' in result) {
      this.fields[name] = result.error;
      return undefined;
    }
    return result.value;
  }

  /** The confirmation and description of the legal basis for sharing with this organisation. */
  rechtsgrond(): string | null {
    const given = this.raw.rechtsgrondBevestigd;
    const confirmed = given === true || given === 'ja' || given === 'on' || given === 'true';
    const text = typeof this.raw.rechtsgrond === 'string' ? this.raw.rechtsgrond.trim() : '';
    if (!confirmed) {
      this.fields.rechtsgrondBevestigd =
        'Bevestig dat de gemeente de gegevens van vergunninghouders met deze organisatie mag delen.';
    }
    if (text === '') {
      this.fields.rechtsgrond =
        'Beschrijf de rechtsgrond voor het delen van gegevens met deze organisatie.';
    } else if (text.length < MIN_RECHTSGROND) {
      this.fields.rechtsgrond = `Beschrijf de rechtsgrond in minstens ${MIN_RECHTSGROND} tekens.`;
    } else if (text.length > MAX_RECHTSGROND) {
      this.fields.rechtsgrond = `Gebruik hoogstens ${MAX_RECHTSGROND} tekens.`;
    }
    return confirmed && !this.fields.rechtsgrond ? text.replace(/\r\n/g, '\n') : null;
  }

  /** Whether a new rechtsgrond text came in (an empty field keeps the current one). */
  hasRechtsgrondText(): boolean {
    return typeof this.raw.rechtsgrond === 'string' && this.raw.rechtsgrond.trim() !== '';
  }

  check(): void {
    if (Object.keys(this.fields).length > 0) throw errors.invalid(this.fields);
  }
}

/**
 * Reads Contactpersoon toevoegen. For every role other than Gemeente the adder confirms, and
 * describes, the legal basis for sharing: COA's consent covers the gemeente only.
 */
export function readNewContact(raw: Record<string, unknown>): NewContact {
  const reader = new Reader(raw);
  const naam = reader.read('naam');
  const telefoonnummer = reader.read('telefoonnummer');
  const email = reader.read('email');
  const rol = reader.read('rol');
  const organisatie = reader.read('organisatie');
  const rechtsgrond = rol && rol !== 'gemeente' ? reader.rechtsgrond() : null;
  reader.check();
  if (!naam || !telefoonnummer || !email || !rol || !organisatie) throw errors.invalid({});
  return { naam, telefoonnummer, email, rol, organisatie, rechtsgrond };
}

/**
 * Reads Wijzigen against the current membership. A new role other than Gemeente asks for the
 * rechtsgrond again; with the same role, a new text replaces the old one (confirmed again) and
 * an empty one keeps it. The role Gemeente needs none.
 */
export function readContactChange(
  raw: Record<string, unknown>,
  current: { rol: ContactRole },
): ContactChange {
  const reader = new Reader(raw);
  const change: ContactChange = {};
  for (const name of ['naam', 'telefoonnummer', 'organisatie'] as const) {
    if (!reader.has(name)) continue;
    const value = reader.read(name);
    if (value !== undefined) change[name] = value;
  }
  const rol = reader.has('rol') ? reader.read('rol') : current.rol;
  if (rol && rol !== current.rol) change.rol = rol;
  if (rol === 'gemeente') {
    if (change.rol) change.rechtsgrond = null;
  } else if (rol && (rol !== current.rol || reader.hasRechtsgrondText())) {
    const rechtsgrond = reader.rechtsgrond();
    if (rechtsgrond !== null) change.rechtsgrond = rechtsgrond;
  }
  reader.check();
  return change;
}
