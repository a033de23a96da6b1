import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A signed, expiring reference to something (a registration to cancel, a progress page):
 * `<payload>.<expiry>.<signature>`. Revocation is the owner's business (a row it checks).
 */
export function signLink(secret: string, purpose: string, payload: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${payload}.${exp}.${hmac(secret, `${purpose}:${payload}:${exp}`)}`;
}

export function verifyLink(secret: string, purpose: string, token: string, now: Date): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [payload, exp, signature] = parts as [string, string, string];
  if (!safeEqual(signature, hmac(secret, `${purpose}:${payload}:${exp}`))) return null;
  if (parseInt(exp, 36) * 1000 < now.getTime()) return null;
  return payload;
}
