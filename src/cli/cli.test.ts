import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { codeAt } from '../platform/auth/totp.ts';
import { sha256 } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import { Client, testClock } from '../../tests/support/app.ts';
import { createTestDb, TMP_DIR, type TestDb } from '../../tests/support/databases.ts';

const run = promisify(execFile);
const BIN = resolve('bin/lieudit.js');
const PASSWORD = 'un mot de passe de douze';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line, as a person would, against the test database. */
async function lieudit(db: TestDb, args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      // stdin is not a terminal here, like in a script or a cron job.
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', LIEUDIT_PASSWORD: '', ...env },
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function expectRefusal(outcome: Outcome, message: RegExp): void {
  expect(outcome.code, outcome.stderr).toBe(1);
  expect(outcome.stderr).toMatch(/^Erreur : /);
  expect(outcome.stderr).toMatch(message);
  // A sentence, never a stack trace.
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
  expect(outcome.stdout).toBe('');
}

async function counts(db: TestDb) {
  const k = db.kysely;
  const n = async (table: 'centers' | 'users' | 'apiTokens') => (await k.selectFrom(table).select(k.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  return { centers: Number(await n('centers')), users: Number(await n('users')), tokens: Number(await n('apiTokens')) };
}

// Each run starts a Node process that loads the whole app: give them time on a busy machine.
describe('lieudit centre add, user add, token create', { timeout: 300_000 }, () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp(loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret' }), { db, migrate: false, clock: testClock() });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('sets up a centre from the terminal: its admin signs in, its token opens the API', async () => {
    const centre = await lieudit(db, ['centre', 'add', '--slug', 'escale', '--name', 'Centre social L’Escale', '--commune', '59122', '--address', '3 rue de l’Église']);
    expect(centre.code, centre.stderr).toBe(0);
    expect(centre.stdout).toContain('Centre créé : Centre social L’Escale (escale), Cambrai.');

    const user = await lieudit(db, ['user', 'add', '--centre', 'escale', '--email', 'Direction@Escale.fr', '--role', 'admin', '--name', 'Hélène Lefèvre'], {
      LIEUDIT_PASSWORD: PASSWORD,
    });
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toContain('Compte créé : Hélène Lefèvre <direction@escale.fr>, admin, centre escale.');

    const token = await lieudit(db, ['token', 'create', '--centre', 'escale', '--role', 'coordinator', '--name', 'export tableur']);
    expect(token.code, token.stderr).toBe(0);
    // Only the token, so that TOKEN=$(lieudit token create …) works.
    expect(token.stdout).toMatch(/^ldt_[\w-]{40,}\n$/);
    const clear = token.stdout.trim();

    const row = await db.kysely.selectFrom('apiTokens').selectAll().executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(clear));
    expect(JSON.stringify(row)).not.toContain(clear);
    const actor = await app.ctx.auth.actorFromToken(clear);
    expect(actor).toMatchObject({ role: 'coordinator', via: 'token' });
    const saved = await db.kysely.selectFrom('centers').selectAll().where('slug', '=', 'escale').executeTakeFirstOrThrow();
    expect(actor!.centerId).toBe(saved.id);
    expect(saved).toMatchObject({ name: 'Centre social L’Escale', communeInsee: '59122', postalCode: '59400', address: '3 rue de l’Église' });

    const api = await app.inject({ method: 'GET', url: '/api/v1/centre', headers: { authorization: `Bearer ${clear}` } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ slug: 'escale', name: 'Centre social L’Escale' });
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/centre', headers: { authorization: `Bearer ${clear}x` } });
    expect(wrong.statusCode).toBe(401);

    const client = new Client(app);
    await client.get('/connexion');
    const login = await client.post('/connexion', { email: 'direction@escale.fr', password: PASSWORD });
    // A new centre requires two-step sign-in of its administrators: set up before anything else.
    expect(login.headers.location).toBe('/connexion/mise-en-place');
    expect(centre.stdout).toContain('La validation en deux étapes est exigée des administrateurs');
    const admin = (await app.ctx.auth.listUsers(saved.id))[0]!;
    const { secret } = await app.ctx.twoStep.enrolment(admin, 'Lieudit');
    expect((await client.post('/connexion/mise-en-place', { code: codeAt(secret, app.ctx.clock.now()) })).statusCode).toBe(200);
    expect((await client.get('/tableau-de-bord')).body).toContain('Hélène Lefèvre');

    // The terminal's acts are the terminal's; the two-step setup is the administrator's own.
    const audited = await db.kysely.selectFrom('auditLog').select(['action', 'subjectType', 'actorLabel']).where('centerId', '=', saved.id).execute();
    const byLabel = (a: { actorLabel: string; subjectType: string }, b: { actorLabel: string; subjectType: string }) =>
      `${a.actorLabel} ${a.subjectType}`.localeCompare(`${b.actorLabel} ${b.subjectType}`);
    expect(audited.sort(byLabel)).toEqual([
      { action: 'grant', subjectType: 'user', actorLabel: 'Hélène Lefèvre' },
      { action: 'grant', subjectType: 'api_token', actorLabel: 'ligne de commande' },
      { action: 'create', subjectType: 'user', actorLabel: 'ligne de commande' },
    ]);
  });

  it('refuses bad input with a French sentence, exit code 1, and changes nothing', async () => {
    await lieudit(db, ['centre', 'add', '--slug', 'refus', '--name', 'Centre des refus', '--commune', '59122']);
    const before = await counts(db);
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['centre', 'add', '--slug', 'Pas Bon', '--name', 'X', '--commune', '59122'], /--slug : L’identifiant court/],
      [['centre', 'add', '--slug', 'refus', '--name', 'X', '--commune', '59122'], /Un centre utilise déjà cet identifiant court \(--slug\)/],
      [['centre', 'add', '--slug', 'inconnue', '--name', 'X', '--commune', '99999'], /Commune inconnue : « 99999 »/],
      [['centre', 'add', '--slug', 'homonyme', '--name', 'X', '--commune', 'Saint-Aubin'], /Plusieurs communes correspondent.*59529/],
      [['centre', 'add', '--slug', 'sansnom', '--commune', '59122'], /Indiquez --name/],
      [['centre', 'add', '--slug', 'x', '--nom', 'X'], /Option inconnue : --nom/],
      [['centre', 'add', '--slug'], /L’option --slug attend une valeur/],
      [['user', 'add', '--centre', 'refus', '--email', 'a@exemple.fr', '--role', 'admin'], /LIEUDIT_PASSWORD/],
      [['user', 'add', '--centre', 'refus', '--email', 'a@exemple.fr', '--role', 'admin'], /au moins 12 caractères/, { LIEUDIT_PASSWORD: 'court' }],
      [['user', 'add', '--centre', 'refus', '--email', 'a@exemple.fr', '--role', 'chef'], /Rôle inconnu : « chef ».*facilitator/, { LIEUDIT_PASSWORD: PASSWORD }],
      [['user', 'add', '--centre', 'ailleurs', '--email', 'a@exemple.fr', '--role', 'admin'], /Aucun centre n’a l’identifiant « ailleurs »/, { LIEUDIT_PASSWORD: PASSWORD }],
      [['user', 'add', '--centre', 'refus', '--email', 'pas-une-adresse', '--role', 'admin'], /Adresse e-mail invalide/, { LIEUDIT_PASSWORD: PASSWORD }],
      [['user', 'add', '--centre', 'refus', '--email', 'mairie@exemple.fr', '--role', 'partner'], /indiquez --commune/, { LIEUDIT_PASSWORD: PASSWORD }],
      [['token', 'create', '--centre', 'refus', '--role', 'admin'], /Indiquez --name/],
      [['token', 'create', '--centre', 'ailleurs', '--role', 'admin', '--name', 'x'], /Aucun centre/],
      [['token', 'create', '--centre', 'refus', '--role', 'root', '--name', 'x'], /Rôle inconnu/],
      [['centre'], /Précisez la commande : lieudit centre add/],
      [['inventer'], /Commande inconnue : « inventer »/],
      [['backup'], /Indiquez un seul fichier/],
      [['restore', join(TMP_DIR, 'nulle-part.gz')], /Fichier introuvable/],
    ];
    // A few at a time: each one is a Node process, and the machine runs other tests too.
    const outcomes: Outcome[] = [];
    for (let i = 0; i < cases.length; i += 4) {
      outcomes.push(...(await Promise.all(cases.slice(i, i + 4).map(([args, , env]) => lieudit(db, args, env)))));
    }
    outcomes.forEach((outcome, i) => expectRefusal(outcome, cases[i]![1]));
    expect(await counts(db)).toEqual(before);

    // The same e-mail twice: the second is refused.
    expect((await lieudit(db, ['user', 'add', '--centre', 'refus', '--email', 'deux@exemple.fr', '--role', 'volunteer'], { LIEUDIT_PASSWORD: PASSWORD })).code).toBe(0);
    expectRefusal(
      await lieudit(db, ['user', 'add', '--centre', 'refus', '--email', 'DEUX@exemple.fr', '--role', 'admin'], { LIEUDIT_PASSWORD: PASSWORD }),
      /Un compte existe déjà avec cette adresse e-mail \(--email\)/,
    );
    expect((await counts(db)).users).toBe(before.users + 1);
  });

  it('sets up a federation from the terminal: its account signs in and reads its centres’ figures, nothing else', async () => {
    expect((await lieudit(db, ['centre', 'add', '--slug', 'membre', '--name', 'Centre membre', '--commune', '59122'])).code).toBe(0);
    const made = await lieudit(db, ['federation', 'add', '--slug', 'fcs-nord', '--name', 'Fédération du Nord']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Fédération créée : Fédération du Nord (fcs-nord).');
    const joined = await lieudit(db, ['federation', 'join', '--federation', 'fcs-nord', '--centre', 'membre']);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout).toContain('Le centre Centre membre fait partie de la fédération Fédération du Nord.');
    const before = await counts(db);
    const refusals = await Promise.all([
      lieudit(db, ['user', 'add', '--email', 'f@exemple.fr', '--role', 'federation_admin'], { LIEUDIT_PASSWORD: PASSWORD }),
      lieudit(db, ['user', 'add', '--email', 'f@exemple.fr', '--role', 'federation_admin', '--federation', 'inconnue'], { LIEUDIT_PASSWORD: PASSWORD }),
      lieudit(db, ['federation', 'add', '--slug', 'fcs-nord', '--name', 'Encore']),
      lieudit(db, ['token', 'create', '--centre', 'membre', '--role', 'federation_admin', '--name', 'x']),
    ]);
    expectRefusal(refusals[0]!, /indiquez --federation/);
    expectRefusal(refusals[1]!, /Aucune fédération n’a l’identifiant « inconnue »/);
    expectRefusal(refusals[2]!, /Une fédération a déjà cet identifiant/);
    expectRefusal(refusals[3]!, /--role/);
    expect(await counts(db)).toEqual(before);

    const account = await lieudit(db, ['user', 'add', '--email', 'federation@nord.fr', '--role', 'federation_admin', '--federation', 'fcs-nord'], { LIEUDIT_PASSWORD: PASSWORD });
    expect(account.code, account.stderr).toBe(0);
    expect(account.stdout).toContain('Compte créé : federation <federation@nord.fr>, federation_admin, fédération Fédération du Nord.');
    const client = new Client(app);
    await client.get('/connexion');
    expect((await client.post('/connexion', { email: 'federation@nord.fr', password: PASSWORD })).statusCode).toBe(303);
    const page = await client.get('/federation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Fédération du Nord');
    expect((await client.get('/personnes')).statusCode).toBe(403);
  });

  it('makes, lists and revokes a federation’s API tokens from the terminal, through the same rules as its page', async () => {
    expect((await lieudit(db, ['centre', 'add', '--slug', 'hote', '--name', 'Centre hôte', '--commune', '59122'])).code).toBe(0);
    expect((await lieudit(db, ['federation', 'add', '--slug', 'fcs-jetons', '--name', 'Fédération des jetons'])).code).toBe(0);
    expect((await lieudit(db, ['federation', 'add', '--slug', 'fcs-voisine', '--name', 'Fédération voisine'])).code).toBe(0);
    const tokenCount = async () => (await db.kysely.selectFrom('federationApiTokens').select('id').execute()).length;

    // Refused before anything is made: a sentence, exit code 1.
    const cases: [string[], RegExp][] = [
      [['federation-token', 'create', '--federation', 'fcs-jetons', '--name', 'tableau'], /La fédération Fédération des jetons n’a encore aucun centre.*lieudit federation join/],
      [['federation-token', 'create', '--federation', 'inconnue', '--name', 'tableau'], /Aucune fédération n’a l’identifiant « inconnue »/],
      [['federation-token', 'create', '--federation', 'fcs-jetons'], /Indiquez --name/],
      [['federation-token', 'create', '--name', 'tableau'], /Indiquez --federation/],
      [['federation-token', 'list'], /Indiquez --federation/],
      [['federation-token', 'revoke', '--federation', 'fcs-jetons'], /Indiquez --id/],
      [['federation-token', 'effacer'], /Précisez la commande : lieudit federation-token create/],
    ];
    const refusals = await Promise.all(cases.map(([args]) => lieudit(db, args)));
    refusals.forEach((outcome, i) => expectRefusal(outcome, cases[i]![1]));
    expect(await tokenCount()).toBe(0);

    expect((await lieudit(db, ['federation', 'join', '--federation', 'fcs-jetons', '--centre', 'hote'])).code).toBe(0);
    expectRefusal(await lieudit(db, ['federation-token', 'create', '--federation', 'fcs-jetons', '--name', 'x'.repeat(81)]), /--name : Ce texte est trop long/);
    expect(await tokenCount()).toBe(0);

    const made = await lieudit(db, ['federation-token', 'create', '--federation', 'fcs-jetons', '--name', 'tableau régional']);
    expect(made.code, made.stderr).toBe(0);
    // Only the token, so that TOKEN=$(lieudit federation-token create …) works.
    expect(made.stdout).toMatch(/^ldf_[\w-]{40,}\n$/);
    const clear = made.stdout.trim();
    const federation = await db.kysely.selectFrom('federations').select(['id']).where('slug', '=', 'fcs-jetons').executeTakeFirstOrThrow();
    const host = await db.kysely.selectFrom('centers').select('id').where('slug', '=', 'hote').executeTakeFirstOrThrow();
    const row = await db.kysely.selectFrom('federationApiTokens').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ federationId: federation.id, centerId: host.id, name: 'tableau régional', tokenHash: sha256(clear), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(clear);
    const report = await app.inject({ method: 'GET', url: '/api/v1/federation/report?from=2026-01-01&to=2026-12-31', headers: { authorization: `Bearer ${clear}` } });
    expect(report.statusCode).toBe(200);
    expect(report.json().federation.name).toBe('Fédération des jetons');
    // The federation named by its id works as by its slug.
    const byId = await lieudit(db, ['federation-token', 'create', '--federation', federation.id, '--name', 'second outil']);
    expect(byId.code, byId.stderr).toBe(0);

    const list = await lieudit(db, ['federation-token', 'list', '--federation', 'fcs-jetons']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Jetons de la fédération Fédération des jetons :');
    expect(list.stdout).toMatch(new RegExp(`^${row.id}  « tableau régional »  créé le \\d{2}/\\d{2}/\\d{4} .*, (jamais utilisé|utilisé le .*), en service$`, 'm'));
    expect(list.stdout).toContain('« second outil »');
    expect(list.stdout).not.toContain(clear);
    expect(list.stdout).not.toContain(row.tokenHash);
    const neighbour = await lieudit(db, ['federation-token', 'list', '--federation', 'fcs-voisine']);
    expect(neighbour.stdout).toBe('Aucun jeton pour la fédération Fédération voisine.\n');

    // Another federation's token, an unknown id: nothing revoked.
    expectRefusal(await lieudit(db, ['federation-token', 'revoke', '--federation', 'fcs-voisine', '--id', row.id]), /La fédération Fédération voisine n’a aucun jeton d’id/);
    expectRefusal(await lieudit(db, ['federation-token', 'revoke', '--federation', 'fcs-jetons', '--id', 'inconnu']), /aucun jeton d’id « inconnu »/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/federation/report', headers: { authorization: `Bearer ${clear}` } })).statusCode).toBe(200);

    const revoked = await lieudit(db, ['federation-token', 'revoke', '--federation', 'fcs-jetons', '--id', row.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toBe('Le jeton « tableau régional » est révoqué : il ne donne plus accès à l’API.\n');
    // Revoked by another process: a running server forgets the token it had looked up at once
    // on PostgreSQL (its change notice), within a second on SQLite (how long it trusts a lookup).
    const deadline = Date.now() + 1_500;
    let status = 0;
    do {
      status = (await app.inject({ method: 'GET', url: '/api/v1/federation/report', headers: { authorization: `Bearer ${clear}` } })).statusCode;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 100));
    } while (status !== 401 && Date.now() < deadline);
    expect(status).toBe(401);
    expectRefusal(await lieudit(db, ['federation-token', 'revoke', '--federation', 'fcs-jetons', '--id', row.id]), /Le jeton « tableau régional » est déjà révoqué/);
    expect((await lieudit(db, ['federation-token', 'list', '--federation', 'fcs-jetons'])).stdout).toMatch(/« tableau régional ».*, révoqué le \d{2}\/\d{2}\/\d{4}/);

    // Audited as the page's are, by the terminal, in the hosting centre.
    const audited = await db.kysely.selectFrom('auditLog').select(['action', 'subjectType', 'actorLabel', 'centerId']).where('subjectId', '=', row.id).execute();
    expect(audited.sort((x, y) => x.action.localeCompare(y.action))).toEqual([
      { action: 'grant', subjectType: 'federation_api_token', actorLabel: 'ligne de commande', centerId: host.id },
      { action: 'revoke', subjectType: 'federation_api_token', actorLabel: 'ligne de commande', centerId: host.id },
    ]);
  });

  it('explains every command with --help', async () => {
    const general = await lieudit(db, ['--help']);
    expect(general.code).toBe(0);
    for (const name of ['serve', 'migrate', 'centre add', 'user add', 'token create', 'federation-token create', 'federation-token list', 'federation-token revoke', 'backup', 'restore']) {
      expect(general.stdout).toContain(`  ${name}`);
    }
    const helps = await Promise.all(
      [['serve'], ['migrate'], ['centre', 'add'], ['user', 'add'], ['token', 'create'], ['backup'], ['restore']].map((c) => lieudit(db, [...c, '--help'])),
    );
    for (const help of helps) {
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Utilisation : lieudit /);
    }
    expect(helps[3]!.stdout).toContain('LIEUDIT_PASSWORD');
    expect(helps[6]!.stdout).toContain('--force');
    const bare = await lieudit(db, []);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('Utilisation : lieudit <commande>');
  });
});

describe('lieudit backup and restore', { timeout: 300_000 }, () => {
  const dir = join(TMP_DIR, `cli-backup-${newId().slice(-8)}`);
  let source: TestDb;
  let target: TestDb;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    source = await createTestDb();
    target = await createTestDb();
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a database and puts it back into an empty one; refuses a filled one without --force', async () => {
    expect((await lieudit(source, ['centre', 'add', '--slug', 'source', '--name', 'Centre « source »', '--commune', '59122'])).code).toBe(0);
    expect((await lieudit(source, ['user', 'add', '--centre', 'source', '--email', 'a@exemple.fr', '--role', 'admin'], { LIEUDIT_PASSWORD: PASSWORD })).code).toBe(0);
    const file = join(dir, 'lieudit.jsonl.gz');
    const saved = await lieudit(source, ['backup', file]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/^Sauvegarde écrite : .*lieudit\.jsonl\.gz — \d+ lignes dans \d+ tables/);

    const restored = await lieudit(target, ['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restauration terminée : \d+ lignes/);
    expect(await target.kysely.selectFrom('centers').select(['slug', 'name']).execute()).toEqual([{ slug: 'source', name: 'Centre « source »' }]);
    expect(await target.kysely.selectFrom('users').select('email').execute()).toEqual([{ email: 'a@exemple.fr' }]);

    expectRefusal(await lieudit(target, ['restore', file]), /contient déjà des données.*--force/);
    const forced = await lieudit(target, ['restore', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('les données précédentes ont été remplacées');
    expect(await counts(target)).toEqual(await counts(source));
  });
});
