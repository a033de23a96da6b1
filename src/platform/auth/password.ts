import { lazyPackage } from '../lazy-package.ts';

// A native module, loaded at the first password hashed or checked, not at start (QUALITY.md B6).
const argon2 = lazyPackage<typeof import('@node-rs/argon2')>('@node-rs/argon2');

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2().hash(password, OPTIONS);
}

// Password hashes verified since start: what a sign-in costs, counted the same for an account
// that exists and for one that does not (the /metrics counter lieudit_password_checks_total).
let checks = 0;

/** How many password hashes this process has verified. */
export function passwordChecks(): number {
  return checks;
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  checks++;
  try {
    return await argon2().verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the account does not exist keeps the answer time
// the same, so that login timing does not reveal which e-mails have an account.
let dummyHash: Promise<string> | undefined;
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('lieudit-dummy-password');
  await verifyPassword(await dummyHash, password);
}
