import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoHelpdesk } from '../helpdesk/demo.ts';
import { seedDemoPathways } from '../pathways/demo.ts';
import { seedDemoTeam } from './demo.ts';

describe('team demo data', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'equipedemo', 'Centre de démonstration');
    await t.app.services.centre.createSite(centreId, { name: 'Centre social', kind: 'centre', address: null, communeInsee: '59122' });
    await createStaff(t.app, centreId, 'volunteer', 'monique@exemple.fr');
    await createStaff(t.app, centreId, 'facilitator');
    await seedDemoHelpdesk(t.app.ctx, t.app.services, centreId);
    await seedDemoPathways(t.app.ctx, t.app.services, centreId);
  });
  afterAll(() => t.close());

  it('seeds volunteers with profiles, one of them lacking the help desk\'s required training — once', async () => {
    expect(await seedDemoTeam(t.app.ctx, t.app.services, centreId)).toBe(4);
    const system = systemActor(centreId);
    const { profiles } = t.app.services.team;
    const members = await profiles.members(system);
    const trained = members.find((m) => m.displayName === 'Bernard Lemaire')!;
    expect(trained.completed.map((p) => p.title)).toContain('Accueillir et accompagner');
    const monique = members.find((m) => m.profile.contactChannel === 'phone')!;
    const users = await t.app.ctx.auth.listUsers(centreId);
    const missing = await profiles.missingTrainings(centreId, users.find((u) => u.id === monique.id)!, 'helpdesk');
    expect(missing).toEqual(['Accueillir et accompagner']);
    expect(await profiles.missingTrainings(centreId, users.find((u) => u.id === trained.id)!, 'helpdesk')).toEqual([]);
    expect(await seedDemoTeam(t.app.ctx, t.app.services, centreId)).toBe(0);
  });
});
