import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, type TestApp } from '../support/app.ts';

/**
 * The API's one error contract (src/platform/http/errors-handler.ts): whatever the module,
 * a request its schema or its service refuses is a 422 `{ error: 'invalid', message, fields }`
 * in French, naming each field to correct; a body that is not JSON at all is a 400.
 */
describe('API error contract', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof apiToken>>;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    const centerId = await createCentre(t.app);
    admin = await apiToken(t.app, centerId, 'admin');
    token = (await t.app.ctx.auth.createToken(centerId, 'admin', 'raw JSON')).token;
  });
  afterAll(() => t.close());

  const refusals: [string, 'GET' | 'POST' | 'PATCH', string, unknown, string][] = [
    ['activities (body)', 'POST', '/api/v1/activities', { title: 42 }, 'title'],
    ['centre (body)', 'PATCH', '/api/v1/centre', { name: '' }, 'name'],
    ['sites (body)', 'POST', '/api/v1/sites', {}, 'name'],
    ['sites (query)', 'GET', '/api/v1/sites?archives=peut-etre', undefined, 'archives'],
    ['pathways (body)', 'POST', '/api/v1/pathways', {}, 'title'],
    ['pathways (query)', 'GET', '/api/v1/pathways/enrolments?state=perdue', undefined, 'state'],
    ['pathways (a service rule: unknown pathway)', 'GET', '/api/v1/pathways/enrolments?pathwayId=0190f0a0-0000-7000-8000-000000000000', undefined, 'pathwayId'],
    ['persons (body)', 'POST', '/api/v1/persons', { firstName: '' }, 'firstName'],
    ['persons (query)', 'GET', '/api/v1/persons?pageSize=1000', undefined, 'pageSize'],
    ['help desk (body)', 'POST', '/api/v1/helpdesk/motifs', {}, 'name'],
    ['help desk (query)', 'GET', '/api/v1/accompaniments?limit=0', undefined, 'limit'],
    ['resources (body)', 'POST', '/api/v1/resources/fiches', { title: '', summary: 'x', body: 'y', level: 'debutant', themes: ['email'] }, 'title'],
    ['a whole body of the wrong type', 'POST', '/api/v1/sites', 'un lieu', 'body'],
    ['a service rule (unknown commune)', 'POST', '/api/v1/partner-communes', { communeInsee: '99999' }, 'communeInsee'],
  ];

  it.each(refusals)('%s: 422 with the field to correct, in French', async (_what, method, url, body, field) => {
    const response = await admin(method, url, body);
    expect(response.statusCode, response.body).toBe(422);
    const json = response.json();
    expect(json).toMatchObject({ error: 'invalid', message: 'Certaines informations sont à corriger.' });
    expect(Object.keys(json.fields)).toContain(field);
    expect(json.fields[field]).toMatch(/^[A-ZÀ-Ýa-zà-ÿ«]/);
  });

  it('answers a body that is not JSON with a 400 in the same shape', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/v1/sites',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{ pas du JSON',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'bad_request', fields: {} });
  });
});
