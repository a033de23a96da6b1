import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { createCentre, createTestApp, errorSummaryTargets, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { setupEquipment } from './equipment.fixtures.ts';

// The staff pages and the public page, as a browser without JavaScript uses them.
describe('equipment pages', () => {
  let t: TestApp;
  let centreId: string;
  let staff: Client;
  let fx: Awaited<ReturnType<typeof setupEquipment>>;
  let tabletId: string;
  let printerId: string;
  const today = () => parisDate(t.clock.now());

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'materiel-pages', 'Centre social des pages');
    fx = await setupEquipment(t.app, centreId);
    const system = systemActor(centreId);
    const base = {
      serialNumber: null, funder: 'Carsat', fundingProgramme: null, purchaseDate: null, purchaseValueCents: null, siteId: fx.studio.id, depositCents: null, requiredModuleId: null,
    };
    tabletId = (await t.app.services.equipment.inventory.create(system, {
      ...base, name: 'Tablette Facilotab n°3', category: 'tablette', assetTag: 'TAB-03', lendable: true,
      publicDescription: 'Des tablettes simples prêtées aux seniors.', components: [{ name: 'Chargeur', quantity: 1 }, { name: 'Housse', quantity: 1 }],
    })).id;
    printerId = (await t.app.services.equipment.inventory.create(system, {
      ...base, name: 'Imprimante 3D', category: 'impression_3d', assetTag: 'IMP-01', lendable: true, publicDescription: 'Au studio.', requiredModuleId: fx.module.id, components: [],
    })).id;
    staff = await signIn(t.app, centreId, 'facilitator');
  });
  afterAll(() => t.close());

  it('lends a tablet to a person found by name, prints the agreement, and checks it back in with a cracked screen', async () => {
    const senior = await fx.person('Odette', 'odette@exemple.fr');
    const search = await staff.get(`/materiel/gestion/objets/${tabletId}/preter?q=Odette`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Odette');
    const missingPerson = await staff.post(`/materiel/gestion/objets/${tabletId}/preter?q=Odette`, { dueOn: '', reminders: 'oui' });
    expect(missingPerson.statusCode).toBe(422);
    expect(titleOf(missingPerson.body)).toMatch(/^Erreur :/);
    expect(Object.values(errorSummaryTargets(missingPerson.body))).not.toContain(null);
    const lent = await staff.post(`/materiel/gestion/objets/${tabletId}/preter?q=Odette`, { personId: senior, dueOn: '', conditionOut: 'Bon état', reminders: 'oui' });
    expect(lent.statusCode).toBe(303);
    const loan = (await t.app.services.equipment.loans.list(systemActor(centreId), { itemId: tabletId, active: true }))[0]!;
    expect(loan.dueOn).toBe(addDays(today(), 28));
    const itemPage = await staff.get(`/materiel/gestion/objets/${tabletId}`);
    expect(itemPage.body).toContain('Prêté à Odette');
    const pdf = await staff.get(`/materiel/gestion/prets/${loan.id}/convention.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const label = await staff.get(`/materiel/gestion/objets/${tabletId}/etiquette.svg`);
    expect(label.headers['content-type']).toContain('image/svg+xml');
    expect(label.body).toContain('<svg');

    const form = await staff.get(`/materiel/gestion/prets/${loan.id}/retour`);
    expect(form.body).toContain('Housse');
    const back = await staff.post(`/materiel/gestion/prets/${loan.id}/retour`, { condition: 'écran fissuré', missingComponents: 'Housse', toRepair: 'non' });
    expect(back.statusCode).toBe(303);
    const after = await staff.get(`/materiel/gestion/objets/${tabletId}`);
    expect(after.body).toContain('écran fissuré — Manquant au retour : Housse');
    expect(after.body).toContain('Disponible');
  });

  it('refuses the 3D printer to a person without the training and says which module to follow', async () => {
    const teen = await fx.person('Yanis');
    const refused = await staff.post(`/materiel/gestion/objets/${printerId}/preter?q=Yanis`, { personId: teen, dueOn: '', reminders: 'oui' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Imprimer en 3D en sécurité');
    expect(Object.values(errorSummaryTargets(refused.body))).not.toContain(null);
    expect(await t.db.kysely.selectFrom('equipmentLoans').select('id').where('itemId', '=', printerId).execute()).toEqual([]);
  });

  it('reserves for dates, refuses an overlap beside the dates, and lists overdue loans', async () => {
    const from = addDays(today(), 20);
    const ok = await staff.post(`/materiel/gestion/objets/${tabletId}/reserver`, { purpose: 'Atelier tablette à Marcoing', startsOn: from, endsOn: addDays(from, 2), personId: '' });
    expect(ok.statusCode).toBe(303);
    const clash = await staff.post(`/materiel/gestion/objets/${tabletId}/reserver`, { purpose: 'Autre atelier', startsOn: addDays(from, 1), endsOn: addDays(from, 3), personId: '' });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('déjà réservé');
    expect(errorSummaryTargets(clash.body)).toEqual({ 'champ-startsOn': 'input' });
    const overdue = await staff.get('/materiel/gestion/retards');
    expect(overdue.statusCode).toBe(200);
  });

  it('shows residents what they can borrow, without any name, counting every tablet of the kind', async () => {
    // The second tablet has no text of its own: the first one's card speaks for both.
    await t.app.services.equipment.inventory.create(systemActor(centreId), {
      serialNumber: null, funder: 'Carsat', fundingProgramme: null, purchaseDate: null, purchaseValueCents: null, siteId: fx.studio.id, depositCents: null,
      requiredModuleId: null, name: 'Tablette Facilotab n°4', category: 'tablette', assetTag: 'TAB-04', lendable: true, publicDescription: null, components: [],
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/materiel' });
    expect(anonymous.body).toContain('2 disponibles en ce moment');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('Des tablettes simples prêtées aux seniors.');
    expect(anonymous.body).toContain('Imprimer en 3D en sécurité');
    expect(anonymous.body).not.toContain('Odette');
  });
});
