import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { createPersons } from '../activities/activities.fixtures.ts';
import { tabletBody } from '../equipment/equipment.fixtures.ts';

/**
 * The home page's equipment and consultation sections: on Tuesday 20 October 2026, one tablet
 * is late since the 10th, one is due back today, one is reserved from today; a consultation is
 * open for proposals with a resident's theme waiting for moderation.
 */
describe('the home page’s equipment and consultations', () => {
  let t: TestApp;
  let centerId: string;
  let lateLoanId: string;
  let consultationId: string;
  const home = async (client: Client) => {
    const page = await client.get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    return page.body;
  };

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-10-01T08:00:00Z' });
    centerId = await createCentre(t.app, 'accueil-materiel', 'Centre social du Matériel');
    const system = systemActor(centerId);
    const studio = await t.app.services.centre.createSite(centerId, { name: 'Studio', kind: 'studio', address: null, communeInsee: '59122' });
    const [odette, marcel, lucie] = await createPersons(t.app, centerId, 3, { birthYear: 1946 });
    const { inventory, loans, reservations } = t.app.services.equipment;
    const item = async (tag: string) => (await inventory.create(system, { ...tabletBody(tag), serialNumber: null, siteId: studio.id, lendable: true, depositCents: null, requiredModuleId: null } as never)).id;
    const [a, b, c] = [await item('TAB-A'), await item('TAB-B'), await item('TAB-C')];
    lateLoanId = (await loans.lend(system, { itemId: a, personId: odette!.id, dueOn: '2026-10-10', reminders: false })).id;
    t.clock.set('2026-10-20T07:00:00Z');
    await loans.lend(system, { itemId: b, personId: marcel!.id, dueOn: '2026-10-20', reminders: false });
    await reservations.reserve(system, { itemId: c, personId: lucie!.id, purpose: 'Atelier tablette', startsOn: '2026-10-20', endsOn: '2026-10-22' });

    const { forums } = t.app.services.forums;
    const consultation = await forums.create(system, {
      title: 'Forums 2027', description: null, proposalsOpenOn: '2026-10-01', votesOpenOn: '2026-11-01', votesCloseOn: '2026-11-30',
      votesPerPerson: 3, moderation: true, eligibleCommunes: [],
    });
    consultationId = consultation.id;
    await forums.propose(null, centerId, consultation.id, {
      title: 'Les arnaques au téléphone', body: 'Comment les reconnaître ?', communeInsee: null, origin: 'web', firstName: 'Odette', lastName: 'Essai', email: 'odette@exemple.fr', consent: true,
    } as never);
    // Now: Tuesday 20 October 2026, 10:00 Paris.
    t.clock.set('2026-10-20T08:00:00Z');
  }, 60_000);
  afterAll(() => t.close());

  it('shows a coordinator the late and due loans, today’s reservations and the themes to moderate', async () => {
    const body = await home(await signIn(t.app, centerId, 'coordinator'));
    expect(body).toContain('<h2 id="section-equipment">Matériel</h2>');
    expect(body).toMatch(/<span class="figure">1<\/span> <a href="\/materiel\/gestion\/retards">prêt en retard<\/a>/);
    expect(body).toMatch(/<span class="figure">1<\/span> prêt à rendre aujourd’hui/);
    expect(body).toMatch(/<span class="figure">1<\/span> réservation à remettre aujourd’hui/);
    expect(body).toContain(`href="/materiel/gestion/prets/${lateLoanId}/retour"`);
    expect(body).toMatch(/En retard : Tablette Facilotab TAB-A \(Prénom\d+ Nom\d+\), à rendre le samedi 10 octobre/);
    expect(body).toMatch(/À rendre aujourd’hui : Tablette Facilotab TAB-B \(Prénom\d+ Nom\d+\)/);
    expect(body).toMatch(/À remettre aujourd’hui : Tablette Facilotab TAB-C, pour Prénom\d+ Nom\d+/);

    expect(body).toContain('<h2 id="section-forums">Consultations</h2>');
    expect(body).toMatch(/<span class="figure">1<\/span> <a href="\/consultations">consultation ouverte<\/a>/);
    expect(body).toContain(`<a href="/consultations/${consultationId}">Modérer 1 proposition : Forums 2027</a>`);
  });

  it('shows each role only what it may act on', async () => {
    const facilitator = await home(await signIn(t.app, centerId, 'facilitator'));
    expect(facilitator).toContain('id="section-equipment"');
    expect(facilitator).not.toContain('id="section-forums"');
    const volunteer = await home(await signIn(t.app, centerId, 'volunteer'));
    expect(volunteer).not.toContain('id="section-equipment"');
    expect(volunteer).not.toContain('id="section-forums"');
  });

  it('drops the consultations section once nothing is open nor waiting', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const [proposal] = await t.app.services.forums.forums.proposals(systemActor(centerId), consultationId);
    await t.app.services.forums.forums.moderate(systemActor(centerId), proposal!.id, { action: 'accept', publicAnswer: null, mergedIntoId: null });
    expect(await home(coordinator)).toMatch(/<span class="figure">0<\/span> proposition à modérer/);
    t.clock.set('2026-12-15T08:00:00Z');
    try {
      // Signed in anew: the session of October has expired by December.
      expect(await home(await signIn(t.app, centerId, 'coordinator'))).not.toContain('id="section-forums"');
    } finally {
      t.clock.set('2026-10-20T08:00:00Z');
    }
  });
});
