import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { ManualClock } from '../../platform/clock.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { apiToken, createCentre, testClock } from '../../../tests/support/app.ts';
import { createTestDb, type TestDb } from '../../../tests/support/databases.ts';
import { setupEquipment, tabletBody } from './equipment.fixtures.ts';

// Items, loans, reservations through the JSON API, on the dialect of the run (SQLite, or
// PostgreSQL with TEST_DATABASE_URL); the pool has 20 connections so that concurrent loans overlap.
describe('equipment API', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let clock: ManualClock;
  let centreId: string;
  let call: Awaited<ReturnType<typeof apiToken>>;
  let fx: Awaited<ReturnType<typeof setupEquipment>>;
  const today = () => parisDate(clock.now());

  beforeAll(async () => {
    db = await createTestDb({ poolSize: 20 });
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' });
    clock = testClock();
    app = await buildApp(config, { db, migrate: false, clock });
    centreId = await createCentre(app, 'materiel', 'Centre social du matériel');
    fx = await setupEquipment(app, centreId);
    call = await apiToken(app, centreId, 'facilitator');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const createItem = async (body: Record<string, unknown>) => {
    const admin = await apiToken(app, centreId, 'coordinator');
    const response = await admin('POST', '/api/v1/equipment/items', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; name: string };
  };

  it('adds an item with its funder and kit, refuses a taken asset tag and bad input with French fields, and changes nothing', async () => {
    const admin = await apiToken(app, centreId, 'coordinator');
    const tablet = await createItem(tabletBody('TAB-01', { siteId: fx.studio.id }));
    const read = (await call('GET', `/api/v1/equipment/items/${tablet.id}`)).json();
    expect(read).toMatchObject({ funder: 'Carsat', status: 'available', components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Housse', quantity: 1 }] });
    const before = (await call('GET', '/api/v1/equipment/items')).json().items.length;
    const taken = await admin('POST', '/api/v1/equipment/items', tabletBody('TAB-01'));
    expect(taken.statusCode).toBe(422);
    expect(taken.json().fields.assetTag).toContain('numéro d’inventaire');
    const bad = await admin('POST', '/api/v1/equipment/items', { name: '', category: 'fusee', assetTag: 'X' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields).toHaveProperty('name');
    expect(bad.json().fields).toHaveProperty('category');
    expect((await call('GET', '/api/v1/equipment/items')).json().items).toHaveLength(before);
    // A facilitator lends, but does not change the inventory.
    expect((await call('POST', '/api/v1/equipment/items', tabletBody('TAB-99'))).statusCode).toBe(403);
  });

  it('lends with the category’s due date, refuses a second loan, renews, and checks in with the condition and missing parts', async () => {
    const tablet = await createItem(tabletBody('TAB-03'));
    const senior = await fx.person('Odette', 'odette@exemple.fr');
    const other = await fx.person('Marcel');
    const lent = await call('POST', '/api/v1/equipment/loans', { itemId: tablet.id, personId: senior, conditionOut: 'Bon état' });
    expect(lent.statusCode, lent.body).toBe(201);
    const loan = lent.json();
    expect(loan.dueOn).toBe(addDays(today(), 28));
    expect((await call('GET', `/api/v1/equipment/items/${tablet.id}`)).json().status).toBe('on_loan');
    const second = await call('POST', '/api/v1/equipment/loans', { itemId: tablet.id, personId: other });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('déjà prêté');

    const renewed = (await call('POST', `/api/v1/equipment/loans/${loan.id}/renewal`, {})).json();
    expect(renewed).toMatchObject({ renewals: 1, dueOn: addDays(today(), 56) });

    const unknownPart = await call('POST', `/api/v1/equipment/loans/${loan.id}/return`, { condition: 'Écran fissuré', missingComponents: ['Stylet'] });
    expect(unknownPart.statusCode).toBe(422);
    const back = await call('POST', `/api/v1/equipment/loans/${loan.id}/return`, { condition: 'Écran fissuré', missingComponents: ['Housse'], toRepair: true });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ conditionIn: 'Écran fissuré', missingComponents: ['Housse'] });
    const item = await app.services.equipment.inventory.get({ centerId: centreId, userId: null, role: 'admin', label: 't', partnerCommuneInsee: null, via: 'system' }, tablet.id);
    expect(item.status).toBe('repair');
    expect(item.notes.map((n) => n.note)).toEqual(['Écran fissuré — Manquant au retour : Housse']);
    expect((await call('POST', `/api/v1/equipment/loans/${loan.id}/return`, {})).statusCode).toBe(409);
    const history = (await call('GET', `/api/v1/equipment/loans?personId=${senior}`)).json().items;
    expect(history).toHaveLength(1);
  });

  it('lets exactly one of 50 simultaneous loans of one item through', async () => {
    const tablet = await createItem(tabletBody('TAB-50'));
    const persons = await Promise.all(Array.from({ length: 50 }, (_, i) => fx.person(`Course${i}`)));
    const responses = await Promise.all(persons.map((personId) => call('POST', '/api/v1/equipment/loans', { itemId: tablet.id, personId })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const active = await db.kysely.selectFrom('equipmentLoans').select('id').where('itemId', '=', tablet.id).where('returnedAt', 'is', null).execute();
    expect(active).toHaveLength(1);
  });

  it('the database itself refuses a second active loan of an item', async () => {
    const tablet = await createItem(tabletBody('TAB-DB'));
    const personId = await fx.person('Index');
    const row = (id: string) => ({
      id, centerId: centreId, itemId: tablet.id, personId, reservationId: null, lentAt: clock.nowIso(), dueOn: today(), returnedAt: null, conditionOut: null,
      conditionIn: null, missingComponents: null, renewals: 0, depositCents: null, reminders: false, reminderBeforeAt: null, reminderOverdueAt: null,
      lentBy: null, returnedBy: null, createdAt: clock.nowIso(), updatedAt: clock.nowIso(),
    });
    await db.kysely.insertInto('equipmentLoans').values(row('00000000-0000-7000-8000-0000000000a1')).execute();
    await expect(db.kysely.insertInto('equipmentLoans').values(row('00000000-0000-7000-8000-0000000000a2')).execute()).rejects.toThrow();
  });

  it('refuses overlapping reservations, also when they race, and turns a reservation into a loan at pick-up', async () => {
    const kit = await createItem({ name: 'Kits robots Thymio', category: 'robotique', assetTag: 'ROB-01', lendable: true, components: [{ name: 'Robot Thymio', quantity: 6 }] });
    const from = addDays(today(), 30);
    const to = addDays(today(), 34);
    const first = await call('POST', '/api/v1/equipment/reservations', { itemId: kit.id, purpose: 'Stage robotique des vacances', startsOn: from, endsOn: to });
    expect(first.statusCode, first.body).toBe(201);
    const overlap = await call('POST', '/api/v1/equipment/reservations', { itemId: kit.id, purpose: 'Atelier village', startsOn: addDays(to, 0), endsOn: addDays(to, 2) });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().message).toContain('déjà réservé');
    expect((await call('POST', '/api/v1/equipment/reservations', { itemId: kit.id, purpose: 'Après', startsOn: addDays(to, 1), endsOn: addDays(to, 1) })).statusCode).toBe(201);
    const backwards = await call('POST', '/api/v1/equipment/reservations', { itemId: kit.id, purpose: 'À l’envers', startsOn: addDays(to, 9), endsOn: addDays(to, 8) });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().fields).toHaveProperty('endsOn');

    // Ten coordinators reserve the same week at once: one gets it.
    const week = addDays(today(), 60);
    const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => call('POST', '/api/v1/equipment/reservations', { itemId: kit.id, purpose: `Course ${i}`, startsOn: week, endsOn: addDays(week, 6) })));
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.statusCode === 409)).toHaveLength(9);

    // A loan that would run into the stage is refused; a short one is fine, and ends before it.
    const teen = await fx.person('Lina');
    const long = await call('POST', '/api/v1/equipment/loans', { itemId: kit.id, personId: teen, dueOn: addDays(from, 1) });
    expect(long.statusCode).toBe(409);
    expect(long.json().fields.dueOn).toContain('réservé');

    // At pick-up, the reservation becomes a loan due at its last day.
    clock.set(new Date(Date.parse(clock.nowIso()) + 30 * 86_400_000));
    const picked = await call('POST', `/api/v1/equipment/reservations/${first.json().id}/pickup`, { personId: teen });
    expect(picked.statusCode, picked.body).toBe(201);
    expect(picked.json()).toMatchObject({ dueOn: to, reservationId: first.json().id });
    const reservations = (await call('GET', `/api/v1/equipment/reservations?itemId=${kit.id}`)).json().items;
    expect(reservations.find((r: { id: string }) => r.id === first.json().id)).toMatchObject({ status: 'picked_up', loanId: picked.json().id });
  });

  it('refuses the 3D printer to a person without the training, with the module to follow, and lends it once it is completed', async () => {
    const printer = await createItem({ name: 'Imprimante 3D Prusa', category: 'impression_3d', assetTag: 'IMP-01', lendable: true, requiredModuleId: fx.module.id });
    const teen = await fx.person('Yanis');
    const refused = await call('POST', '/api/v1/equipment/loans', { itemId: printer.id, personId: teen });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toBe('training_required');
    expect(refused.json().message).toContain('Imprimer en 3D en sécurité');
    expect(refused.json().fields.personId).toContain('Imprimer en 3D en sécurité');
    const reserve = await call('POST', '/api/v1/equipment/reservations', { itemId: printer.id, personId: teen, purpose: 'Projet', startsOn: addDays(today(), 2), endsOn: addDays(today(), 2) });
    expect(reserve.statusCode).toBe(422);
    expect(await db.kysely.selectFrom('equipmentLoans').select('id').where('itemId', '=', printer.id).execute()).toEqual([]);
    await fx.completeTraining(teen);
    expect((await call('POST', '/api/v1/equipment/loans', { itemId: printer.id, personId: teen })).statusCode).toBe(201);
  });

  it('reminds 3 days before the due date and once overdue, each once, through the outbox; lists the overdue loan', async () => {
    const tablet = await createItem(tabletBody('TAB-RAPPEL'));
    const senior = await fx.person('Germaine', 'germaine@exemple.fr');
    const loan = (await call('POST', '/api/v1/equipment/loans', { itemId: tablet.id, personId: senior, dueOn: addDays(today(), 5) })).json();
    const messages = () => db.kysely.selectFrom('outbox').select(['recipient', 'subject', 'body']).where('relatedId', '=', loan.id).orderBy('createdAt').execute();
    await app.services.equipment.loans.sendDueReminders();
    expect(await messages()).toEqual([]);
    clock.set(new Date(Date.parse(clock.nowIso()) + 2 * 86_400_000));
    await app.services.equipment.loans.sendDueReminders();
    await app.services.equipment.loans.sendDueReminders();
    const before = await messages();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ recipient: 'germaine@exemple.fr' });
    expect(before[0]!.body).toContain('Tablette Facilotab TAB-RAPPEL');
    clock.set(new Date(Date.parse(clock.nowIso()) + 4 * 86_400_000));
    await app.services.equipment.loans.sendDueReminders();
    await app.services.equipment.loans.sendDueReminders();
    const after = await messages();
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toContain('date de retour est passée');
    const overdue = (await call('GET', '/api/v1/equipment/loans?overdue=true')).json().items;
    expect(overdue.map((l: { id: string }) => l.id)).toContain(loan.id);
  });

  it('answers 404 for another centre’s item', async () => {
    const otherCentre = await createCentre(app, 'autre-materiel', 'Autre centre');
    const theirs = await apiToken(app, otherCentre, 'coordinator');
    const item = (await theirs('POST', '/api/v1/equipment/items', tabletBody('TAB-01'))).json();
    expect((await call('GET', `/api/v1/equipment/items/${item.id}`)).statusCode).toBe(404);
    const personId = await fx.person('Voisin');
    expect((await call('POST', '/api/v1/equipment/loans', { itemId: item.id, personId })).statusCode).toBe(404);
  });
});
