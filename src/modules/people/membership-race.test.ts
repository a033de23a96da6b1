import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';

describe('membership edited twice at the same moment', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'adhesion');
  });
  afterAll(() => t.close());

  it('keeps one membership for the year and never fails on the (person, year) key', async () => {
    const actor = systemActor(centreId);
    const person = await t.app.services.people.create(actor, {
      firstName: 'Josiane', lastName: 'Wattiez', consents: { data_processing: true }, confirmNotDuplicate: true,
    });
    const results = await Promise.allSettled(
      [500, 1000, 1500, 2000].map((amountCents) => t.app.services.people.update(actor, person.id, { membership: { amountCents } })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await t.db.kysely.selectFrom('memberships').selectAll().where('personId', '=', person.id).execute();
    expect(rows).toHaveLength(1);
    expect([500, 1000, 1500, 2000]).toContain(rows[0]!.amountCents);
  });
});
