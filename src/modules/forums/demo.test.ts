import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { seedDemoForums } from './demo.ts';
import { isAnonymous } from './forum.service.ts';

describe('forums demo data', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'forumdemo', 'Centre de démonstration');
  });
  afterAll(() => t.close());

  it('the 2027 consultation: themes from the web (one anonymous) and from paper, a merged duplicate, 27 paper votes at the market — once', async () => {
    await seedDemoForums(t.app.ctx, t.app.services, centreId);
    const { forums } = t.app.services.forums;
    const actor = systemActor(centreId);
    const [consultation, ...others] = await forums.list(actor);
    expect(others).toEqual([]);
    expect(consultation!.title).toMatch(/^Forums 2027/);
    expect(consultation!.phase).toBe('votes');
    const proposals = await forums.proposals(actor, consultation!.id);
    expect(new Set(proposals.map((p) => p.origin))).toEqual(new Set(['web', 'paper', 'phone']));
    const anonymous = proposals.filter((p) => p.origin === 'web' && isAnonymous(p));
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ status: 'accepted', authorEmail: 'parent.college@exemple.fr' });
    expect(proposals.filter((p) => p.status === 'merged')).toHaveLength(1);
    const tallies = await forums.tallies(actor, consultation!.id);
    expect(tallies.some((x) => x.count === 27 && x.collectedWhere === 'collectés au marché')).toBe(true);

    // The results show both kinds of votes, and the anonymous theme without its contact.
    const results = await new Client(t.app).get(`/forums/${consultation!.id}/resultats`);
    expect(results.body).toContain('Suivre la scolarité de mes enfants');
    expect(results.body).not.toContain('parent.college');
    const r = await forums.results(centreId, consultation!.id);
    expect(r.items.some((i) => i.paper === 27)).toBe(true);
    expect(r.items.some((i) => i.online > 0)).toBe(true);

    await seedDemoForums(t.app.ctx, t.app.services, centreId);
    expect(await forums.list(actor)).toHaveLength(1);
  });
});
