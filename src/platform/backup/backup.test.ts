import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDb, type Db } from '../../db/kysely.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createCentre, createTestApp, testClock, type TestApp } from '../../../tests/support/app.ts';
import { createTestDb, TMP_DIR, testDialect } from '../../../tests/support/databases.ts';
import { systemActor } from '../auth/actor.ts';
import { audit } from '../audit.ts';
import { newId } from '../ids.ts';
import { writeBackup } from './backup.ts';
import { orderByDependencies, readCatalog, type RawDb, type TableInfo } from './catalog.ts';
import { BackupError, LineTooLongError, MAX_LINE_LENGTH } from './format.ts';
import { restoreBackup } from './restore.ts';

const dir = join(TMP_DIR, `backup-${newId().slice(-8)}`);
mkdirSync(dir, { recursive: true });
const file = (name: string) => join(dir, name);
const raw = (db: Db) => db.kysely.withoutPlugins() as RawDb;

const TRICKY = 'Ligne 1 « guillemets » "doubles" \'simples\'\nligne 2\ttabulation ; émoji 🙂 ; antislash \\ ; fin';

/** A centre with something in every table, through the platform services where they exist. */
async function fill(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  const k = ctx.kysely;
  const centerId = await createCentre(app, `sauvegarde-${newId().slice(-6)}`, 'Centre social « L’Escale » d’Avesnes-lès-Aubert');
  const now = ctx.clock.nowIso();
  await k.insertInto('sites').values([
    { id: newId(), centerId, name: 'Salle des fêtes\n1er étage', kind: 'village_hall', address: null, communeInsee: '59014', accessibility: 'Rampe "PMR"', archivedAt: null, createdAt: now, updatedAt: now },
    { id: newId(), centerId, name: 'La navette', kind: 'vehicle', address: '', communeInsee: null, accessibility: null, archivedAt: now, createdAt: now, updatedAt: now },
  ]).execute();
  await k.insertInto('partnerCommunes').values({ id: newId(), centerId, communeInsee: '59122', contactName: 'Mme Bérénice D’Halluin', contactEmail: null, createdAt: now }).execute();

  const admin = await ctx.auth.createUser({ centerId, email: 'direction@exemple.fr', displayName: 'Hélène Lefèvre', role: 'admin', password: 'un mot de passe solide' });
  const gone = await ctx.auth.createUser({ centerId, email: 'ancien@exemple.fr', displayName: 'Ancien « bénévole »', role: 'volunteer' });
  await ctx.auth.updateUser(centerId, gone.id, { active: false });
  await ctx.auth.createUser({ centerId, email: 'mairie@exemple.fr', displayName: 'Mairie', role: 'partner', partnerCommuneInsee: '59122' });
  await ctx.auth.openSession(admin);
  await ctx.auth.createToken(centerId, 'coordinator', 'Export « tableur »');
  const revoked = await ctx.auth.createToken(centerId, 'facilitator', 'ancien jeton');
  await ctx.auth.revokeToken(centerId, revoked.id);
  await ctx.auth.requestPasswordReset('direction@exemple.fr', 'fr');
  await ctx.auth.whenIdle();
  await ctx.outbox.queue({ centerId, channel: 'sms', recipient: '0612345678', body: TRICKY, dedupeKey: 'rappel-1' });

  const householdId = newId();
  await k.insertInto('households').values({ id: householdId, centerId, name: 'Foyer Dupré-Séverin', createdAt: now }).execute();
  const firstNames = ['Élodie', 'Zoé', 'François', 'Gaëlle', 'Noël', 'Chloé', null];
  const lastNames = ["D'Hondt", 'Lefèvre', 'Dupré-Séverin', 'Œuvray', 'Müller', null, 'Van Den Bossche'];
  for (let i = 0; i < 40; i++) {
    const personId = newId();
    const firstName = firstNames[i % firstNames.length]!;
    const lastName = lastNames[(i * 3) % lastNames.length]!;
    await k.insertInto('persons').values({
      id: personId, centerId, firstName, lastName,
      searchText: `${firstName ?? ''} ${lastName ?? ''}`.toLowerCase(),
      phone: i % 3 === 0 ? null : `06${String(10_000_000 + i * 7919).slice(0, 8)}`,
      email: i % 4 === 0 ? `p${i}@exemple.fr` : null,
      birthYear: i % 5 === 0 ? null : 1940 + i,
      ageBracket: i % 5 === 0 ? 'non_communique' : 'soixante_dix_plus',
      communeInsee: i % 2 === 0 ? '59122' : null,
      householdId: i < 3 ? householdId : null,
      socialStatus: 'retraite', gender: 'non_communique',
      accessibilityNeeds: i === 1 ? TRICKY : null,
      mergedIntoId: null, erasedAt: null, createdBy: admin.id, createdAt: now, updatedAt: now,
    }).execute();
    await k.insertInto('consents').values([
      { id: newId(), centerId, personId, kind: 'data_processing', granted: true, wordingVersion: '2026-01', recordedAt: now, recordedBy: admin.id },
      { id: newId(), centerId, personId, kind: 'photos', granted: i % 2 === 0, wordingVersion: '2026-01', recordedAt: now, recordedBy: null },
    ]).execute();
    if (i % 2 === 0) await k.insertInto('memberships').values({ id: newId(), centerId, personId, year: 2026, amountCents: i % 4 === 0 ? 500 : null, recordedAt: now }).execute();
    if (i % 10 === 0) await audit(k, ctx.clock, systemActor(centerId), 'create', 'person', personId, { fields: ['firstName', 'lastName'], note: TRICKY });
  }
}

/**
 * Every table's rows in key order, read with plain SQL (not through the code under test), as a
 * backup may hold them: without the secret part of outbox messages (tested on its own below)
 * nor two-step secrets (src/platform/auth/two-step.test.ts).
 */
async function dump(db: Db, tables: TableInfo[]): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) {
    const order = sql.join((table.primaryKey.length ? table.primaryKey : table.columns.map((c) => c.name)).map((c) => sql.ref(c)));
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)} order by ${order}`.execute(raw(db));
    out[table.name] = table.name === 'outbox' || table.name === 'staff_two_step' ? rows.map((r) => ({ ...r, secret: null })) : rows;
  }
  return out;
}

/** The same rows, with booleans as 1/0 whatever the dialect, for cross-dialect comparisons. */
function booleansAsIntegers(rows: Record<string, Record<string, unknown>[]>): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    Object.entries(rows).map(([t, list]) => [
      t,
      list.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, typeof v === 'boolean' ? (v ? 1 : 0) : v]))),
    ]),
  );
}

async function rowCount(db: Db, tables: TableInfo[]): Promise<number> {
  let total = 0;
  for (const rows of Object.values(await dump(db, tables))) total += rows.length;
  return total;
}

async function createSelfReferencingTable(db: Db): Promise<void> {
  // A table no migration knows, pointing at itself: proves tables are found from the
  // database, and that a child saved before its parent still restores.
  await raw(db).schema
    .createTable('zz_tree')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('zz_tree.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
}

describe('backup and restore round trip', () => {
  let source: TestApp;
  let tables: TableInfo[];
  beforeAll(async () => {
    source = await createTestApp();
    await fill(source.app);
    await createSelfReferencingTable(source.db);
    // A chain longer than a restore batch where each node points at the next one: rows are
    // saved in key order, so every child comes before its parent.
    const ids = Array.from({ length: 1200 }, () => newId());
    const nodes = ids.map((id, i) => ({ id, parent_id: ids[i + 1] ?? null, label: `nœud ${i}` }));
    await raw(source.db).insertInto('zz_tree').values(nodes.reverse()).execute();
    tables = await readCatalog(raw(source.db), source.db.dialect);
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every table, parents before children', () => {
    const names = tables.map((t) => t.name);
    for (const name of ['centers', 'users', 'persons', 'consents', 'outbox', 'zz_tree']) expect(names).toContain(name);
    expect(names).not.toContain('kysely_migration');
    // Derived from the rows (versions kept by triggers, figures counted from them): not backed up.
    expect(names).not.toContain('report_versions');
    expect(names).not.toContain('report_figures');
    for (const table of tables) {
      for (const fk of table.foreignKeys) {
        if (fk.table !== table.name) expect(names.indexOf(fk.table), `${table.name} → ${fk.table}`).toBeLessThan(names.indexOf(table.name));
      }
    }
    expect(tables.find((t) => t.name === 'zz_tree')!.deferred).toEqual(['parent_id']);
  });

  it('restores every row of every table, identical, into a fresh database of the same dialect', async () => {
    const summary = await writeBackup(source.db, file('same.lieudit.gz'), source.clock, { pageSize: 7 });
    expect(summary.rows).toBe(await rowCount(source.db, tables));
    expect(summary.tables.find((t) => t.name === 'persons')!.rows).toBe(40);

    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      const restored = await restoreBackup(target, file('same.lieudit.gz'));
      expect(restored.rows).toBe(summary.rows);
      expect(restored.wiped).toBe(false);
      const after = await dump(target, tables);
      const before = await dump(source.db, tables);
      for (const table of tables) expect(after[table.name], table.name).toEqual(before[table.name]);
      // The restored database works: the admin signs in with the password saved in the backup.
      const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: target, migrate: false, clock: testClock() });
      expect(await app.ctx.auth.login('direction@exemple.fr', 'un mot de passe solide')).not.toBeNull();
      await app.close();
    } finally {
      await target.drop();
    }
  });

  it('is online and consistent: writes made while it runs succeed and are not in the file', async () => {
    const other = createDb(source.db.url);
    const centerId = (await source.db.kysely.selectFrom('centers').select('id').executeTakeFirstOrThrow()).id;
    const before = await source.db.kysely.selectFrom('persons').select('id').execute();
    let written = 0;
    try {
      const summary = await writeBackup(source.db, file('online.lieudit.gz'), source.clock, {
        pageSize: 5,
        // While the backup is half-way through the persons, another connection (the server)
        // adds a person; it commits at once.
        onPage: async (table, rows) => {
          if (table !== 'persons' || rows !== 5) return;
          const now = source.clock.nowIso();
          await other.kysely.insertInto('persons').values({
            id: newId(), centerId, firstName: 'Pendant', lastName: 'La Sauvegarde', searchText: 'pendant la sauvegarde', phone: null, email: null,
            birthYear: null, ageBracket: 'non_communique', communeInsee: null, householdId: null, socialStatus: 'non_communique',
            gender: 'non_communique', accessibilityNeeds: null, mergedIntoId: null, erasedAt: null, createdBy: null, createdAt: now, updatedAt: now,
          }).execute();
          written += 1;
        },
      });
      expect(written).toBe(1);
      expect(summary.tables.find((t) => t.name === 'persons')!.rows).toBe(before.length);
      expect((await other.kysely.selectFrom('persons').select('id').execute()).length).toBe(before.length + 1);
    } finally {
      await other.kysely.deleteFrom('persons').where('firstName', '=', 'Pendant').execute();
      await other.close();
    }
  });

  it('writes a readable header, one line per row, and a footer with the counts', async () => {
    const before = source.clock.nowIso();
    await writeBackup(source.db, file('lines.lieudit.gz'), source.clock);
    const lines = gunzipSync(readFileSync(file('lines.lieudit.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'lieudit-backup', version: 1, dialect: testDialect() });
    // Dated by the clock it was given.
    expect(lines[0].createdAt >= before && lines[0].createdAt <= source.clock.nowIso()).toBe(true);
    expect(lines[0].migrations[0]).toBe('2026_11_26_0001_foundation');
    expect(lines.at(-1)).toMatchObject({ end: true, counts: { persons: 40 } });
    const sms = lines.find((l) => l.t === 'outbox' && l.r.channel === 'sms');
    expect(sms.r.body).toBe(TRICKY);
    expect(lines.findIndex((l) => l.t === 'centers')).toBeLessThan(lines.findIndex((l) => l.t === 'persons'));
    expect(lines.findIndex((l) => l.t === 'persons')).toBeLessThan(lines.findIndex((l) => l.t === 'consents'));
  });

  it('makes the folder it is asked to write into', async () => {
    const nested = file('sauvegardes/2026/decembre.lieudit.gz');
    const summary = await writeBackup(source.db, nested, source.clock);
    expect(summary.tables.find((t) => t.name === 'persons')?.rows).toBe(40);
    expect(gunzipSync(readFileSync(nested)).toString('utf8').split('\n')[0]).toContain('lieudit-backup');
  });

  it('keeps credential links out of the file: the reset e-mail is saved, its link is not, and restored it is never sent half-blank', async () => {
    const reset = await source.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'direction@exemple.fr').executeTakeFirstOrThrow();
    const link = source.app.ctx.outbox.forRecipient(reset)!.body.match(/https?:\/\/\S+jeton=[\w-]+/)![0];
    await writeBackup(source.db, file('secrets.lieudit.gz'), source.clock);
    const text = gunzipSync(readFileSync(file('secrets.lieudit.gz'))).toString('utf8');
    expect(text).not.toContain(link);
    expect(text).not.toContain('jeton=');
    expect(text).not.toContain(reset.secret!);
    const saved = text.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.t === 'outbox' && l.r.id === reset.id);
    expect(saved.r.secret).toBeNull();

    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      await restoreBackup(target, file('secrets.lieudit.gz'));
      const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: target, migrate: false, clock: testClock() });
      const sent: string[] = [];
      app.ctx.outbox.useSender({ channel: 'email', send: async (m) => void sent.push(m.body) });
      await target.kysely.updateTable('outbox').set({ status: 'pending' }).where('id', '=', reset.id).execute();
      await app.ctx.outbox.deliverPending();
      expect(sent).toEqual([]);
      const row = await target.kysely.selectFrom('outbox').selectAll().where('id', '=', reset.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.lastError).toMatch(/demandez un nouveau lien/);
      await app.close();
    } finally {
      await target.drop();
    }
  });

  it('refuses a target that holds data, and replaces it with --force', async () => {
    await writeBackup(source.db, file('force.lieudit.gz'), source.clock);
    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: target, migrate: false, clock: testClock() });
      const other = await createCentre(app, 'autre-centre');
      // Figures kept for that centre go with it when --force wipes the target.
      await target.kysely.insertInto('reportFigures').values({ centerId: other, periodFrom: '2026-01-01', periodTo: '2026-12-31', version: 1, figures: '{}', countedAt: app.ctx.clock.nowIso() }).execute();
      await expect(restoreBackup(target, file('force.lieudit.gz'))).rejects.toThrow(/contient déjà des données \(centers\)/);
      const centres = await target.kysely.selectFrom('centers').select('slug').execute();
      expect(centres).toEqual([{ slug: 'autre-centre' }]);

      const restored = await restoreBackup(target, file('force.lieudit.gz'), { force: true });
      expect(restored.wiped).toBe(true);
      expect(await target.kysely.selectFrom('reportFigures').selectAll().execute()).toEqual([]);
      const after = await dump(target, tables);
      const before = await dump(source.db, tables);
      for (const table of tables) expect(after[table.name], table.name).toEqual(before[table.name]);
      await app.close();
    } finally {
      await target.drop();
    }
  });

  it('refuses a truncated file, a file that is not a backup, and a backup from a newer version, changing nothing', async () => {
    await writeBackup(source.db, file('full.lieudit.gz'), source.clock);
    const text = gunzipSync(readFileSync(file('full.lieudit.gz'))).toString('utf8');
    const lines = text.trim().split('\n');
    writeFileSync(file('truncated.lieudit.gz'), gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    writeFileSync(file('cut.lieudit.gz'), readFileSync(file('full.lieudit.gz')).subarray(0, 200));
    writeFileSync(file('plain.txt'), 'bonjour\n');
    const newer = { ...JSON.parse(lines[0]!), migrations: [...JSON.parse(lines[0]!).migrations, '2099_01_01_0001_future'] };
    writeFileSync(file('newer.lieudit.gz'), gzipSync([JSON.stringify(newer), ...lines.slice(1)].join('\n')));

    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      await expect(restoreBackup(target, file('truncated.lieudit.gz'))).rejects.toThrow(/incomplète/);
      await expect(restoreBackup(target, file('cut.lieudit.gz'))).rejects.toThrow(/abîmé, tronqué/);
      await expect(restoreBackup(target, file('plain.txt'))).rejects.toThrow(/non compressé/);
      await expect(restoreBackup(target, file('newer.lieudit.gz'))).rejects.toThrow(BackupError);
      await expect(restoreBackup(target, file('newer.lieudit.gz'))).rejects.toThrow(/2099_01_01_0001_future/);
      expect(await rowCount(target, tables)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses a small file holding one 60 MB line as soon as the line passes 16 MB, reading no further', async () => {
    const header = gunzipSync(readFileSync(file('full.lieudit.gz'))).toString('utf8').split('\n')[0]!;
    const megabyte = Buffer.alloc(1024 * 1024, 'a');
    async function* hostile() {
      yield Buffer.from(`${header}\n{"t":"centers","r":{"name":"`);
      for (let i = 0; i < 60; i++) yield megabyte;
      yield Buffer.from('"}}\n');
    }
    await pipeline(hostile, createGzip(), createWriteStream(file('hostile.lieudit.gz')));
    expect(readFileSync(file('hostile.lieudit.gz')).length).toBeLessThan(200_000);

    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      const heapBefore = process.memoryUsage().heapUsed;
      const refusal = await restoreBackup(target, file('hostile.lieudit.gz')).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(BackupError);
      expect((refusal as Error).message).toMatch(/^La ligne 2 de « .* » dépasse 16 Mo : aucune ligne d’une sauvegarde Lieudit n’est aussi longue/);
      // Stopped just past the cap (one decompressed chunk), not after the 60 MB of the line.
      const { charsRead } = (refusal as Error).cause as LineTooLongError;
      expect(charsRead).toBeGreaterThan(MAX_LINE_LENGTH);
      expect(charsRead).toBeLessThan(MAX_LINE_LENGTH + 1024 * 1024);
      // Nothing close to the line itself stays alive in memory.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
      expect(await rowCount(target, tables)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('reports a row the database refuses in French, without SQL, and leaves the target as it was', async () => {
    const lines = gunzipSync(readFileSync(file('full.lieudit.gz'))).toString('utf8').trim().split('\n');
    const centre = lines.find((l) => JSON.parse(l).t === 'centers')!;
    const footer = JSON.parse(lines.at(-1)!) as { counts: Record<string, number> };
    footer.counts.centers! += 1;
    const broken = [...lines.slice(0, -1)];
    broken.splice(broken.indexOf(centre) + 1, 0, centre);
    writeFileSync(file('duplicate.lieudit.gz'), gzipSync(`${[...broken, JSON.stringify(footer)].join('\n')}\n`));

    const target = await createTestDb();
    try {
      await createSelfReferencingTable(target);
      const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: target, migrate: false, clock: testClock() });
      await createCentre(app, 'centre-en-place');
      const refusal = await restoreBackup(target, file('duplicate.lieudit.gz'), { force: true }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(BackupError);
      expect((refusal as Error).message).toBe(
        "La sauvegarde n'a pas pu être restaurée : deux lignes portent la même valeur là où elle doit être unique (table « centers »). La base est restée comme avant.",
      );
      // The wipe that --force began is rolled back with the failed insert.
      expect(await target.kysely.selectFrom('centers').select('slug').execute()).toEqual([{ slug: 'centre-en-place' }]);
      await app.close();
    } finally {
      await target.drop();
    }
  });

  it('refuses a target migrated beyond the backup', async () => {
    const text = gunzipSync(readFileSync(file('full.lieudit.gz'))).toString('utf8').trim().split('\n');
    const older = { ...JSON.parse(text[0]!), migrations: [] };
    writeFileSync(file('older.lieudit.gz'), gzipSync([JSON.stringify(older), JSON.stringify({ end: true, counts: {} })].join('\n')));
    const target = await createTestDb();
    try {
      await expect(restoreBackup(target, file('older.lieudit.gz'))).rejects.toThrow(/base neuve/);
    } finally {
      await target.drop();
    }
  });
});

describe('dependency order', () => {
  const table = (name: string, refs: [string, string][]): TableInfo => ({
    name, columns: [], primaryKey: ['id'], foreignKeys: refs.map(([column, t]) => ({ column, table: t })), deferred: [],
  });

  it('puts parents first, breaks ties by name, and defers the columns of a cycle', () => {
    const ordered = orderByDependencies([
      table('b_child', [['a_id', 'a_parent']]),
      table('a_parent', []),
      table('c_cycle', [['d_id', 'd_cycle'], ['parent_id', 'c_cycle']]),
      table('d_cycle', [['c_id', 'c_cycle'], ['a_id', 'a_parent']]),
    ]);
    expect(ordered.map((t) => t.name)).toEqual(['a_parent', 'b_child', 'c_cycle', 'd_cycle']);
    expect(ordered.find((t) => t.name === 'c_cycle')!.deferred.sort()).toEqual(['d_id', 'parent_id']);
    expect(ordered.find((t) => t.name === 'd_cycle')!.deferred).toEqual([]);
  });
});

/** SQLite → PostgreSQL and back, when a PostgreSQL server is at hand. */
describe.skipIf(!process.env.TEST_DATABASE_URL?.startsWith('postgres'))('backup across dialects', () => {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const pgName = `lieudit_cross_${newId().slice(-8).replace(/-/g, '')}`;
  const pgUrl = () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${pgName}`;
    return url.toString();
  };
  let sqliteDb: Db;
  let pgDb: Db;
  let backSqlite: Db;
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    await admin(`CREATE DATABASE ${pgName}`);
    sqliteDb = createDb(`sqlite:${file('cross-source.db')}`);
    pgDb = createDb(pgUrl());
    backSqlite = createDb(`sqlite:${file('cross-back.db')}`);
  });
  afterAll(async () => {
    await sqliteDb.close();
    await pgDb.close();
    await backSqlite.close();
    await admin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  });

  it('restores a SQLite backup into an empty PostgreSQL database, and that one back into SQLite', async () => {
    await migrateToLatest(sqliteDb);
    const app = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: sqliteDb, migrate: false, clock: testClock() });
    await fill(app);
    await app.close();
    const tables = await readCatalog(raw(sqliteDb), 'sqlite');
    await writeBackup(sqliteDb, file('cross.lieudit.gz'), app.ctx.clock);

    // An empty PostgreSQL database, never migrated: restore brings it to the backup's level.
    const restored = await restoreBackup(pgDb, file('cross.lieudit.gz'));
    expect(restored.header.dialect).toBe('sqlite');
    const fromSqlite = await dump(sqliteDb, tables);
    const inPg = await dump(pgDb, tables);
    expect(booleansAsIntegers(inPg)).toEqual(fromSqlite);
    // Booleans became real booleans on PostgreSQL.
    expect(inPg.users!.map((u) => u.active).sort()).toEqual([false, true, true]);

    const pgApp = await buildApp(loadConfig({ NODE_ENV: 'test' }), { db: pgDb, migrate: false, clock: testClock() });
    expect(await pgApp.ctx.auth.login('direction@exemple.fr', 'un mot de passe solide')).not.toBeNull();
    await pgApp.close();

    await writeBackup(pgDb, file('cross-back.lieudit.gz'), pgApp.ctx.clock);
    await restoreBackup(backSqlite, file('cross-back.lieudit.gz'));
    const back = await dump(backSqlite, tables);
    // The login above wrote last_login_at and a session: compare what did not change.
    const { users: _u, auth_sessions: _s, ...rest } = back;
    const { users: _u2, auth_sessions: _s2, ...expected } = fromSqlite;
    expect(rest).toEqual(expected);
    expect(back.users!.map((u) => u.active).sort()).toEqual([0, 1, 1]);
  });
});
