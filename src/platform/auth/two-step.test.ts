import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createStaff, createTestApp, TEST_PASSWORD, type TestApp } from '../../../tests/support/app.ts';
import { TMP_DIR } from '../../../tests/support/databases.ts';
import { writeBackup } from '../backup/backup.ts';
import type { Role } from './roles.ts';
import { codeAt } from './totp.ts';

/**
 * Two-step sign-in, through the pages as a browser uses them, on a real database. Codes are
 * computed with otpauth from the secret the service answers to its owner (never read from
 * the database row, which holds it encrypted). The test clock runs in real time: each test
 * first moves it forward to 5 seconds into a fresh 30-second step, so that a code computed
 * now is still the current one when the request arrives, and steps only ever move forward.
 */
let nextAddress = 1;
function newClient(t: TestApp): Client {
  nextAddress += 1;
  return new Client(t.app, { remoteAddress: `198.51.100.${nextAddress}` });
}

/** Moves the clock forward by at least a few minutes, to 5 s into a step. */
function freshStep(t: TestApp): Date {
  const ahead = t.clock.now().getTime() + 5 * 60_000;
  const start = Math.ceil(ahead / 30_000) * 30_000 + 5_000;
  t.clock.set(new Date(start));
  return new Date(start);
}

const STEP = 30_000;
const codeOf = (secret: string, at: Date, steps = 0) => codeAt(secret, new Date(at.getTime() + steps * STEP));

describe('two-step sign-in', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'deuxetapes', 'Centre social Les Deux Rives');
  });
  afterAll(() => t.close());

  /** Signed in with a password alone, from an address of its own (the limit per address is not under test). */
  async function signedIn(role: Role, centre = centreId) {
    const staff = await createStaff(t.app, centre, role);
    const { client, response } = await passwordStep(staff.email);
    expect(response.statusCode).toBe(303);
    return Object.assign(client, { userId: staff.id });
  }

  /** A staff member with two-step sign-in set up from their account page; answers their secret. */
  async function enrolled(role: Role = 'coordinator') {
    const client = await signedIn(role);
    const user = await t.app.ctx.auth.findUser(centreId, client.userId);
    const page = await client.get('/compte/deux-etapes/activer');
    expect(page.statusCode).toBe(200);
    const { secret } = await t.app.ctx.twoStep.enrolment(user, 'Lieudit');
    const at = freshStep(t);
    const done = await client.post('/compte/deux-etapes/activer', { code: codeOf(secret, at) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    return { client, user, secret, codes };
  }

  /** Password first: answers the client, between password and code (no session). */
  async function passwordStep(email: string) {
    const client = newClient(t);
    await client.get('/connexion');
    const response = await client.post('/connexion', { email, password: TEST_PASSWORD });
    return { client, response };
  }

  it('is set up from the account page: QR code and key, a first code, then ten recovery codes shown once', async () => {
    const client = await signedIn('coordinator');
    const user = await t.app.ctx.auth.findUser(centreId, client.userId);
    const account = await client.get('/compte');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Désactivée');

    const setup = await client.get('/compte/deux-etapes/activer');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,/);
    // Reloading shows the same secret until it is confirmed; the page shows it grouped by four.
    const { secret, uri } = await t.app.ctx.twoStep.enrolment(user, 'Lieudit');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body).toContain(secret.slice(0, 4));
    expect((await t.app.ctx.twoStep.enrolment(user, 'Lieudit')).secret).toBe(secret);
    // Stored encrypted.
    const row = await t.db.kysely.selectFrom('staffTwoStep').selectAll().where('userId', '=', user.id).executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(secret);

    const at = freshStep(t);
    const wrong = await client.post('/compte/deux-etapes/activer', { code: codeOf(secret, at, 5) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Ce code ne correspond pas');
    const blank = await client.post('/compte/deux-etapes/activer', { code: '' });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Saisissez le code à 6 chiffres');

    const done = await client.post('/compte/deux-etapes/activer', { code: codeOf(secret, at) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.db.kysely.selectFrom('staffRecoveryCodes').select('codeHash').where('userId', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.codeHash)).not.toContain(codes[0]);

    const after = await client.get('/compte');
    expect(after.body).toContain('Activée');
    expect(after.body).toContain('Il vous reste 10 codes de secours.');
  });

  it('asks for the code after the password, refuses a wrong one, and opens the session only after the right one', async () => {
    const { user, secret } = await enrolled();
    const { client, response } = await passwordStep(user.email);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/connexion/code');
    expect(client.cookies.has('lieudit_sid')).toBe(false);
    // No session yet: neither the pages nor the API let the browser in.
    expect((await client.get('/tableau-de-bord')).statusCode).toBe(303);
    expect((await client.api('GET', '/api/v1/centre')).statusCode).toBe(401);

    const question = await client.get('/connexion/code');
    expect(question.statusCode).toBe(200);
    expect(question.body).toContain('Code à 6 chiffres');
    expect(question.body).toContain('autocomplete="one-time-code"');
    expect(question.body).toContain('inputmode="numeric"');

    const at = freshStep(t);
    const wrong = await client.post('/connexion/code', { code: codeOf(secret, at, 3) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Ce code ne correspond pas');
    expect((await client.post('/connexion/code', { code: '12ab' })).body).toContain('Saisissez les 6 chiffres');
    expect(client.cookies.has('lieudit_sid')).toBe(false);

    const right = await client.post('/connexion/code', { code: codeOf(secret, at).replace(/^(\d{3})/, '$1 ') });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/tableau-de-bord');
    expect(client.cookies.has('lieudit_sid')).toBe(true);
    expect((await client.get('/tableau-de-bord')).statusCode).toBe(200);
  });

  it('refuses a code already used (replay), and accepts a code one step early or late', async () => {
    const { user, secret } = await enrolled();
    let at = freshStep(t);
    const first = await passwordStep(user.email);
    expect((await first.client.post('/connexion/code', { code: codeOf(secret, at, -1) })).statusCode).toBe(303);

    const replay = await passwordStep(user.email);
    const again = await replay.client.post('/connexion/code', { code: codeOf(secret, at, -1) });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Ce code a déjà servi');
    expect(replay.client.cookies.has('lieudit_sid')).toBe(false);

    at = freshStep(t);
    const late = await passwordStep(user.email);
    expect((await late.client.post('/connexion/code', { code: codeOf(secret, at, 1) })).statusCode).toBe(303);

    at = freshStep(t);
    const tooOld = await passwordStep(user.email);
    expect((await tooOld.client.post('/connexion/code', { code: codeOf(secret, at, -2) })).statusCode).toBe(422);
    expect((await tooOld.client.post('/connexion/code', { code: codeOf(secret, at, 2) })).statusCode).toBe(422);
  });

  it('accepts each recovery code once, in place of the app’s code', async () => {
    const { user, codes } = await enrolled();
    const first = await passwordStep(user.email);
    expect((await first.client.get('/connexion/code')).body).toContain('/connexion/code-de-secours');
    const used = await first.client.post('/connexion/code-de-secours', { code: codes[0]!.toUpperCase().replace('-', ' ') });
    expect(used.statusCode).toBe(303);
    expect(first.client.cookies.has('lieudit_sid')).toBe(true);

    const second = await passwordStep(user.email);
    const again = await second.client.post('/connexion/code-de-secours', { code: codes[0]! });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('a déjà servi');
    expect((await second.client.post('/connexion/code-de-secours', { code: codes[1]! })).statusCode).toBe(303);
    expect((await t.app.ctx.twoStep.status(user)).recoveryCodesLeft).toBe(8);
  });

  it('limits the codes tried on one account: after 5 wrong ones, even the right code waits', async () => {
    const { user, secret } = await enrolled();
    const at = freshStep(t);
    for (let i = 0; i < 5; i++) {
      const { client } = await passwordStep(user.email);
      expect((await client.post('/connexion/code', { code: codeOf(secret, at, 4 + i) })).statusCode).toBe(422);
    }
    const { client } = await passwordStep(user.email);
    const blocked = await client.post('/connexion/code', { code: codeOf(secret, at) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Patientez');
    expect(client.cookies.has('lieudit_sid')).toBe(false);
  });

  it('sends a required role without two-step sign-in to set it up before anything else, then signs it in', async () => {
    const centre = await createCentre(t.app, 'obligatoire', 'Centre social Obligatoire');
    await t.db.kysely.updateTable('centers').set({ twoStepRoles: 'admin' }).where('id', '=', centre).execute();
    const admin = await createStaff(t.app, centre, 'admin');
    const { client, response } = await passwordStep(admin.email);
    expect(response.headers.location).toBe('/connexion/mise-en-place');
    expect(client.cookies.has('lieudit_sid')).toBe(false);
    expect((await client.get('/centre')).statusCode).toBe(303);
    // The code page is not a way round the setup.
    expect((await client.get('/connexion/code')).headers.location).toBe('/connexion/mise-en-place');

    const setup = await client.get('/connexion/mise-en-place');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('Votre rôle demande une validation en deux étapes');
    const { secret } = await t.app.ctx.twoStep.enrolment(admin, 'Lieudit');
    const at = freshStep(t);
    const done = await client.post('/connexion/mise-en-place', { code: codeOf(secret, at) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Vos codes de secours');
    expect(done.body).toContain('href="/tableau-de-bord"');
    expect(client.cookies.has('lieudit_sid')).toBe(true);
    expect((await client.get('/centre')).statusCode).toBe(200);

    // Required: it cannot be turned off.
    const off = await client.post('/compte/deux-etapes/desactiver', { code: codeOf(secret, at, 1) });
    expect(off.statusCode).toBe(409);
    expect(off.body).toContain('ne peut pas être désactivée');
    // Next time, the code.
    expect((await passwordStep(admin.email)).response.headers.location).toBe('/connexion/code');
  });

  it('lets an administrator set the roles that must use it', async () => {
    const centre = await createCentre(t.app, 'reglages', 'Centre social des Réglages');
    const admin = await signedIn('admin', centre);
    expect((await admin.get('/centre/deux-etapes')).statusCode).toBe(200);
    expect((await admin.post('/centre/deux-etapes', { roles: ['admin', 'coordinator'] })).statusCode).toBe(303);
    expect(await t.app.ctx.twoStep.requiredRoles(centre)).toEqual(['admin', 'coordinator']);
    expect((await admin.post('/centre/deux-etapes', { roles: 'chef' })).statusCode).toBe(422);
    expect((await admin.post('/centre/deux-etapes', {})).statusCode).toBe(303);
    expect(await t.app.ctx.twoStep.requiredRoles(centre)).toEqual([]);
  });

  it('is reset by another administrator (audited, sessions ended), and turned off by its owner with a code', async () => {
    const member = await enrolled('facilitator');
    const admin = await signedIn('admin');
    const overview = await admin.get('/centre/deux-etapes');
    expect(overview.body).toContain(`/centre/deux-etapes/${member.user.id}/reinitialiser`);
    const reset = await admin.post(`/centre/deux-etapes/${member.user.id}/reinitialiser`, {});
    expect(reset.statusCode).toBe(303);
    expect((await t.app.ctx.twoStep.status(member.user)).enabled).toBe(false);
    expect((await member.client.get('/tableau-de-bord')).statusCode).toBe(303);
    const entry = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', member.user.id).where('action', '=', 'revoke').executeTakeFirstOrThrow();
    expect(entry.actorId).toBe(admin.userId);
    expect(entry.details).toContain('twoStep');
    // Not required for a facilitator here: the password alone signs in again.
    expect((await passwordStep(member.user.email)).response.headers.location).toBe('/tableau-de-bord');

    const other = await enrolled('volunteer');
    const at = freshStep(t);
    expect((await other.client.post('/compte/deux-etapes/desactiver', { code: '000000' })).statusCode).toBe(422);
    expect((await other.client.post('/compte/deux-etapes/desactiver', { code: codeOf(other.secret, at) })).statusCode).toBe(303);
    expect((await t.app.ctx.twoStep.status(other.user)).enabled).toBe(false);
    // The owner's own setup and removal are in the audit log, in their name.
    const own = await t.db.kysely.selectFrom('auditLog').select(['action', 'actorId', 'details']).where('subjectId', '=', other.user.id).execute();
    expect(own.map((e) => [e.action, e.actorId, e.details])).toEqual(expect.arrayContaining([
      ['grant', other.user.id, '{"what":"twoStep"}'],
      ['revoke', other.user.id, '{"what":"twoStep"}'],
    ]));
    expect(own).toHaveLength(2);
  });

  it('gives new recovery codes after a code; the old ones stop working', async () => {
    const { client, user, secret, codes } = await enrolled();
    const at = freshStep(t);
    const page = await client.post('/compte/deux-etapes/codes-de-secours', { code: codeOf(secret, at) });
    expect(page.statusCode).toBe(200);
    const fresh = [...page.body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    const old = await passwordStep(user.email);
    expect((await old.client.post('/connexion/code-de-secours', { code: codes[0]! })).statusCode).toBe(422);
    expect((await old.client.post('/connexion/code-de-secours', { code: fresh[0]! })).statusCode).toBe(303);
  });

  it('forgets a sign-in left between password and code for more than 10 minutes', async () => {
    const { user } = await enrolled();
    const { client } = await passwordStep(user.email);
    t.clock.advance(11 * 60_000);
    const late = await client.get('/connexion/code');
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe('/connexion');
  });

  it('keeps the secret out of backups', async () => {
    const { user } = await enrolled();
    const row = await t.db.kysely.selectFrom('staffTwoStep').selectAll().where('userId', '=', user.id).executeTakeFirstOrThrow();
    const file = join(TMP_DIR, `two-step-${process.pid}.lieudit.gz`);
    try {
      await writeBackup(t.db, file, t.clock);
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      expect(lines.some((l) => JSON.stringify(l).includes(row.secret!))).toBe(false);
      const saved = lines.find((l) => l.t === 'staff_two_step' && l.r.user_id === user.id);
      expect(saved.r.secret).toBeNull();
    } finally {
      rmSync(file, { force: true });
    }
  });
});
