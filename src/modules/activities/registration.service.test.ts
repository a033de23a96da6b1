import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { asBool } from '../../db/kysely.ts';
import { loadConfig } from '../../config.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { createCentre, apiToken, testClock } from '../../../tests/support/app.ts';
import { createTestDb, type TestDb } from '../../../tests/support/databases.ts';
import { currentYear } from '../../platform/clock.ts';
import { activityInput, createPersons, dayFromNow, setupProgramme } from './activities.fixtures.ts';
import type { ActivitiesModule } from './activities.module.ts';

/**
 * The rules of registration against a real database, on both dialects: capacity under
 * concurrency, no double registration, waiting-list promotion, series, bad input, tenancy,
 * reminders. PostgreSQL gets a pool of 20 so that the concurrent transactions really overlap.
 */
describe('registrations and the waiting list', () => {
  let app: FastifyInstance;
  let db: TestDb;
  let m: ActivitiesModule;
  let centerId: string;
  let actor: Actor;
  let studioId: string;

  beforeAll(async () => {
    db = await createTestDb({ poolSize: 20 });
    app = await buildApp(loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' }), { db, migrate: false, clock: testClock() });
    m = app.services.activities;
    centerId = await createCentre(app, 'inscriptions', 'Centre social Les Tilleuls');
    ({ studioId, actor } = await setupProgramme(app, centerId));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const outbox = () => db.kysely.selectFrom('outbox').selectAll().execute();
  const registrationsOf = (sessionId: string) =>
    db.kysely.selectFrom('activityRegistrations').selectAll().where('sessionId', '=', sessionId).execute();
  const newSession = async (capacity: number, overrides = {}) => {
    const activity = await m.programme.create(actor, activityInput(app.ctx.clock, studioId, { capacity, ...overrides }));
    const [session] = await m.programme.sessions(actor, activity.id);
    return { activity, session: session! };
  };

  it('gives exactly 12 confirmed seats to 200 simultaneous registrations, the rest waitlisted in order', async () => {
    const { session } = await newSession(12);
    const persons = await createPersons(app, centerId, 200);
    const outcomes = await Promise.all(persons.map((p) => m.registrations.register(actor, centerId, session.id, { personId: p.id }, 'api')));
    expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(12);
    expect(outcomes.filter((o) => o.status === 'waitlisted')).toHaveLength(188);
    const rows = await registrationsOf(session.id);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(12);
    const positions = rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: 188 }, (_, i) => i + 1));
  });

  it('holds the capacity through the JSON API too (200 concurrent requests)', async () => {
    const { session } = await newSession(12);
    const persons = await createPersons(app, centerId, 200);
    const call = await apiToken(app, centerId, 'coordinator');
    const responses = await Promise.all(persons.map((p) => call('POST', `/api/v1/sessions/${session.id}/registrations`, { personId: p.id })));
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const statuses = responses.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(12);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(188);
    expect((await registrationsOf(session.id)).filter((r) => r.status === 'confirmed')).toHaveLength(12);
  });

  it('never registers the same person twice, even when the form is sent ten times at once', async () => {
    const { session } = await newSession(5);
    const [person] = await createPersons(app, centerId, 1);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => m.registrations.register(actor, centerId, session.id, { personId: person!.id }, 'api')));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.registrations[0]!.id)).size).toBe(1);
    expect(await registrationsOf(session.id)).toHaveLength(1);
  });

  it('promotes exactly one waiting person when a confirmed one cancels, and tells them', async () => {
    const { session } = await newSession(2);
    const [a, b, c, d] = await createPersons(app, centerId, 4);
    const reg = async (id: string) => m.registrations.register(actor, centerId, session.id, { personId: id }, 'staff');
    const ra = await reg(a!.id);
    await reg(b!.id);
    const rc = await reg(c!.id);
    const rd = await reg(d!.id);
    expect([rc.status, rd.status]).toEqual(['waitlisted', 'waitlisted']);
    await m.roster.cancel(actor, ra.registrations[0]!.id);
    const rows = await registrationsOf(session.id);
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    expect(byPerson.get(a!.id)!.status).toBe('cancelled');
    expect(byPerson.get(c!.id)!.status).toBe('confirmed');
    expect(byPerson.get(c!.id)!.promotedAt).not.toBeNull();
    expect(byPerson.get(d!.id)!.status).toBe('waitlisted');
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(2);
    const promotion = (await outbox()).filter((msg) => msg.recipient === c!.email && msg.subject?.startsWith('Une place s’est libérée'));
    expect(promotion).toHaveLength(1);
    expect(promotion[0]!.body).toMatch(/http:\/\/lieudit\.test\/inscription\/[\w.-]+/);
    // Cancelling a waiting person promotes nobody.
    await m.roster.cancel(actor, rd.registrations[0]!.id);
    expect((await registrationsOf(session.id)).filter((r) => r.status === 'confirmed')).toHaveLength(2);
  });

  it('registers a stage as a whole: all sessions confirmed, or all waitlisted, promoted together', async () => {
    const dates = [dayFromNow(app.ctx.clock, 20), dayFromNow(app.ctx.clock, 21), dayFromNow(app.ctx.clock, 22)];
    const { activity } = await newSession(2, {
      kind: 'stage', title: 'Stage robotique', audience: 'enfants_6_11',
      schedule: { kind: 'dates', dates, rrule: null, startDate: null, endDate: null, startTime: '09:30', endTime: '12:00', exceptions: [] },
    });
    expect(activity.registrationMode).toBe('series');
    const sessions = await m.programme.sessions(actor, activity.id);
    expect(sessions).toHaveLength(3);
    const [a, b, c] = await createPersons(app, centerId, 3, { birthYear: currentYear(app.ctx.clock.now()) - 9 });
    const ra = await m.registrations.register(actor, centerId, sessions[1]!.id, { personId: a!.id }, 'staff');
    await m.registrations.register(actor, centerId, sessions[0]!.id, { personId: b!.id }, 'staff');
    const rc = await m.registrations.register(actor, centerId, sessions[2]!.id, { personId: c!.id }, 'staff');
    expect(ra.registrations).toHaveLength(3);
    expect(ra.status).toBe('confirmed');
    expect(rc.status).toBe('waitlisted');
    expect(rc.registrations.every((r) => r.status === 'waitlisted')).toBe(true);
    const link = ra.link.split('/inscription/')[1]!;
    await m.links.cancelByLink(link);
    const after = await db.kysely.selectFrom('activityRegistrations').selectAll().where('activityId', '=', activity.id).execute();
    expect(after.filter((r) => r.personId === c!.id).every((r) => r.status === 'confirmed')).toBe(true);
    expect(after.filter((r) => r.personId === a!.id).every((r) => r.status === 'cancelled')).toBe(true);
    for (const s of sessions) expect(after.filter((r) => r.sessionId === s.id && r.status === 'confirmed')).toHaveLength(2);
    // One message for the whole stage, not one per day.
    expect((await outbox()).filter((msg) => msg.recipient === c!.email && msg.subject?.startsWith('Une place'))).toHaveLength(1);
  });

  it('raising the capacity promotes the waiting list; lowering it below the registered is refused', async () => {
    const { activity, session } = await newSession(1);
    const persons = await createPersons(app, centerId, 3);
    for (const p of persons) await m.registrations.register(actor, centerId, session.id, { personId: p.id }, 'staff');
    await expect(m.programme.update(actor, activity.id, { capacity: 0 })).rejects.toMatchObject({ status: 422 });
    await m.programme.update(actor, activity.id, { capacity: 2 });
    expect((await registrationsOf(session.id)).filter((r) => r.status === 'confirmed')).toHaveLength(2);
    await expect(m.programme.update(actor, activity.id, { capacity: 1 })).rejects.toMatchObject({ status: 409 });
  });

  it('refuses bad programme input with field messages and creates nothing', async () => {
    const count = async () => (await db.kysely.selectFrom('activities').select('id').execute()).length;
    const before = await count();
    const cases: [Partial<Parameters<typeof activityInput>[2]>, string][] = [
      [{ schedule: { kind: 'single', dates: [dayFromNow(app.ctx.clock, -2)], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] } }, 'date'],
      [{ schedule: { kind: 'single', dates: [dayFromNow(app.ctx.clock, 5)], rrule: null, startDate: null, endDate: null, startTime: '16:00', endTime: '14:00', exceptions: [] } }, 'endTime'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: -3 }, 'capacity'],
      // A weekly rule on a weekday the one-day range does not hold (whatever day the tests run).
      [{ schedule: { kind: 'rrule', dates: [], rrule: `FREQ=WEEKLY;BYDAY=${weekdayCode(dayFromNow(app.ctx.clock, 2))}`, startDate: dayFromNow(app.ctx.clock, 1), endDate: dayFromNow(app.ctx.clock, 1), startTime: '14:00', endTime: '16:00', exceptions: [] } }, 'rrule'],
      [{ siteId: '0190f0f0-0000-7000-8000-000000000000' }, 'siteId'],
    ];
    for (const [override, field] of cases) {
      const error = await m.programme.create(actor, activityInput(app.ctx.clock, studioId, override)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect(Object.keys((error as AppError).fields)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('checks a public registration: a minor needs a guardian and an authorisation, the commune must exist — nothing is created otherwise', async () => {
    const { session } = await newSession(10, { audience: 'enfants_6_11', kind: 'atelier', title: 'Club code' });
    const persons = async () => (await db.kysely.selectFrom('persons').select('id').execute()).length;
    const before = await persons();
    const child = { firstName: 'Léa', lastName: 'Martin', birthYear: currentYear(app.ctx.clock.now()) - 9, commune: 'Cambrai', phone: null, email: null };
    const minor = await m.registrations.register(null, centerId, session.id, { person: child, contactEmail: 'parent@exemple.fr', dataProcessing: true }, 'public').catch((e: unknown) => e);
    expect((minor as AppError).status).toBe(422);
    expect(Object.keys((minor as AppError).fields).sort()).toEqual(['guardianName', 'parentalAuthorisation']);
    const unknownCommune = await m.registrations.register(null, centerId, session.id, {
      person: { ...child, commune: 'Zzzyxville' }, guardianName: 'Paul Martin', parentalAuthorisation: true, contactEmail: 'parent@exemple.fr', dataProcessing: true,
    }, 'public').catch((e: unknown) => e);
    expect((unknownCommune as AppError).fields.commune).toBe('activities.commune.unknown');
    const tooOld = await m.registrations.register(null, centerId, session.id, {
      person: { ...child, birthYear: 1960 }, contactEmail: 'x@exemple.fr', dataProcessing: true,
    }, 'public').catch((e: unknown) => e);
    expect((tooOld as AppError).fields.birthYear).toBe('activities.registration.ageOutOfRange');
    expect(await persons()).toBe(before);
    expect(await registrationsOf(session.id)).toHaveLength(0);

    const ok = await m.registrations.register(null, centerId, session.id, {
      person: child, guardianName: 'Paul Martin', parentalAuthorisation: true, contactEmail: 'parent@exemple.fr', remindersConsent: true, dataProcessing: true,
    }, 'public');
    expect(ok.status).toBe('confirmed');
    const again = await m.registrations.register(null, centerId, session.id, {
      person: child, guardianName: 'Paul Martin', parentalAuthorisation: true, contactEmail: 'parent@exemple.fr', remindersConsent: true, dataProcessing: true,
    }, 'public');
    expect(again.duplicate).toBe(true);
    expect(await persons()).toBe(before + 1);
    const [row] = await registrationsOf(session.id);
    expect(row).toMatchObject({ guardianName: 'Paul Martin', contactEmail: 'parent@exemple.fr', matchStatus: 'none' });
    expect(asBool(row!.parentalAuthorisation)).toBe(true);
    // The child's file carries no contact: the guardian's stays on the registration.
    const file = await app.services.people.getSummary(centerId, row!.personId);
    expect(file).toMatchObject({ firstName: 'Léa', email: null, phone: null });
    const mail = (await outbox()).filter((msg) => msg.recipient === 'parent@exemple.fr');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain('Bonjour Paul Martin');
  });

  it('links a public registration to an existing file with the same name, pending staff confirmation', async () => {
    const { session } = await newSession(10, { audience: 'adultes' });
    const [existing] = await createPersons(app, centerId, 1, { birthYear: 1970 });
    const typed = { firstName: existing!.firstName!.toUpperCase(), lastName: existing!.lastName!, birthYear: 1970, commune: '59122', phone: '06 12 34 56 78', email: null };
    const outcome = await m.registrations.register(null, centerId, session.id, { person: typed, remindersConsent: true, dataProcessing: true }, 'public');
    expect(outcome.person.id).toBe(existing!.id);
    const [row] = await registrationsOf(session.id);
    expect(row).toMatchObject({ matchStatus: 'pending', contactPhone: '0612345678' });
    // Staff say it is someone else: a new file is made from what was typed and takes the registration.
    const coordinator = { ...actor, role: 'coordinator' as const };
    const resolved = await m.registrations.resolveMatch(coordinator, row!.id, false);
    expect(resolved.personId).not.toBe(existing!.id);
    expect(resolved).toMatchObject({ matchStatus: 'none', submitted: null });
    const created = await app.services.people.getSummary(centerId, resolved.personId);
    expect(created).toMatchObject({ lastName: existing!.lastName, phone: '0612345678' });
  });

  it('answers 404 for another centre’s sessions, activities and registrations', async () => {
    const { activity, session } = await newSession(3);
    const [person] = await createPersons(app, centerId, 1);
    const reg = await m.registrations.register(actor, centerId, session.id, { personId: person!.id }, 'staff');
    const other = systemActor(await createCentre(app, 'autre', 'Autre centre'));
    const [stranger] = await createPersons(app, other.centerId, 1);
    const notFound = { status: 404 };
    await expect(m.programme.get(other, activity.id)).rejects.toMatchObject(notFound);
    await expect(m.programme.getSession(other, session.id)).rejects.toMatchObject(notFound);
    await expect(m.programme.update(other, activity.id, { capacity: 99 })).rejects.toMatchObject(notFound);
    await expect(m.programme.cancelSession(other, session.id, null)).rejects.toMatchObject(notFound);
    await expect(m.registrations.register(other, other.centerId, session.id, { personId: stranger!.id }, 'api')).rejects.toMatchObject(notFound);
    await expect(m.roster.cancel(other, reg.registrations[0]!.id)).rejects.toMatchObject(notFound);
    await expect(m.registrations.register(actor, centerId, session.id, { personId: stranger!.id }, 'api')).rejects.toMatchObject({ status: 422 });
    expect((await registrationsOf(session.id)).filter((r) => r.status !== 'cancelled')).toHaveLength(1);
  });
});

describe('reminders 48 hours before', () => {
  let app: FastifyInstance;
  let db: TestDb;
  let m: ActivitiesModule;
  let centerId: string;
  let actor: Actor;
  let studioId: string;

  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp(loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' }), { db, migrate: false, clock: testClock() });
    m = app.services.activities;
    centerId = await createCentre(app, 'rappels', 'Centre social Les Tilleuls');
    ({ studioId, actor } = await setupProgramme(app, centerId));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('sends one reminder to each consenting, confirmed person — never twice, never when cancelled, never without consent', async () => {
    const activity = await m.programme.create(actor, activityInput(app.ctx.clock, studioId, { capacity: 3, schedule: { kind: 'single', dates: [dayFromNow(app.ctx.clock, 5)], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '12:00', exceptions: [] } }));
    const [session] = await m.programme.sessions(actor, activity.id);
    const [yes, cancelled, waiting] = await createPersons(app, centerId, 3, { reminders: true });
    const [no] = await createPersons(app, centerId, 1, { reminders: false });
    const reg = (id: string) => m.registrations.register(actor, centerId, session!.id, { personId: id }, 'staff');
    await reg(yes!.id);
    const rc = await reg(cancelled!.id);
    await reg(no!.id);
    await reg(waiting!.id); // full: waitlisted
    await m.roster.cancel(actor, rc.registrations[0]!.id); // promotes `waiting`
    const reminders = async () => (await db.kysely.selectFrom('outbox').selectAll().execute()).filter((msg) => msg.dedupeKey?.startsWith('reminder:'));

    // Too early: the session is 5 days away.
    await m.reminders.sendDueReminders();
    expect(await reminders()).toHaveLength(0);

    const twoDaysBefore = new Date(Date.parse(session!.startsAt) - 47 * 3_600_000);
    const first = await m.reminders.sendDueReminders(twoDaysBefore);
    const sent = await reminders();
    expect(sent.map((r) => r.recipient).sort()).toEqual([waiting!.email, yes!.email].sort());
    expect(first.queued).toBe(2);
    expect(sent[0]!.body).toContain('Petit rappel');
    await m.reminders.sendDueReminders(new Date(twoDaysBefore.getTime() + 3_600_000));
    expect(await reminders()).toHaveLength(2);

    // A cancelled session gets no reminder at all.
    const other = await m.programme.create(actor, activityInput(app.ctx.clock, studioId, { capacity: 3, schedule: { kind: 'single', dates: [dayFromNow(app.ctx.clock, 6)], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '12:00', exceptions: [] } }));
    const [s2] = await m.programme.sessions(actor, other.id);
    await m.registrations.register(actor, centerId, s2!.id, { personId: yes!.id }, 'staff');
    await m.programme.cancelSession(actor, s2!.id, 'Salle indisponible');
    await m.reminders.sendDueReminders(new Date(Date.parse(s2!.startsAt) - 24 * 3_600_000));
    expect(await reminders()).toHaveLength(2);
    const cancelNotice = (await db.kysely.selectFrom('outbox').selectAll().execute()).filter((msg) => msg.subject?.startsWith('Séance annulée'));
    expect(cancelNotice).toHaveLength(1);
    expect(cancelNotice[0]!.body).toContain('Salle indisponible');
  });
});

/** The iCalendar code (MO…SU) of a calendar day written YYYY-MM-DD. */
function weekdayCode(day: string): string {
  return ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${day}T12:00:00Z`).getUTCDay()]!;
}
