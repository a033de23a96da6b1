import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';

// Random bytes drawn from the system's generator a few kilobytes at a time, each byte handed
// out once (as Node does for randomUUID): one call to the generator costs ~5 µs, and a new
// visitor's form token is made on their first request.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** A random token of `bytes` bytes from the system's cryptographic generator, base64url. */
export function randomToken(bytes = 32): string {
  if (bytes > 256) return randomBytes(bytes).toString('base64url');
  if (poolOffset + bytes > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + bytes);
  // Handed out: never again, and not left in memory.
  pool.fill(0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return token;
}

export function sha256(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/**
 * Encryption at rest for secrets that must wait a little before reaching their recipient
 * (a credential link in the outbox): AES-256-GCM, with a key derived from LIEUDIT_SECRET for
 * one purpose, so that the database alone (or a backup) never yields the secret.
 */
export function encryptSecret(secret: string, purpose: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, purpose), iv);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The clear value, or null when the box was not made with this secret and purpose. */
export function decryptSecret(secret: string, purpose: string, box: string): string | null {
  const [version, iv, data, tag] = box.split('.');
  if (version !== 'v1' || !iv || data === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'lieudit', purpose, 32));
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
