import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.ts';
import { sampleBody, type JsonSchema } from './generated-input.ts';
import { buildWorld, concreteUrl, registeredRoutes, type World } from './world.ts';

/**
 * Impossible and out-of-range dates (review: `?from=2026-13-45` and `?date=9999-12-27` gave
 * 500s). Every route is sent such dates in every date-like query parameter, and every API body
 * its date and date-time fields, the rest of the body being valid: the answer is never a 5xx,
 * and an API refusal is the usual French `{ error, message, fields }`.
 */
// Start and end keys apart: with both wrong, a route may stop at comparing them.
const QUERY_KEY_SETS = [
  ['date', 'du', 'from', 'jour', 'semaine', 'mois', 'depuis', 'start'],
  ['au', 'to', 'jusqua', 'end'],
];
const ROUNDS = [
  { day: '2026-13-45', instant: '2026-02-30T25:61:00Z' },
  { day: '9999-12-27', instant: '9999-12-31T23:59:00.000Z' },
  { day: '0000-01-01', instant: '+275760-09-13T00:00:00.000Z' },
];

describe('impossible dates on every route', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t.app, 'Dates', 'Centre social des Dates');
  });
  afterAll(() => t?.close());

  it('answers the help desk agenda with an impossible day as a French 400', async () => {
    const desk = await signIn(t.app, w.centerId, 'coordinator');
    const api = await desk.api('GET', '/api/v1/helpdesk/appointments?from=2026-13-45');
    expect(api.statusCode).toBe(422);
    expect(api.json()).toEqual({ error: 'invalid', message: 'Certaines informations sont à corriger.', fields: { from: 'Indiquez une date réelle au format AAAA-MM-JJ, par exemple 2027-03-15.' } });
    const page = await desk.get('/permanences/semaine?date=9999-12-27');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Indiquez une date réelle au format AAAA-MM-JJ');
  });

  it('never answers 5xx to an impossible or out-of-range date', async () => {
    const openapi = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
    const admin = w.clients.admin;
    const failures: string[] = [];
    const check = (what: string, response: LightMyRequestResponse) => {
      if (response.statusCode >= 500) failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 160)}`);
      else if (what.includes(' /api/') && response.statusCode >= 400) {
        const body = response.json() as { error?: unknown; message?: unknown };
        if (typeof body.error !== 'string' || typeof body.message !== 'string') failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 160)}`);
      }
    };
    for (const [round, keys] of ROUNDS.flatMap((r) => QUERY_KEY_SETS.map((k) => [r, k] as const))) {
      const query = `?${keys.map((k) => `${k}=${encodeURIComponent(round.day)}`).join('&')}`;
      for (const { method, url } of registeredRoutes(t.app)) {
        if (method === 'POST' && url === '/deconnexion') continue;
        const path = concreteUrl(url, w);
        const what = `${method} ${url} (${round.day})`;
        if (method === 'GET') {
          check(what, await admin.get(path + query));
        } else if (url.startsWith('/api/') && method !== 'DELETE') {
          const operation = openapi.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
          const schema = operation?.requestBody?.content?.['application/json']?.schema;
          if (!schema) continue;
          const body = sampleBody(schema, w, { date: round.day, decorate: (v) => v, day: () => round.day, instant: () => round.instant });
          check(what, await admin.api(method as 'POST', path, body));
        } else if (method === 'POST' && !url.startsWith('/api/')) {
          check(what, await admin.post(path, Object.fromEntries(keys.map((k) => [k, round.day]))));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
