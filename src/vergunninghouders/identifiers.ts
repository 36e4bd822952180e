/** Messages shown next to the field when an identifier is invalid. */
export const identifierErrors = {
  bsn: 'Het BSN moet uit 9 cijfers bestaan en voldoen aan de elfproef.',
  vNummer: 'Het V-nummer moet uit precies 10 cijfers bestaan.',
  iban: 'Het IBAN is ongeldig. Controleer het rekeningnummer, bijvoorbeeld NL91 ABNA 0417 1643 00.',
} as const;

function elfproefSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return sum - Number(digits[8]);
}

/** BSN: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11, and not all zeros. */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  return elfproefSum(value) % 11 === 0;
}

export function isValidVNummer(value: string): boolean {
  return /^[0-9]{10}$/.test(value);
}

/** Removes spaces and makes letters upper case, as people type IBANs in groups of four. */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Prints an IBAN in groups of four, the way it appears on a bank card. */
export function formatIban(value: string): string {
  return normalizeIban(value).replace(/(.{4})(?=.)/g, '$1 ');
}

function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/**
 * IBAN by ISO 13616 (mod 97 equals 1). Dutch IBANs must also have their fixed shape: NL, two
 * check digits, a four-letter bank code and a ten-digit account number. Spaces are allowed.
 */
export function isValidIban(value: string): boolean {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  if (iban.startsWith('NL') && !/^NL[0-9]{2}[A-Z]{4}[0-9]{10}$/.test(iban)) return false;
  return mod97(iban) === 1;
}

/**
 * A valid BSN for demo data, different for every n in 0 … 8,999,999: the first seven digits
 * encode n, the eighth is 0 (or 1 when 0 would need check digit 10) and the ninth makes the
 * elfproef hold.
 */
export function generateBsn(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 9_000_000) {
    throw new RangeError('n moet een geheel getal van 0 tot 9.000.000 zijn');
  }
  const head = String(1_000_000 + n);
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(head[i]) * (9 - i);
  const eighth = sum % 11 === 10 ? 1 : 0;
  const check = (sum + 2 * eighth) % 11;
  return `${head}${eighth}${check}`;
}

const demoBanks = ['INGB', 'ABNA', 'RABO', 'SNSB', 'ASNB', 'TRIO', 'BUNQ', 'KNAB'] as const;

/** A valid Dutch IBAN for demo data, different for every n below 10^10. */
export function generateIban(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e10) {
    throw new RangeError('n moet een geheel getal van 0 tot 10^10 zijn');
  }
  const bank = demoBanks[n % demoBanks.length] ?? 'INGB';
  const account = String(n).padStart(10, '0');
  const check = 98 - mod97(`NL00${bank}${account}`);
  return `NL${String(check).padStart(2, '0')}${bank}${account}`;
}

/** A V-nummer for demo data: ten digits, different for every n below 10^9. */
export function generateVNummer(n: number): string {
  return String(1_000_000_000 + n).padStart(10, '0');
}
