import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoShuttle } from './demo.ts';

describe('navette demo data', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'navdemo', 'Centre de démonstration');
    for (const [i, commune] of ['59377', '59269', '59520', '59517', '59502', '59389', '59377', '59269', '59520'].entries()) {
      await t.app.services.people.create(systemActor(centreId), {
        firstName: `Résident${i}`, lastName: 'Démo', birthYear: 1940, commune, phone: '0611223344', consents: { data_processing: true }, confirmNotDuplicate: true,
      } as Parameters<typeof t.app.services.people.create>[1]);
    }
  });
  afterAll(() => t.close());

  it('seeds 9 requests from 6 villages and one confirmed tour — once', async () => {
    expect(await seedDemoShuttle(t.app.ctx, t.app.services, centreId)).toBe(9);
    const actor = systemActor(centreId);
    const requests = await t.app.services.shuttle.requests.list(actor);
    expect(requests).toHaveLength(9);
    expect(new Set(requests.map((r) => r.communeInsee)).size).toBe(6);
    const tours = await t.app.services.shuttle.tours.list(actor, { status: 'confirmed' });
    expect(tours).toHaveLength(1);
    const tour = await t.app.services.shuttle.tours.get(actor, tours[0]!.id);
    expect(tour.stops.length).toBeGreaterThanOrEqual(2);
    expect(requests.filter((r) => r.status === 'planned')).toHaveLength(tour.stops.length);
    expect(await seedDemoShuttle(t.app.ctx, t.app.services, centreId)).toBe(0);
  });
});
