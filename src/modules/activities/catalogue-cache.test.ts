import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { activityInput, createPersons, setupProgramme } from './activities.fixtures.ts';

/** The public catalogue is kept as a page for anonymous visitors: never stale, never shared wrongly. */
describe('the kept public catalogue', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'cache', 'Centre social du Cache');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const retourOf = (html: string) => /name="retour" value="([^"]+)"/.exec(html)?.[1];

  it('gives each visitor their own form token and address, and a working « mode lisible »', async () => {
    const one = new Client(t.app);
    const two = new Client(t.app);
    const first = await one.get('/activites?theme=&public=');
    const second = await two.get('/activites');
    expect(tokenOf(first.body)).toBeTruthy();
    expect(tokenOf(first.body)).not.toBe(tokenOf(second.body));
    expect(retourOf(first.body)).toBe('/activites?theme=&amp;public=');
    expect(retourOf(second.body)).toBe('/activites');
    // The kept page's token is the visitor's: the switch works from it.
    const switched = await one.post('/preferences/lisible', { retour: '/activites' });
    expect(switched.statusCode).toBe(303);
    expect((await one.get('/activites')).body).toMatch(/<html[^>]+class="public lisible"/);
    expect((await two.get('/activites')).body).not.toMatch(/class="public lisible"/);
  });

  it('shows seats left at once after a registration, and never serves the kept page to staff', async () => {
    const actor = systemActor(centerId);
    const m = t.app.services.activities;
    const activity = await m.programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier compté', capacity: 2 }));
    const [session] = await m.programme.sessions(actor, activity.id);
    const visitor = new Client(t.app);
    expect((await visitor.get('/activites')).body).toContain('Atelier compté');
    const [person] = await createPersons(t.app, centerId, 1);
    await m.registrations.register(actor, centerId, session!.id, { personId: person!.id }, 'staff');
    expect((await visitor.get('/activites')).body).toContain('Dernière place');
    const staff = await signIn(t.app, centerId, 'coordinator');
    const page = await staff.get('/activites');
    expect(page.body).toContain('/deconnexion');
    expect(tokenOf(page.body)).toBe(staff.csrf);
  });
});
