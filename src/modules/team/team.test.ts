import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { redactUrl } from '../../platform/http/logging.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { parseIcs } from '../../../tests/support/ical.ts';
import { apiToken, Client, createCentre, createStaff, createTestApp, errorSummaryTargets, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { activityInput, dayFromNow, setupProgramme } from '../activities/activities.fixtures.ts';
import { findConflicts, openingOccursOn, parseDayAvailability, weekdayOf, withinAvailability } from './schedule.ts';

describe('team time rules', () => {
  const rule = { id: 'o', siteName: 'Salle', weekday: 2, startTime: '09:00', endTime: '12:00', startsOn: '2026-12-01', endsOn: null, everyWeeks: 2 };

  it('knows which dates an opening happens on, every other week from its first week', () => {
    expect(weekdayOf('2026-12-01')).toBe(2);
    expect(openingOccursOn(rule, '2026-12-01')).toBe(true);
    expect(openingOccursOn(rule, '2026-12-08')).toBe(false);
    expect(openingOccursOn(rule, '2026-12-15')).toBe(true);
    expect(openingOccursOn(rule, '2026-12-16')).toBe(false);
    expect(openingOccursOn({ ...rule, endsOn: '2026-12-10' }, '2026-12-15')).toBe(false);
  });

  it('reads availability as people type it, and refuses what it cannot read', () => {
    expect(parseDayAvailability(2, '9:00-12:00, 14h-17h30')).toEqual([
      { weekday: 2, startTime: '09:00', endTime: '12:00' }, { weekday: 2, startTime: '14:00', endTime: '17:30' },
    ]);
    expect(parseDayAvailability(2, '')).toEqual([]);
    expect(parseDayAvailability(2, 'le matin')).toBeNull();
    expect(parseDayAvailability(2, '12:00-9:00')).toBeNull();
  });

  it('checks a time against the weekly availability in Paris time, summer and winter', () => {
    const windows = [{ weekday: 2, startTime: '09:00', endTime: '12:00' }];
    expect(withinAvailability(windows, '2026-12-01T08:00:00.000Z', '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(withinAvailability(windows, '2026-07-07T07:00:00.000Z', '2026-07-07T10:00:00.000Z')).toBe(true);
    expect(withinAvailability(windows, '2026-12-01T13:00:00.000Z', '2026-12-01T15:00:00.000Z')).toBe(false);
    expect(withinAvailability([], '2026-12-01T13:00:00.000Z', '2026-12-01T15:00:00.000Z')).toBe(true);
  });

  it('lists every conflict, none when all is well', () => {
    const slot = { day: '2026-12-01', startsAt: '2026-12-01T13:00:00.000Z', endsAt: '2026-12-01T15:00:00.000Z' };
    expect(findConflicts({ slot, overlapping: [], absences: [], availability: [], missingTrainings: [] })).toEqual([]);
    const all = findConflicts({
      slot, overlapping: [{ title: 'Atelier' }], absences: [{ firstDay: '2026-11-30', lastDay: '2026-12-02', reason: 'Congés' }],
      availability: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }], missingTrainings: ['Accueillir et accompagner'],
    });
    expect(all.map((c) => c.kind)).toEqual(['double_booking', 'absence', 'unavailable', 'missing_training']);
  });
});

describe('team: profiles, assignments with conflicts, my week, calendar feed', () => {
  let t: TestApp;
  let centreId: string;
  let tuesday: string;
  let openingId: string;
  let pathwayId: string;
  let untrained: { id: string; email: string };
  let trained: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'equipe-test', 'Centre social de l’équipe');
    const s = t.app.services;
    const system = systemActor(centreId);
    const site = await s.centre.createSite(centreId, { name: 'Salle des associations', kind: 'village_hall', address: null, communeInsee: '59122' });
    const motif = await s.helpdesk.settings.createMotif(system, {
      name: 'Démarches', description: null, procedureCategory: 'argent_impots', durationMinutes: 30, whatToBring: null, bookableBy: 'public', minDelayHours: 0, horizonDays: 60,
    });
    const today = parisDate(t.clock.now());
    tuesday = addDays(today, (9 - weekdayOf(today)) % 7 || 7);
    openingId = (await s.helpdesk.settings.createOpening(system, { siteId: site.id, weekday: 2, startTime: '14:00', endTime: '17:00', startsOn: today, everyWeeks: 1, motifIds: [motif.id] })).id;
    const [skill] = await s.pathways.framework.activeSkills(centreId);
    const pathway = await s.pathways.pathways.create(system, {
      title: 'Accueillir et accompagner', audience: 'benevoles', description: null,
      modules: [{ title: 'Accueillir', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] }],
    });
    pathwayId = pathway.id;
    untrained = await createStaff(t.app, centreId, 'volunteer');
    trained = await createStaff(t.app, centreId, 'volunteer');
    const enrolment = await s.pathways.enrolments.enrol(system, pathwayId, { userId: trained.id, source: 'staff' });
    const detail = await s.pathways.pathways.detail(centreId, pathwayId);
    await s.pathways.enrolments.recordEvaluation(system, enrolment.id, {
      moduleId: detail.modules[0]!.id, kind: 'facilitator', comment: null, results: [{ skillId: skill!.id, status: 'acquis', autonomy: 'autonome' }],
    });
  });
  afterAll(() => t.close());

  it('warns that a volunteer lacks the help desk\'s required training, and assigns only once confirmed', async () => {
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const settings = await coordinator.post('/equipe/formations-requises', { kind: 'helpdesk', pathwayId });
    expect(settings.statusCode).toBe(303);
    const twice = await coordinator.post('/equipe/formations-requises', { kind: 'helpdesk', pathwayId });
    expect(twice.statusCode).toBe(409);

    const form = await coordinator.get(`/equipe/affecter?personne=${untrained.id}`);
    expect(form.statusCode).toBe(200);
    const slot = `helpdesk:${openingId}:${tuesday}`;
    expect(form.body).toContain(slot);

    const empty = await coordinator.post('/equipe/affecter', {});
    expect(empty.statusCode).toBe(422);
    expect(titleOf(empty.body)).toMatch(/^Erreur :/);
    expect(Object.values(errorSummaryTargets(empty.body))).not.toContain(null);
    const badSlot = await coordinator.post('/equipe/affecter', { userId: untrained.id, slot: `helpdesk:${openingId}:${addDays(tuesday, 1)}` });
    expect(badSlot.statusCode).toBe(422);

    const warned = await coordinator.post('/equipe/affecter', { userId: untrained.id, slot });
    expect(warned.statusCode).toBe(200);
    expect(warned.body).toContain('N’a pas suivi la formation demandée');
    expect(warned.body).toContain('Accueillir et accompagner');
    expect(warned.body).toContain('Affecter quand même');
    const actor: Actor = systemActor(centreId);
    expect(await t.app.services.team.assignments.listFor(actor, untrained.id, tuesday, 1)).toEqual([]);

    const confirmed = await coordinator.post('/equipe/affecter', { userId: untrained.id, slot, confirm: 'oui' });
    expect(confirmed.statusCode).toBe(303);
    const saved = await t.app.services.team.assignments.listFor(actor, untrained.id, tuesday, 1);
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0]!.confirmedConflicts!)).toEqual(['missing_training']);
    const again = await coordinator.post('/equipe/affecter', { userId: untrained.id, slot, confirm: 'oui' });
    expect(again.statusCode).toBe(409);

    // The trained volunteer is assigned at once; a second assignment at the same time is a double booking.
    const direct = await coordinator.post('/equipe/affecter', { userId: trained.id, slot });
    expect(direct.statusCode).toBe(303);
    const profile = await coordinator.get(`/equipe/${trained.id}`);
    expect(profile.body).toContain('Accueillir et accompagner');
  });

  it('shows an absence and time outside the availability as conflicts (API)', async () => {
    const volunteer = await createStaff(t.app, centreId, 'volunteer');
    const own = await signIn(t.app, centreId, 'volunteer');
    const system = systemActor(centreId);
    await t.app.services.team.profiles.updateProfile(system, volunteer.id, {
      skills: ['4.1'], tags: ['anglais'], availability: [{ weekday: 2, startTime: '09:00', endTime: '12:00' }], contactChannel: 'email', phone: null, contactNote: null,
    });
    await t.app.services.team.profiles.addAbsence(system, volunteer.id, { firstDay: tuesday, lastDay: tuesday, reason: 'Rendez-vous médical' });
    const coordinator = await apiToken(t.app, centreId, 'coordinator');
    const slot = `helpdesk:${openingId}:${tuesday}`;
    const check = await coordinator('POST', '/api/v1/team/assignments', { userId: volunteer.id, slot });
    expect(check.statusCode).toBe(200);
    expect(check.json().saved).toBe(false);
    expect(check.json().conflicts.map((c: { kind: string }) => c.kind)).toEqual(['absence', 'unavailable', 'missing_training']);
    const done = await coordinator('POST', '/api/v1/team/assignments', { userId: volunteer.id, slot, confirm: true });
    expect(done.statusCode).toBe(201);
    // A volunteer neither assigns nor changes someone else's profile.
    const volunteerToken = await apiToken(t.app, centreId, 'volunteer');
    expect((await volunteerToken('POST', '/api/v1/team/assignments', { userId: volunteer.id, slot, confirm: true })).statusCode).toBe(403);
    const member = await coordinator('GET', `/api/v1/team/members/${volunteer.id}`);
    expect(member.json().absences).toHaveLength(1);
    expect(member.json().tags).toEqual(['anglais']);
    expect((await own.post(`/equipe/${volunteer.id}/modifier`, { contactChannel: 'email' })).statusCode).toBe(403);
  });

  it('lets a member edit their own profile, with clear messages for what cannot be read', async () => {
    const me = await signIn(t.app, centreId, 'volunteer');
    const bad = await me.post(`/equipe/${me.userId}/modifier`, { day2: 'le matin', contactChannel: 'sms', phone: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Écrivez les horaires comme ceci');
    const ok = await me.post(`/equipe/${me.userId}/modifier`, { skills: ['ACC.1'], tags: 'couture, anglais', day2: '9:00-12:00', contactChannel: 'sms', phone: '06 12 34 56 78' });
    expect(ok.statusCode).toBe(303);
    const page = await me.get(`/equipe/${me.userId}`);
    expect(page.body).toContain('Accueillir');
    expect(page.body).toContain('couture');
    expect(page.body).toContain('Mardi : 9 h – 12 h');
    const absence = await me.post(`/equipe/${me.userId}/absences`, { firstDay: tuesday, lastDay: addDays(tuesday, -1) });
    expect(absence.statusCode).toBe(422);
  });

  it('shows the volunteer their week and gives the calendar address once; the feed is valid iCalendar in Paris time', async () => {
    const { app } = t;
    const login = await app.ctx.auth.login(untrained.email, 'un mot de passe de test');
    const me = new Client(app);
    me.cookies.set('lieudit_sid', login!.cookie!);
    await me.get('/contact');

    const week = await me.get(`/ma-semaine?semaine=${tuesday}`);
    expect(week.statusCode).toBe(200);
    expect(week.body).toContain('Permanence');
    expect(week.body).toContain('14 h – 17 h');
    expect((await me.get('/ma-semaine?semaine=pas-une-date')).statusCode).toBe(400);

    const made = await me.post('/ma-semaine/calendrier', {});
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const url = /value="(http:\/\/lieudit\.test\/calendrier\/[^"]+\.ics)"/.exec(made.body)?.[1];
    expect(url).toBeDefined();
    const path = new URL(url!).pathname;
    expect((await me.get('/ma-semaine')).body).not.toContain(path);
    expect(redactUrl(path)).toBe('/calendrier/[masqué]');

    const feed = await me.get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VTIMEZONE');
    const events = parseIcs(feed.body);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('Permanence');
    expect(events[0]!.startZone).toBe('Europe/Paris');
    expect(events[0]!.start).toBe(`${tuesday}T14:00:00`);

    // Only a hash is kept; a new address revokes the old one.
    const stored = await app.ctx.kysely.selectFrom('teamCalendarTokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(path.split('/').pop()!.replace('.ics', ''));
    await me.post('/ma-semaine/calendrier', {});
    expect((await me.get(path)).statusCode).toBe(404);
    expect((await me.get('/calendrier/inconnu.ics')).statusCode).toBe(404);
  });

  it('keeps an assignment in step with its session: moved, renamed, then cancelled — in the week and in the subscribed calendar', async () => {
    const { app } = t;
    const system = systemActor(centreId);
    const { studioId, villageId } = await setupProgramme(app, centreId);
    const activity = await app.services.activities.programme.create(system, activityInput(t.clock, studioId, { title: 'Robotique du mercredi' }));
    const [session] = await app.services.activities.programme.sessions(system, activity.id);
    const facilitator = await createStaff(t.app, centreId, 'facilitator');
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    expect((await coordinator.post('/equipe/affecter', { userId: facilitator.id, slot: `session:${session!.id}`, confirm: 'oui' })).statusCode).toBe(303);

    const login = await app.ctx.auth.login(facilitator.email, 'un mot de passe de test');
    const me = new Client(app);
    me.cookies.set('lieudit_sid', login!.cookie!);
    await me.get('/contact');
    const made = await me.post('/ma-semaine/calendrier', {});
    const feedPath = new URL(/value="(http:\/\/lieudit\.test\/calendrier\/[^"]+\.ics)"/.exec(made.body)![1]!).pathname;
    const feedEvent = async () => parseIcs((await me.get(feedPath)).body).find((e) => /Robot/.test(e.summary))!;
    expect(await feedEvent()).toMatchObject({ summary: 'Robotique du mercredi', start: `${dayFromNow(t.clock, 10)}T14:00:00`, sequence: 0 });

    // Moved two days later, to the village hall, 15 h – 17 h.
    const later = dayFromNow(t.clock, 12);
    await app.services.activities.programme.moveSession(system, session!.id, { date: later, startTime: '15:00', endTime: '17:00', siteId: villageId });
    const week = await me.get(`/ma-semaine?semaine=${later}`);
    expect(week.body).toContain('15 h – 17 h');
    expect(week.body).toContain('Robotique du mercredi — Salle des fêtes');
    expect(await feedEvent()).toMatchObject({ start: `${later}T15:00:00`, sequence: 1, status: 'CONFIRMED' });
    const conflictsAtOldTime = await app.services.team.assignments.listFor(system, facilitator.id, dayFromNow(t.clock, 10), 1);
    expect(conflictsAtOldTime).toEqual([]);

    // Renamed in the activity form: the assignment reads the new title.
    await app.services.activities.programme.update(system, activity.id, { title: 'Robots et programmation' });
    expect(await feedEvent()).toMatchObject({ summary: 'Robots et programmation', sequence: 2 });

    // Cancelled: still in the week, marked, and the calendar shows it cancelled rather than silently keeping it.
    await app.services.activities.programme.cancelSession(system, session!.id, 'Animateur malade');
    expect((await me.get(`/ma-semaine?semaine=${later}`)).body).toMatch(/Robots et programmation — Salle des fêtes[^<]*<span class="tag error">Séance annulée<\/span>/);
    expect(await feedEvent()).toMatchObject({ summary: 'ANNULÉ – Robots et programmation', status: 'CANCELLED', sequence: 3 });
    // A cancelled assignment is no double booking for what is planned in its place.
    const [row] = await app.services.team.assignments.listFor(system, facilitator.id, later, 1);
    expect(row!.cancelledAt).not.toBeNull();
  });
});
