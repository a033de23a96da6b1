import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, submittedGetForm, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../auth/actor.ts';
import { activityInput, setupProgramme } from '../../modules/activities/activities.fixtures.ts';
import { parseQuery } from './query.ts';

describe('GET filter forms: an empty field means "any"', () => {
  let t: TestApp;
  let centerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'filtres', 'Centre social Les Filtres');
    const { studioId, villageId } = await setupProgramme(t.app, centerId);
    const programme = t.app.services.activities.programme;
    await programme.create(systemActor(centerId), activityInput(t.app.ctx.clock, villageId, { title: 'Tablette au village' }));
    await programme.create(systemActor(centerId), activityInput(t.app.ctx.clock, studioId, { title: 'Tablette en ville' }));
  });
  afterAll(() => t.close());

  it('shows a senior only the activities of the village she chose in the catalogue form, the other fields left empty', async () => {
    const resident = new Client(t.app);
    const page = await resident.get('/activites');
    expect(page.body).toContain('Tablette en ville');
    const url = submittedGetForm(page.body, '/activites', { lieu: '59219' });
    expect(url).toMatch(/public=&lieu=59219&theme=&du=$/);

    const filtered = await resident.get(url);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('Tablette au village');
    expect(filtered.body).not.toContain('Tablette en ville');
    // The form shows the choice kept, and the other fields as "any".
    expect(filtered.body).toMatch(/<option value="59219" selected/);
  });

  it('treats empty query values of the JSON API as not given, instead of refusing the request', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/activities?public=&lieu=59219&theme=&du=' });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { items: { title: string }[] }).items.map((a) => a.title)).toEqual(['Tablette au village']);
  });

  it('drops empty and blank values, keeps repeated ones', () => {
    expect(parseQuery('public=&lieu=59219&theme=%20&du=&jour=MO&jour=&jour=TU')).toEqual({ lieu: '59219', jour: ['MO', 'TU'] });
  });
});
