import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'COA TVS';

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Accepts the current code and one step either side, for clocks that drift a little. */
export function verifyTotp(secret: string, code: string): boolean {
  const cleaned = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(cleaned)) return false;
  return totpFor(secret, 'tvs').validate({ token: cleaned, window: 1 }) !== null;
}

export function currentTotp(secret: string): string {
  return totpFor(secret, 'tvs').generate();
}

/** The otpauth:// URI and a QR code (SVG markup) to scan with an authenticator app. */
export async function totpEnrolment(secret: string, email: string) {
  const uri = totpFor(secret, email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1 });
  return { uri, svg };
}
