import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createStaff, Client, createTestApp, TEST_PASSWORD, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { activityInput, createPersons, setupProgramme } from '../activities/activities.fixtures.ts';

/**
 * Every role's home page shows its day with real data. The clock stands on Sunday 25 October
 * 2026, the night the clocks went back in Paris: "today" starts at 22:00 UTC the day before
 * and lasts 25 hours.
 */
describe('the home page of each role', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;
  let villageId: string;
  const clients = {} as Record<Role, Client>;
  let facilitatorId: string;

  async function signInAs(role: Role, partnerCommuneInsee?: string): Promise<Client> {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@exemple.fr`;
    await (partnerCommuneInsee
      ? t.app.ctx.auth.createUser({ centerId, email, displayName: `Mairie ${role}`, role, password: TEST_PASSWORD, partnerCommuneInsee })
      : createStaff(t.app, centerId, role, email));
    const client = new Client(t.app);
    await client.get('/connexion');
    const response = await client.post('/connexion', { email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(303);
    return client;
  }

  beforeAll(async () => {
    // Built on Tuesday 20 October at 10:00 Paris (08:00 UTC, summer time).
    t = await createTestApp({}, { now: '2026-10-20T08:00:00Z' });
    centerId = await createCentre(t.app, 'tableau', 'Centre social du Tableau');
    ({ studioId, villageId } = await setupProgramme(t.app, centerId));
    const facilitator = await createStaff(t.app, centerId, 'facilitator');
    facilitatorId = facilitator.id;
    const system = systemActor(centerId);
    const m = t.app.services.activities;

    // Thursday's village workshop (10:00–11:00 Paris, held) and Sunday's studio workshop.
    const village = await m.programme.create(system, activityInput(t.clock, villageId, {
      title: 'Tablette au village', facilitatorIds: [facilitatorId],
      schedule: { kind: 'single', dates: ['2026-10-22'], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '11:00', exceptions: [] },
    }));
    const sunday = await m.programme.create(system, activityInput(t.clock, studioId, {
      title: 'Robotique du dimanche',
      schedule: { kind: 'single', dates: ['2026-10-25'], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    // Wednesday's session was held but nobody took the attendance.
    await m.programme.create(system, activityInput(t.clock, studioId, {
      title: 'Code du mercredi',
      schedule: { kind: 'single', dates: ['2026-10-28'], rrule: null, startDate: null, endDate: null, startTime: '09:00', endTime: '10:00', exceptions: [] },
    }));
    const [villageSession] = await m.programme.sessions(system, village.id);
    const [sundaySession] = await m.programme.sessions(system, sunday.id);

    // Seven residents of the village (59219) came on Thursday, three from elsewhere.
    const residents = await createPersons(t.app, centerId, 7, { birthYear: 1950 });
    const young = await createPersons(t.app, centerId, 2, { birthYear: 1990 });
    const others = await createPersons(t.app, centerId, 3, { birthYear: 1950 });
    for (const p of [...residents, ...young]) await t.db.kysely.updateTable('persons').set({ communeInsee: '59219' }).where('id', '=', p.id).execute();
    for (const p of others) await t.db.kysely.updateTable('persons').set({ communeInsee: '59122' }).where('id', '=', p.id).execute();
    t.clock.set('2026-10-22T10:00:00Z');
    await m.attendance.record(system, villageSession!.id, [...residents, ...young, ...others].map((p) => ({ personId: p.id, status: 'present' as const })));
    // Two of them registered for Sunday.
    await m.registrations.register(system, centerId, sundaySession!.id, { personId: residents[0]!.id }, 'staff');
    await m.registrations.register(system, centerId, sundaySession!.id, { personId: residents[1]!.id }, 'staff');

    // A help-desk motif, and a drop-in recorded on Sunday morning.
    const motif = await t.app.services.helpdesk.settings.createMotif(system, {
      name: 'Dossier CAF', description: null, procedureCategory: 'social_sante', durationMinutes: 30,
      whatToBring: null, bookableBy: 'public', minDelayHours: 0, horizonDays: 60,
    });
    // Sunday 25 October, 09:30 Paris = 08:30 UTC (winter time since 03:00).
    t.clock.set('2026-10-25T08:30:00Z');
    await t.app.services.helpdesk.desk.recordDropIn(system, { siteId: studioId, motifId: motif.id, personId: residents[2]!.id, note: undefined } as never);
    // Now: Sunday 25 October, 11:00 Paris.
    t.clock.set('2026-10-25T10:00:00Z');
    for (const role of ['admin', 'coordinator', 'facilitator', 'volunteer'] as const) clients[role] = await signInAs(role);
    clients.partner = await signInAs('partner', '59219');
  });
  afterAll(() => t.close());

  it('shows a coordinator today’s sessions and visits in Paris time, the counts of the week and what needs doing', async () => {
    const page = await clients.coordinator.get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    // Sunday's session at 14 h Paris (13:00 UTC after the change), not 15 h nor 13 h.
    expect(body).toContain('14 h – 16 h');
    expect(body).toContain('Robotique du dimanche');
    expect(body).toContain('2 personnes inscrites sur 12 places');
    // The week Monday 19 – Sunday 25: Thursday's and Sunday's sessions (not Wednesday 28).
    expect(body).toMatch(/<span class="figure">2<\/span> <a href="\/programme">séances cette semaine<\/a>/);
    expect(body).not.toContain('Code du mercredi');
    // Thursday's attendance was taken: nothing to take there.
    expect(body).not.toContain('Saisir les présences');
    // The drop-in of 9 h 30, over at 10 h: its outcome is to be noted.
    expect(body).toContain('9 h 30 – 10 h');
    expect(body).toContain('Dossier CAF');
    expect(body).toContain('1 venue à noter');
    expect(body).toMatch(/<span class="figure">1<\/span> passage sans rendez-vous cette semaine/);
  });

  it('lists a session whose attendance was not taken, until it is', async () => {
    t.clock.set('2026-10-28T12:00:00Z');
    try {
      const facilitator = await signInAs('facilitator');
      const page = await facilitator.get('/tableau-de-bord');
      expect(page.body).toContain('Saisir les présences : Code du mercredi, mercredi 28 octobre');
      const wednesday = await t.db.kysely.selectFrom('activitySessions').select('id').where('localDate', '=', '2026-10-28').executeTakeFirstOrThrow();
      expect(page.body).toContain(`href="/seances/${wednesday.id}/presences"`);
      const [someone] = await createPersons(t.app, centerId, 1);
      await t.app.services.activities.attendance.record(systemActor(centerId), wednesday.id, [{ personId: someone!.id, status: 'present' }]);
      const after = (await facilitator.get('/tableau-de-bord')).body;
      expect(after).not.toContain('Saisir les présences : Code du mercredi');
      // Sunday's workshop, held without anyone marking it, is still to do.
      expect(after).toContain('Saisir les présences : Robotique du dimanche, dimanche 25 octobre');
      // A volunteer runs none of them: no sessions, nothing to take.
      const volunteer = await (await signInAs('volunteer')).get('/tableau-de-bord');
      expect(volunteer.statusCode).toBe(200);
      expect(volunteer.body).not.toContain('Code du mercredi');
      expect(volunteer.body).toContain('Aucune séance aujourd’hui.');
    } finally {
      t.clock.set('2026-10-25T10:00:00Z');
    }
  });

  it('shows a partner commune only aggregated figures, every count of persons under 5 masked', async () => {
    const page = await clients.partner.get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Les chiffres de votre commune');
    // What the figures cover: the commune by name, since 1 January of the clock's year.
    expect(body).toMatch(/Les chiffres pour Estrun depuis le 1er janvier 20\d\d\./);
    // 9 residents of 59219 came (7 born in 1950, 2 in 1990); 10 persons at the village session.
    expect(body).toMatch(/<span class="figure">9<\/span> Personnes de la commune accompagnées ou venues en atelier/);
    expect(body).toMatch(/<span class="figure">9<\/span> Personnes de la commune venues à un atelier/);
    expect(body).toMatch(/<span class="figure">moins de 5<\/span> Habitants aidés pour une démarche/);
    expect(body).toMatch(/<span class="figure">12<\/span> Personnes venues aux séances dans la commune/);
    // 7 aged 70 and over, 2 aged 25–39: shown apart, the 2 would be 9 − 7 whatever the mask.
    expect(body).toMatch(/Autres tranches d’âge, regroupées<\/th><td>9<\/td>/);
    expect(body).not.toMatch(/70 ans et plus<\/th>|25 – 39 ans<\/th>/);
    // No session of the centre, no visit, no name.
    expect(body).not.toContain('Robotique du dimanche');
    expect(body).not.toContain('Dossier CAF');
    expect(body).not.toMatch(/Prénom\d|Nom\d/);
    // Every number of persons shown is 5 or more.
    for (const cell of body.matchAll(/<td>(\d+)<\/td>/g)) expect(Number(cell[1])).toBeGreaterThanOrEqual(5);

    // The same figures through the API, for the commune's own tools.
    const api = await clients.partner.get('/api/v1/reports/commune?from=2026-01-01&to=2026-10-25');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      residentsReached: 9, residentsInWorkshops: 9, residentsAccompanied: null, participantsInVillage: 12, byAgeBracket: [{ key: 'other', persons: 9 }],
    });
    expect(JSON.stringify(api.json())).not.toMatch(/Robotique du dimanche|Dossier CAF|Prénom\d|Nom\d/);
  });

  it('tells a partner account without a commune what to ask for', async () => {
    const partner = await signInAs('partner');
    const page = await partner.get('/tableau-de-bord');
    expect(page.body).toContain('Votre compte n’est rattaché à aucune commune');
  });
});
