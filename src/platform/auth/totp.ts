/**
 * The rules of one-time codes, pure: RFC 6238 TOTP through otpauth (SHA-1, 6 digits, 30-second
 * steps — what every authenticator app reads from a QR code), and the recovery codes given
 * once at setup. A code is accepted one step early or late (a phone's clock a little off, a
 * code typed as it changes); which step it matched is answered so that the caller can refuse
 * the same step twice.
 */
import { randomInt } from 'node:crypto';
import { lazyPackage } from '../lazy-package.ts';

// Loaded at the first code made or checked, not at start (QUALITY.md B6).
const otpauth = lazyPackage<typeof import('otpauth')>('otpauth');

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step each side of now. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read from paper and typed by hand.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A new secret (160 bits, as RFC 4226 recommends), in base32 as apps and people type it. */
export function newTotpSecret(): string {
  const { Secret } = otpauth();
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address a QR code carries: the app shows "issuer (label)". */
export function totpUri(secret: string, issuer: string, label: string): string {
  const { Secret, TOTP } = otpauth();
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS }).toString();
}

/** The secret in groups of four, easier to copy by hand into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Six digits once spaces and dashes are taken out, or null. */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/** The 30-second step the code belongs to (within one step of `at`), or null when it matches none. */
export function matchingStep(secret: string, code: string, at: Date): number | null {
  const { Secret, TOTP } = otpauth();
  const timestamp = at.getTime();
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD_SECONDS, timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
}

/** The code an app shows at `at` (tests, and nothing else in the product). */
export function codeAt(secret: string, at: Date): string {
  const { Secret, TOTP } = otpauth();
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD_SECONDS, timestamp: at.getTime() });
}

/** Ten recovery codes, "xxxxx-xxxxx" (about 49 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces, with or without its dash), in its stored form, or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const chars = input.toLowerCase().replace(/[\s-]/g, '');
  if (chars.length !== 10 || [...chars].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
