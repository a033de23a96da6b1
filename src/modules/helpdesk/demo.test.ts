import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoHelpdesk } from './demo.ts';

describe('help desk demo data', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hddemo', 'Centre de démonstration');
    await createStaff(t.app, centreId, 'facilitator');
    await createStaff(t.app, centreId, 'facilitator');
    await createStaff(t.app, centreId, 'volunteer');
  });
  afterAll(() => t.close());

  it('seeds motifs, openings in the centre and partner villages, appointments and records — once', async () => {
    const first = await seedDemoHelpdesk(t.app.ctx, t.app.services, centreId);
    expect(first.motifs).toBe(8);
    expect(first.openings).toBe(5);
    expect(first.appointments).toBeGreaterThan(8);
    expect(first.records).toBeGreaterThan(2);
    const motifs = await t.app.services.helpdesk.settings.listPublicMotifs(centreId);
    expect(motifs.map((m) => m.name)).toContain('Carte d’identité / passeport (ANTS)');
    const ants = motifs.find((m) => m.name.startsWith('Carte d’identité'))!;
    const places = await t.app.services.helpdesk.availability.placesFor(centreId, ants.id);
    expect(places.some((p) => p.site.kind === 'village_hall' && p.firstSlot)).toBe(true);
    const again = await seedDemoHelpdesk(t.app.ctx, t.app.services, centreId);
    expect(again.appointments).toBe(0);
    expect((await t.db.kysely.selectFrom('helpdeskMotifs').select('id').where('centerId', '=', centreId).execute()).length).toBe(8);
  });
});
