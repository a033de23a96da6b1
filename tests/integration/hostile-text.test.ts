import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { sampleBody, type JsonSchema } from './generated-input.ts';
import { buildWorld, concreteUrl, registeredRoutes, type World } from './world.ts';

/**
 * Hostile text on every route (review: NUL bytes gave a 500 on PostgreSQL in every free-text
 * field). Every route the app registers is sent NUL, bidi-override and zero-width characters in
 * its path parameters, its query string and its body — the API's bodies built from its own
 * OpenAPI description, so that they are otherwise valid and reach the database. Nothing may
 * answer 5xx, and nothing that is answered may carry the invisible characters back.
 */

/** NUL, right-to-left override, first-strong isolate, zero-width space. */
const HOSTILE = '\u0000\u202E\u2068\u200B';
// eslint-disable-next-line no-control-regex -- NUL is what must not come back
const SUSPECT = /\u0000|\u202E|\u2068|\u200B|\\u0000|\\u202e|\\u2068|\\u200b/i;
const QUERY_KEYS = ['q', 'date', 'du', 'au', 'from', 'to', 'motif', 'lieu', 'site', 'public', 'theme', 'retour', 'page', 'jeton', 'semaine', 'statut', 'status'];
const FORM_FIELDS = ['name', 'title', 'firstName', 'lastName', 'email', 'phone', 'note', 'notes', 'description', 'reason', 'address', 'q', 'motif', 'contactName', 'contactEmail', 'displayName', 'password'];

describe('hostile text on every route', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t.app, 'Hostile', 'Centre social Hostile');
  });
  afterAll(() => t?.close());

  it('stores a site named with NUL and bidi characters under its plain name', async () => {
    const response = await w.clients.admin.api('POST', '/api/v1/sites', { name: `Salle\u0000 des\u202E fêtes\u200B`, kind: 'village_hall', communeInsee: '59122' });
    expect(response.statusCode).toBe(201);
    const row = await t.app.ctx.kysely.selectFrom('sites').select('name').where('id', '=', (response.json() as { id: string }).id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Salle des fêtes');
  });

  it('takes a resident\'s booking whose note carries NUL and bidi characters, and keeps the note readable', async () => {
    const slot = await w.freeSlot();
    const response = await w.clients.anonymous.api('POST', '/api/v1/helpdesk/appointments', {
      ...slot, firstName: 'Rés\u200Bidente', lastName: 'En\u0000 ligne', email: 'residente.note@exemple.fr', reminder: 'none', consent: true,
      note: 'Dossier CAF\u0000 \u202Eurgent\u202C',
    });
    expect(response.statusCode).toBe(201);
    const row = await t.app.ctx.kysely.selectFrom('helpdeskAppointments').select('note').where('centerId', '=', w.centerId).where('note', 'like', 'Dossier CAF%').executeTakeFirstOrThrow();
    expect(row.note).toBe('Dossier CAF urgent');
  });

  it('answers a login with NUL in the e-mail like any wrong login', async () => {
    const response = await w.clients.anonymous.post('/connexion', { email: 'admin@hostile.exemple.fr\u0000', password: 'pas le bon' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Erreur');
  });

  it('never answers 5xx nor echoes NUL, bidi or zero-width characters', async () => {
    const openapi = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
    const date = new Date(t.app.ctx.clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    const admin = w.clients.admin;
    const failures: string[] = [];
    const check = (what: string, response: LightMyRequestResponse) => {
      if (response.statusCode >= 500) failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      else if (response.headers['content-type']?.toString().match(/json|html/) && SUSPECT.test(response.body)) {
        failures.push(`${what}: ${response.statusCode} answers with the hostile characters`);
      }
    };

    for (const { method, url } of registeredRoutes(t.app)) {
      if (method === 'POST' && url === '/deconnexion') continue; // would end the admin's session
      // The world's resources for the route, each path parameter made hostile.
      const pattern = url.split('/');
      const path = concreteUrl(url, w)
        .split('/')
        .map((segment, i) => (pattern[i]?.startsWith(':') || pattern[i] === '*' ? segment + encodeURIComponent(HOSTILE) : segment))
        .join('/');
      const query = `?${QUERY_KEYS.map((k) => `${k}=${encodeURIComponent(`x${HOSTILE}`)}`).join('&')}`;
      const what = `${method} ${url}`;
      if (method === 'GET' || method === 'DELETE') {
        check(what, method === 'GET' ? await admin.get(path + query) : await admin.api('DELETE', path));
        continue;
      }
      if (url.startsWith('/api/')) {
        const operation = openapi.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
        const schema = operation?.requestBody?.content?.['application/json']?.schema;
        const body = schema ? sampleBody(schema, w, { date, decorate: (v) => `${v}${HOSTILE}` }) : {};
        check(what, await admin.api(method as 'POST', path, body));
        continue;
      }
      check(what, await admin.post(path, Object.fromEntries(FORM_FIELDS.map((f) => [f, `Texte${HOSTILE}`]))));
    }
    expect(failures).toEqual([]);
  });
});
