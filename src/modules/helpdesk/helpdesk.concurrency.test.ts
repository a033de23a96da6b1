import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { apiToken, createCentre, testClock } from '../../../tests/support/app.ts';
import { createTestDb, testDialect, type TestDb } from '../../../tests/support/databases.ts';
import type { FastifyInstance } from 'fastify';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';
import { formatSlot } from './helpdesk.format.ts';
import { lockDesk } from './helpdesk.repository.ts';

// A slot is never booked twice, whatever the concurrency: 100 residents try the same slot at
// once. On PostgreSQL the pool has 20 connections, so the requests really overlap.
describe('100 simultaneous bookings of one slot', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let centreId: string;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  beforeAll(async () => {
    db = await createTestDb({ poolSize: 20 });
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' });
    app = await buildApp(config, { db, migrate: false, clock: testClock() });
    centreId = await createCentre(app, 'hdrace', 'Centre social de la course');
    desk = await setupDesk(app, centreId);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('confirms exactly one and answers 409 with the next free slots to the 99 others, who leave nothing behind', async () => {
    const slot = await firstSlot(app, centreId, desk.ants.id, desk.village.id, 3);
    const personsBefore = (await db.kysely.selectFrom('persons').select('id').execute()).length;
    const responses = await Promise.all(
      // 100 residents, each from their own connection and phone: the daily limits per contact
      // and per address (public-forms) are not what this test is about.
      Array.from({ length: 100 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/helpdesk/appointments',
          remoteAddress: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          payload: {
            motifId: desk.ants.id,
            siteId: desk.village.id,
            startAt: slot.startAt,
            firstName: `Habitant${i}`,
            lastName: 'Course',
            phone: `06${String(10_000_000 + i).slice(-8)}`,
            reminder: 'sms',
            consent: true,
          },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const refused = responses.find((r) => r.statusCode === 409)!.json();
    expect(refused.error).toBe('slot_taken');
    // The next free slots, in words: with their year when it is not this year's (by the app's clock).
    const next = await app.services.helpdesk.availability.nextFreeSlots(centreId, desk.ants.id, desk.village.id, slot.startAt);
    expect(next).toHaveLength(3);
    const words = next.map((s) => formatSlot(s.startAt, 'fr', app.ctx.clock.now())).join(' ; ');
    expect(refused.message).toBe(`Ce créneau vient d’être réservé par quelqu’un d’autre. Prochains créneaux libres : ${words}.`);

    const booked = await db.kysely
      .selectFrom('helpdeskAppointments')
      .selectAll()
      .where('centerId', '=', centreId)
      .where('status', '=', 'booked')
      .execute();
    expect(booked).toHaveLength(1);
    expect(booked[0]!.personId).not.toBeNull();
    expect((await db.kysely.selectFrom('persons').select('id').execute()).length).toBe(personsBefore + 1);
    expect((await db.kysely.selectFrom('outbox').select('id').where('relatedType', '=', 'appointment').execute()).length).toBe(1);
  });

  it('never lets two overlapping appointments of different lengths share a desk (the lock, not only the index)', async () => {
    // A 60-minute staff motif at 10 h and a 30-minute public one at 10 h 30 on the same desk:
    // different start times, so only the serialised re-check can keep them apart.
    const staff = await apiToken(app, centreId, 'facilitator');
    const long = await firstSlot(app, centreId, desk.internal.id, desk.village.id, 30);
    const shortStart = new Date(Date.parse(long.startAt) + 30 * 60_000).toISOString();
    const person = { firstName: 'Anne', lastName: 'Chevauchement', phone: '0611223344', consent: true };
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? staff('POST', '/api/v1/helpdesk/appointments', { motifId: desk.internal.id, siteId: desk.village.id, startAt: long.startAt, ...person })
          : app.inject({
              method: 'POST',
              url: '/api/v1/helpdesk/appointments',
              remoteAddress: `10.1.0.${i + 1}`,
              payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: shortStart, ...person, firstName: `Court${i}`, phone: `06220000${String(i).padStart(2, '0')}` },
            }),
      ),
    );
    expect(responses.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(1);
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    const rows = await db.kysely
      .selectFrom('helpdeskAppointments')
      .select(['startAt', 'endAt'])
      .where('centerId', '=', centreId)
      .where('status', '=', 'booked')
      .where('startAt', '>=', long.startAt)
      .where('startAt', '<=', shortStart)
      .execute();
    expect(rows).toHaveLength(1);
  });

  // SQLite has one connection that runs transactions one after the other: B could not start
  // before A commits even without the lock, so there the test would pass whatever lockDesk does.
  it.skipIf(testDialect() === 'sqlite')('a booking waits for the desk lock held by another one (PostgreSQL only: SQLite serialises every transaction anyway)', async () => {
    const opening = desk.openings[0]!;
    const events: string[] = [];
    let releaseA!: () => void;
    const aHolds = new Promise<void>((resolve) => (releaseA = resolve));
    let aLocked!: () => void;
    const aHasLock = new Promise<void>((resolve) => (aLocked = resolve));
    const a = db.kysely.transaction().execute(async (trx) => {
      await lockDesk(trx, centreId, { openingId: opening.id, staffUserId: null });
      events.push('A locked');
      aLocked();
      await aHolds;
      events.push('A commits');
    });
    await aHasLock;
    const b = db.kysely.transaction().execute(async (trx) => {
      await lockDesk(trx, centreId, { openingId: opening.id, staffUserId: null });
      events.push('B locked');
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual(['A locked']);
    releaseA();
    await Promise.all([a, b]);
    expect(events).toEqual(['A locked', 'A commits', 'B locked']);
  });

  it('the database itself refuses a second booked row for the same desk and time', async () => {
    const row = await db.kysely.selectFrom('helpdeskAppointments').selectAll().where('centerId', '=', centreId).executeTakeFirstOrThrow();
    await expect(
      db.kysely
        .insertInto('helpdeskAppointments')
        .values({ ...row, id: '0190a0a0-0000-7000-8000-00000000beef' })
        .execute(),
    ).rejects.toThrow();
    // …but a cancelled one does not hold the slot.
    await db.kysely
      .insertInto('helpdeskAppointments')
      .values({ ...row, id: '0190a0a0-0000-7000-8000-00000000cafe', status: 'cancelled' })
      .execute();
  });
});
