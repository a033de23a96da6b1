import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, submittedGetForm, type Client, type TestApp } from '../../../tests/support/app.ts';
import { downloadLinks, readCsvExport, xlsxDay } from '../../../tests/support/csv.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { setupEquipment } from './equipment.fixtures.ts';


// The reservations of every item (/materiel/gestion/reservations): the page, its filter, and the same list as CSV and XLSX.
describe('the reservations list and its files', () => {
  let t: TestApp;
  let centreId: string;
  let system: Actor;
  let staff: Client & { userId: string };
  let volunteer: Client;
  let partner: Client;
  let odetteId: string;
  const day = (n: number) => addDays(parisDate(t.clock.now()), n);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'reservations-liste', 'Centre social des Réservations');
    system = systemActor(centreId);
    const fx = await setupEquipment(t.app, centreId);
    const s = t.app.services.equipment;
    const base = {
      serialNumber: null, funder: null, fundingProgramme: null, purchaseDate: null, purchaseValueCents: null, siteId: fx.studio.id, depositCents: null, requiredModuleId: null,
      lendable: true, publicDescription: null, components: [],
    };
    const tablet = (await s.inventory.create(system, { ...base, name: 'Tablette Facilotab n°7', category: 'tablette', assetTag: 'TAB-07' })).id;
    const kit = (await s.inventory.create(system, { ...base, name: 'Kit robots Thymio', category: 'robotique', assetTag: 'ROB-02' })).id;
    odetteId = await fx.person('Odette');
    const yanis = await fx.person('Yanis');
    ids.tablet = (await s.reservations.reserve(system, { itemId: tablet, personId: odetteId, purpose: 'Atelier tablette à Marcoing', startsOn: day(5), endsOn: day(7) })).id;
    ids.kit = (await s.reservations.reserve(system, { itemId: kit, personId: null, purpose: 'Stage robotique; "vacances"', startsOn: day(10), endsOn: day(12) })).id;
    ids.cancelled = (await s.reservations.reserve(system, { itemId: tablet, personId: odetteId, purpose: 'Rendez-vous annulé', startsOn: day(20), endsOn: day(21) })).id;
    await s.reservations.cancel(system, ids.cancelled);
    ids.picked = (await s.reservations.reserve(system, { itemId: kit, personId: yanis, purpose: 'Projet du collège', startsOn: day(0), endsOn: day(2) })).id;
    await s.reservations.pickUp(system, ids.picked, { reminders: false });
    // Another centre's reservation never shows here.
    const other = await createCentre(t.app, 'reservations-ailleurs', 'Centre social d’ailleurs');
    const otherFx = await setupEquipment(t.app, other);
    const otherItem = (await s.inventory.create(systemActor(other), { ...base, siteId: otherFx.studio.id, name: 'Tablette d’ailleurs', category: 'tablette', assetTag: 'TAB-07' })).id;
    await s.reservations.reserve(systemActor(other), { itemId: otherItem, personId: null, purpose: 'Ailleurs', startsOn: day(5), endsOn: day(6) });

    staff = await signIn(t.app, centreId, 'facilitator');
    volunteer = await signIn(t.app, centreId, 'volunteer');
    partner = await signIn(t.app, centreId, 'partner');
  });
  afterAll(() => t.close());

  const header = 'Matériel;Numéro d’inventaire;Du;Au;Pour;Personne;Statut';
  const rows = () => ({
    tablet: `Tablette Facilotab n°7;TAB-07;${day(5)};${day(7)};Atelier tablette à Marcoing;Odette Essai1;À venir`,
    kit: `Kit robots Thymio;ROB-02;${day(10)};${day(12)};"Stage robotique; ""vacances""";;À venir`,
    cancelled: `Tablette Facilotab n°7;TAB-07;${day(20)};${day(21)};Rendez-vous annulé;Odette Essai1;Annulée`,
    picked: `Kit robots Thymio;ROB-02;${day(0)};${day(2)};Projet du collège;Yanis Essai2;Matériel retiré (prêt en cours ou rendu)`,
  });

  it('lists the reservations to come, linked from the inventory, and downloads them as CSV', async () => {
    const inventory = await staff.get('/materiel/gestion');
    expect(inventory.body).toContain('href="/materiel/gestion/reservations"');
    const page = await staff.get('/materiel/gestion/reservations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atelier tablette à Marcoing');
    expect(page.body).not.toContain('Rendez-vous annulé');
    expect(page.body).toContain(`/materiel/gestion/reservations/${ids.tablet}/retrait`);
    expect(downloadLinks(page.body)).toEqual(['/materiel/gestion/reservations?format=csv', '/materiel/gestion/reservations?format=xlsx']);

    const csv = await staff.get('/materiel/gestion/reservations?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="reservations-materiel.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readCsvExport(csv)).toEqual([header, rows().tablet, rows().kit]);
    // Names only: no identifier of a person or of the staff member who reserved.
    expect(csv.body).not.toContain(odetteId);
    expect(csv.body).not.toContain(staff.userId);
    const audited = await t.db.kysely.selectFrom('auditLog').select(['details']).where('centerId', '=', centreId).where('action', '=', 'export').execute();
    expect(audited.map((a) => JSON.parse(a.details!))).toContainEqual({ list: 'equipment-reservations', format: 'csv', rows: 2 });
  });

  it('applies the filter chosen on the page to the page and to both downloads', async () => {
    const page = await staff.get('/materiel/gestion/reservations');
    const cancelled = await staff.get(submittedGetForm(page.body, '/materiel/gestion/reservations', { statut: 'cancelled' }));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.body).toContain('Rendez-vous annulé');
    expect(cancelled.body).not.toContain(`/materiel/gestion/reservations/${ids.cancelled}/retrait`);
    const [csvHref, xlsxHref] = downloadLinks(cancelled.body);
    expect(csvHref).toBe('/materiel/gestion/reservations?statut=cancelled&format=csv');
    expect(readCsvExport(await staff.get(csvHref!))).toEqual([header, rows().cancelled]);

    expect(readCsvExport(await staff.get('/materiel/gestion/reservations?statut=picked_up&format=csv'))).toEqual([header, rows().picked]);
    const r = rows();
    expect(readCsvExport(await staff.get('/materiel/gestion/reservations?statut=toutes&format=csv'))).toEqual([header, r.picked, r.tablet, r.kit, r.cancelled]);
    // An unknown filter shows the reservations to come.
    expect(readCsvExport(await staff.get('/materiel/gestion/reservations?statut=inconnu&format=csv'))).toEqual([header, r.tablet, r.kit]);

    const xlsx = await staff.get(xlsxHref!);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="reservations-materiel.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.getWorksheet('Réservations')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...header.split(';')]);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Tablette Facilotab n°7', 'TAB-07', xlsxDay(day(20)), xlsxDay(day(21)), 'Rendez-vous annulé', 'Odette Essai1', 'Annulée']);
  });

  it('filters the API list by the same statuses', async () => {
    const api = await apiToken(t.app, centreId, 'coordinator');
    const items = async (query: string) => ((await api('GET', `/api/v1/equipment/reservations?${query}`)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await items('status=cancelled')).toEqual([ids.cancelled]);
    expect(await items('status=picked_up')).toEqual([ids.picked]);
    expect(await items('upcoming=true')).toEqual([ids.tablet, ids.kit]);
    expect((await api('GET', '/api/v1/equipment/reservations?status=perdue')).statusCode).toBe(422);
  });

  it('keeps the page and its files to the roles that lend', async () => {
    expect((await volunteer.get('/materiel/gestion')).body).not.toContain('href="/materiel/gestion/reservations"');
    expect((await volunteer.get('/materiel/gestion/reservations')).statusCode).toBe(403);
    expect((await volunteer.get('/materiel/gestion/reservations?format=csv')).statusCode).toBe(403);
    expect((await partner.get('/materiel/gestion/reservations?format=xlsx')).statusCode).toBe(403);
    expect((await staff.get('/materiel/gestion/reservations?format=pdf')).statusCode).toBe(400);
  });
});
