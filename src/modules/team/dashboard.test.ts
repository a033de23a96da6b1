import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { activityInput, setupProgramme } from '../activities/activities.fixtures.ts';

/**
 * "Mes affectations" on the home page, on Tuesday 20 October 2026 at 8:00 Paris: the
 * facilitator leads today's robotics session; Thursday's coding club, also hers, was cancelled.
 */
describe('the home page’s assignments', () => {
  let t: TestApp;
  let centreId: string;
  let me: Client & { userId: string };
  let todaySessionId: string;

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-10-20T06:00:00Z' });
    centreId = await createCentre(t.app, 'accueil-equipe', 'Centre social de l’Équipe');
    const system = systemActor(centreId);
    const { studioId } = await setupProgramme(t.app, centreId);
    const { programme } = t.app.services.activities;
    const session = async (title: string, date: string) => {
      const activity = await programme.create(system, activityInput(t.clock, studioId, {
        title,
        schedule: { kind: 'single', dates: [date], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
      }));
      return (await programme.sessions(system, activity.id))[0]!.id;
    };
    todaySessionId = await session('Robotique', '2026-10-20');
    const thursday = await session('Club code', '2026-10-22');
    me = await signIn(t.app, centreId, 'facilitator');
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    for (const id of [todaySessionId, thursday]) {
      expect((await coordinator.post('/equipe/affecter', { userId: me.userId, slot: `session:${id}`, confirm: 'oui' })).statusCode).toBe(303);
    }
    await programme.cancelSession(system, thursday, 'Salle indisponible');
  }, 60_000);
  afterAll(() => t.close());

  it('shows the facilitator today’s session, her week and the cancelled one', async () => {
    const page = await me.get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('<h2 id="section-team-assignments">'));
    expect(section).toMatch(/^<h2 id="section-team-assignments">Mes affectations<\/h2>/);
    expect(section).toMatch(new RegExp(`<strong>14 h – 16 h</strong> <a href="/seances/${todaySessionId}">Robotique — Le studio`));
    expect(section).toMatch(/<span class="figure">1<\/span> <a href="\/ma-semaine">affectation cette semaine<\/a>/);
    expect(section).toContain('Annulée : Club code, jeudi 22 octobre');
  });

  it('shows no section to a member of the team with no assignment', async () => {
    const page = await (await signIn(t.app, centreId, 'volunteer')).get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('section-team-assignments');
  });
});
