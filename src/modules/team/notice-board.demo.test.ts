import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { addDays } from '../../platform/time.ts';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { seedDemoTeamBoard } from './notice-board.demo.ts';

describe('team board demo data', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Actor;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'equipedemo', 'Centre de démonstration');
    const user = await createStaff(t.app, centreId, 'coordinator');
    await createStaff(t.app, centreId, 'facilitator');
    await createStaff(t.app, centreId, 'volunteer');
    coordinator = { centerId: centreId, userId: user.id, role: 'coordinator', label: 'c', partnerCommuneInsee: null, via: 'session' };
  });
  afterAll(() => t.close());

  it('seeds three posts, one the coordinator has not read, and the volunteer’s hours — once', async () => {
    expect(await seedDemoTeamBoard(t.app.ctx, t.app.services, centreId)).toBe(3);
    const posts = await t.app.services.teamBoard.notices.list(coordinator);
    expect(posts).toHaveLength(3);
    expect(posts[0]!.pinned).toBe(true);
    expect(posts.filter((p) => !p.read).map((p) => p.title)).toEqual(['Tablettes à recharger']);
    const { to } = t.app.services.teamBoard.hours.defaultPeriod();
    const summary = await t.app.services.teamBoard.hours.summary(coordinator, { from: addDays(to, -60), to });
    expect(summary.total.minutes).toBe(960);
    expect(await seedDemoTeamBoard(t.app.ctx, t.app.services, centreId)).toBe(0);
  });
});
