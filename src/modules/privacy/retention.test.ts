import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { newId } from '../../platform/ids.ts';
import { personalDataInventory } from '../../platform/personal-data-inventory.ts';

// 03:30 in Paris (summer time): the hour of the nightly purge.
const NOW = '2026-06-15T01:30:00.000Z';
const ago = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

describe('retention of personal data', () => {
  let t: TestApp;
  let centre: string;
  let other: string;
  let admin: Client & { userId: string };

  async function person(centerId: string, name: string, at: string): Promise<string> {
    const id = newId();
    await t.db.kysely
      .insertInto('persons')
      .values({
        id, centerId, firstName: name, lastName: 'Lefèvre', searchText: `${name} lefevre`, phone: '0612345678', email: `${name}@exemple.fr`,
        birthYear: 1950, ageBracket: '70+', communeInsee: '59122', householdId: null, socialStatus: 'retired', gender: 'female',
        accessibilityNeeds: 'Malvoyante', mergedIntoId: null, erasedAt: null, createdBy: null, createdAt: at, updatedAt: at,
      })
      .execute();
    return id;
  }

  async function accompaniment(centerId: string, personId: string, at: string): Promise<string> {
    const id = newId();
    await t.db.kysely
      .insertInto('helpdeskAccompaniments')
      .values({
        id, centerId, personId, appointmentId: null, siteId: null, recordedBy: null, occurredAt: at, durationMinutes: 45, placeType: 'centre',
        equipment: 'own', themes: '["demarches_en_ligne"]', procedureCategory: 'caf', details: 'Dossier CAF de Mme Lefèvre, mot de passe oublié',
        autonomy: 'with_help', redirected: false, redirectStructure: null, followUp: false, origin: 'appointment', createdAt: at, updatedAt: at,
      })
      .execute();
    return id;
  }

  async function message(centerId: string, status: string, at: string): Promise<string> {
    const id = newId();
    await t.db.kysely
      .insertInto('outbox')
      .values({ id, centerId, channel: 'email', recipient: 'odette@exemple.fr', subject: 'Rappel', body: 'Bonjour Odette', status, lastError: null, dedupeKey: null, relatedType: null, relatedId: null, personId: null, createdAt: at, sentAt: null, secret: null })
      .execute();
    return id;
  }

  async function auditRow(centerId: string, at: string): Promise<string> {
    const id = newId();
    await t.db.kysely.insertInto('auditLog').values({ id, centerId, actorId: null, actorLabel: 'Claire', action: 'view', subjectType: 'person', subjectId: null, details: null, at }).execute();
    return id;
  }

  async function submission(centerId: string, at: string): Promise<string> {
    const id = newId();
    await t.db.kysely.insertInto('publicSubmissions').values({ id, centerId, kind: 'booking', personId: null, emailHash: 'h1', phoneHash: 'h2', ipHash: 'h3', createdAt: at }).execute();
    return id;
  }

  async function session(centerId: string, userId: string, lastSeenAt: string): Promise<string> {
    const id = newId();
    await t.db.kysely.insertInto('authSessions').values({ id, centerId, userId, createdAt: lastSeenAt, lastSeenAt, expiresAt: ago(-30) }).execute();
    return id;
  }

  const exists = async (table: 'outbox' | 'auditLog' | 'publicSubmissions' | 'authSessions', id: string) =>
    (await t.db.kysely.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  beforeAll(async () => {
    t = await createTestApp({}, { now: NOW });
    centre = await createCentre(t.app, 'retention-a', 'Centre social Les Tilleuls');
    other = await createCentre(t.app, 'retention-b', 'Centre social du Cambrésis');
    admin = await signIn(t.app, centre, 'admin');
  });
  afterAll(() => t.close());

  it('shows the defaults on the settings page, and refuses a period out of its bounds with the error beside the field', async () => {
    const page = await admin.get('/rgpd/conservation');
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toContain('Durées de conservation des données personnelles');
    expect(page.body).toMatch(/name="inactivePersons"[^>]*value="36"|value="36"[^>]*name="inactivePersons"/);
    const refused = await admin.post('/rgpd/conservation', { inactivePersons: '2', notes: '24', messages: '6', auditLog: '12', sessions: '30', publicLimits: '0' });
    expect(refused.statusCode).toBe(422);
    expect(titleOf(refused.body)).toMatch(/^Erreur : /);
    expect(refused.body).toContain('Indiquez un nombre de mois entre 6 et 120, par exemple 36');
    expect(refused.body).toContain('Indiquez un nombre de jours entre 1 et 30, par exemple 2');
    expect(await t.db.kysely.selectFrom('retentionPeriods').selectAll().execute()).toEqual([]);
  });

  it('purges each kind of data past its period, keeps newer data, another centre’s data and the statistics', async () => {
    const oldPerson = await person(centre, 'Odette', ago(4 * 365));
    const oldNote = await accompaniment(centre, oldPerson, ago(4 * 365));
    const recentPerson = await person(centre, 'Marcel', ago(30));
    const stillComing = await person(centre, 'Huguette', ago(4 * 365));
    const recentNote = await accompaniment(centre, stillComing, ago(20));
    const elsewhere = await person(other, 'Gisèle', ago(4 * 365));

    const oldSent = await message(centre, 'sent', ago(200));
    const oldPending = await message(centre, 'pending', ago(200));
    const newSent = await message(centre, 'sent', ago(100));
    const oldAudit = await auditRow(centre, ago(400));
    const newAudit = await auditRow(centre, ago(300));
    const oldSession = await session(centre, admin.userId, ago(31));
    const newSession = await session(centre, admin.userId, ago(29));
    const oldLimit = await submission(centre, ago(3));
    const newLimit = await submission(centre, ago(1));

    const reports = await t.app.services.privacy.nightly();
    expect(reports).not.toBeNull();

    const persons = await t.db.kysely.selectFrom('persons').selectAll().where('id', 'in', [oldPerson, recentPerson, stillComing, elsewhere]).execute();
    const byId = new Map(persons.map((p) => [p.id, p]));
    expect(byId.get(oldPerson)).toMatchObject({ firstName: null, lastName: null, phone: null, email: null, birthYear: null, accessibilityNeeds: null, ageBracket: '70+', communeInsee: '59122' });
    expect(byId.get(oldPerson)?.erasedAt).not.toBeNull();
    expect(byId.get(recentPerson)).toMatchObject({ firstName: 'Marcel', erasedAt: null });
    expect(byId.get(stillComing)).toMatchObject({ firstName: 'Huguette', erasedAt: null });
    // Another centre is purged by its own settings: here the defaults, so Gisèle goes too, as her centre's purge.
    expect(byId.get(elsewhere)?.erasedAt).not.toBeNull();

    const notes = await t.db.kysely.selectFrom('helpdeskAccompaniments').select(['id', 'details', 'durationMinutes', 'procedureCategory']).where('id', 'in', [oldNote, recentNote]).execute();
    // The statistics stay: the old accompaniment is still counted, without its words.
    expect(notes.find((n) => n.id === oldNote)).toMatchObject({ details: null, durationMinutes: 45, procedureCategory: 'caf' });
    expect(notes.find((n) => n.id === recentNote)?.details).toContain('Dossier CAF');

    expect(await exists('outbox', oldSent)).toBe(false);
    expect(await exists('outbox', oldPending)).toBe(true);
    expect(await exists('outbox', newSent)).toBe(true);
    expect(await exists('auditLog', oldAudit)).toBe(false);
    expect(await exists('auditLog', newAudit)).toBe(true);
    expect(await exists('authSessions', oldSession)).toBe(false);
    expect(await exists('authSessions', newSession)).toBe(true);
    expect(await exists('publicSubmissions', oldLimit)).toBe(false);
    expect(await exists('publicSubmissions', newLimit)).toBe(true);
    // The erasure is in the audit log, by the system.
    const erasure = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', oldPerson).where('action', '=', 'erase').executeTakeFirst();
    expect(erasure?.actorLabel).toBe('système');
  });

  it('applies the periods the administrator sets, to this centre only', async () => {
    const saved = await admin.post('/rgpd/conservation', { inactivePersons: '6', notes: '1', messages: '1', auditLog: '6', sessions: '1', publicLimits: '1' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/rgpd/conservation');
    const page = await admin.get('/rgpd/conservation');
    expect(page.body).toContain('Les durées de conservation sont enregistrées');

    const eightMonths = await person(centre, 'Paulette', ago(240));
    const note = await accompaniment(centre, await person(centre, 'Roger', ago(10)), ago(45));
    const otherCentre = await person(other, 'Lucienne', ago(240));
    await t.app.services.privacy.purgeAll();
    const rows = await t.db.kysely.selectFrom('persons').select(['id', 'firstName']).where('id', 'in', [eightMonths, otherCentre]).execute();
    expect(rows.find((r) => r.id === eightMonths)?.firstName).toBeNull();
    expect(rows.find((r) => r.id === otherCentre)?.firstName).toBe('Lucienne');
    const cleared = await t.db.kysely.selectFrom('helpdeskAccompaniments').select('details').where('id', '=', note).executeTakeFirstOrThrow();
    expect(cleared.details).toBeNull();

    const api = await admin.api('GET', '/api/v1/privacy/retention');
    expect(api.statusCode).toBe(200);
    expect(api.json().items).toContainEqual({ kind: 'inactivePersons', amount: 6, unit: 'months', default: 36, min: 6, max: 120 });
    const badPut = await admin.api('PUT', '/api/v1/privacy/retention', { inactivePersons: 1, notes: 1, messages: 1, auditLog: 6, sessions: 1, publicLimits: 1 });
    expect(badPut.statusCode).toBe(422);
    expect(badPut.json().fields.inactivePersons).toBe('Indiquez un nombre de mois entre 6 et 120, par exemple 36');
  });

  it('runs the purge only in the night hour', async () => {
    t.clock.set('2026-06-15T10:00:00Z');
    try {
      const kept = await message(centre, 'sent', '2020-01-01T00:00:00Z');
      expect(await t.app.services.privacy.nightly()).toBeNull();
      expect(await exists('outbox', kept)).toBe(true);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('draws the register of processing activities from the settings and the data classification, as a page and as JSON', async () => {
    const page = await admin.get('/rgpd/registre');
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toContain('Registre des activités de traitement');
    expect(page.body).toContain('Centre social Les Tilleuls');
    expect(page.body).toContain('Fiches des personnes sans contact : 6 mois');
    expect(page.body).toContain('Permanences e-administratives et accompagnements');
    const coordinator = await signIn(t.app, centre, 'coordinator');
    expect((await coordinator.get('/rgpd/registre')).statusCode).toBe(200);
    expect((await coordinator.get('/rgpd/conservation')).statusCode).toBe(403);

    const json = await coordinator.api('GET', '/api/v1/privacy/register');
    expect(json.statusCode).toBe(200);
    const register = json.json() as { controller: { name: string }; activities: { data: { table: string; columns: { name: string; kind: string }[] }[] }[] };
    expect(register.controller.name).toBe('Centre social Les Tilleuls');
    // Every table holding personal or team data is in the register, whichever module added it.
    const listed = new Set(register.activities.flatMap((a) => a.data.map((d) => d.table)));
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const [table, columns] of Object.entries(personalDataInventory)) {
      if (Object.values(columns).some((kind) => kind === 'personal' || kind === 'team')) expect(listed).toContain(snake(table));
    }
    const persons = register.activities.flatMap((a) => a.data).find((d) => d.table === 'persons');
    expect(persons?.columns).toContainEqual({ name: 'first_name', kind: 'personal' });
    expect(persons?.columns).toContainEqual({ name: 'age_bracket', kind: 'statistic' });
  });
});
