import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { activityInput, addSessionToday, setupProgramme } from './activities.fixtures.ts';

/** The forms staff fill in for someone else: at the door (walk-in) and by phone. */
describe('staff forms for a participant', () => {
  let t: TestApp;
  let centerId: string;
  let villageId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'passages', 'Centre social Les Passages');
    ({ villageId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const sessionOf = async (audience: 'seniors' | 'enfants_6_11') => {
    const activity = await t.app.services.activities.programme.create(systemActor(centerId), activityInput(t.app.ctx.clock, villageId, { title: `Atelier ${audience}`, audience }));
    return addSessionToday(t.app, centerId, activity.id);
  };
  const count = (html: string, text: string) => html.split(text).length - 1;

  it('asks a seniors’ workshop walk-in about the person, with no parental authorisation and the consent once', async () => {
    const facilitator = await signIn(t.app, centerId, 'facilitator');
    const sessionId = await sessionOf('seniors');
    const page = await facilitator.get(`/seances/${sessionId}/presences`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Commune où vous habitez');
    expect(page.body).toContain('Commune de la personne');
    expect(page.body).not.toContain('autorise');
    expect(page.body).not.toContain('name="parentalAuthorisation"');
    expect(count(page.body, 'La personne accepte que le centre garde ses informations')).toBe(1);

    const phone = await facilitator.get(`/seances/${sessionId}/inscrire`);
    expect(phone.body).not.toContain('Commune où vous habitez');
    expect(phone.body).not.toContain('name="parentalAuthorisation"');
    expect(phone.body).not.toContain('name="guardianName"');
    expect(count(phone.body, 'La personne accepte que le centre garde ses informations')).toBe(1);
  });

  it('still asks for the parental authorisation, in staff words, on a children’s workshop', async () => {
    const facilitator = await signIn(t.app, centerId, 'facilitator');
    const sessionId = await sessionOf('enfants_6_11');
    const page = await facilitator.get(`/seances/${sessionId}/presences`);
    expect(page.body).toContain('name="parentalAuthorisation"');
    expect(page.body).not.toContain('J’autorise mon enfant');
    expect(page.body).toContain('Le parent ou le responsable légal autorise l’enfant à participer');
    const phone = await facilitator.get(`/seances/${sessionId}/inscrire`);
    expect(phone.body).toContain('name="guardianName"');
    expect(phone.body).toContain('name="parentalAuthorisation"');
  });
});
