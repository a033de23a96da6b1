import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildWorld, concreteUrl, EVERYONE, isLoginRedirect, paramNames, registeredRoutes, type World } from './world.ts';

/**
 * Tenancy (ARCHITECTURE.md, QUALITY.md): two centres share one database. Signed in as each
 * role of centre A (and as an anonymous visitor of A's public site), every GET route the
 * application registers is crawled — with A's ids, with B's ids in the path, and with a
 * search for B's names — and no id, name or e-mail of B may come back. B's resources answer
 * 404 (or are refused outright to a role that may not open them at all).
 *
 * Capability links (a resident's registration or appointment link, a learner's quiz and
 * progress links, a personal calendar feed) and public badge verification pages are not
 * tenant-scoped by design — whoever holds the unguessable link sees what it points to — so
 * they are crawled with A's links only. A page that echoes the address it was asked for
 * (search box, "back" links) is not a leak: the words of the request itself are not sought
 * in its answer.
 */
function isCapabilityRoute(url: string): boolean {
  return /:token\b/.test(url) || url === '/agenda/:file' || url === '/calendrier/:file' || /^\/badges\//.test(url);
}
/** Parameters that name no resource. */
// A report's table name (mois.csv) names no resource of a centre.
// Names of things, not ids: a table of the report page, a funder's report.
const NEUTRAL_PARAMS = new Set(['locale', '*', 'table', 'report', 'funder']);

describe('tenancy: nothing of centre B reaches centre A', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  beforeAll(async () => {
    t = await createTestApp();
    // A first: it is then the centre of the public site.
    a = await buildWorld(t.app, 'Aubrac', 'Centre social Aubrac');
    b = await buildWorld(t.app, 'Bzyxwv', 'Centre social Bzyxwv');
  });
  afterAll(() => t?.close());

  function leaks(body: string, path: string): string[] {
    const lower = body.toLowerCase();
    const asked = decodeURIComponent(path).toLowerCase();
    return b.secrets.filter((secret) => !asked.includes(secret.toLowerCase()) && lower.includes(secret.toLowerCase()));
  }

  it('the crawl sees the data of its own centre (so a blank page cannot pass for a safe one)', async () => {
    const file = await a.clients.admin.get(`/personnes/${a.ids.person}`);
    expect(file.statusCode).toBe(200);
    const list = await a.clients.admin.api('GET', '/api/v1/persons');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(a.ids.person);
    // And B's data does exist, for B, where the detector finds it.
    const own = await b.clients.admin.get(`/personnes/${b.ids.person}`);
    expect(own.statusCode).toBe(200);
    expect(leaks(own.body, '/')).toEqual(expect.arrayContaining([b.ids.person, b.personName.first, b.personName.last]));
  });

  it('answers no GET route with anything of B, as any role of A', async () => {
    const failures: string[] = [];
    const routes = registeredRoutes(t.app).filter((r) => r.method === 'GET');
    const bName = b.personName.last;
    let requests = 0;
    for (const who of EVERYONE) {
      const client = a.clients[who];
      for (const { url } of routes) {
        const capability = isCapabilityRoute(url);
        const pointsAtB = !capability && paramNames(url).some((name) => !NEUTRAL_PARAMS.has(name));
        // Capability links keep A's values; every other route is given B's ids.
        const variants = [concreteUrl(url, capability ? a : b), `${concreteUrl(url, a)}?q=${encodeURIComponent(bName)}`];
        for (const [index, path] of variants.entries()) {
          const response = await client.get(path);
          requests += 1;
          const found = leaks(response.body, path);
          if (found.length > 0) failures.push(`${who} GET ${path}: ${response.statusCode} shows ${found.join(', ')}`);
          if (response.statusCode >= 500) failures.push(`${who} GET ${path}: ${response.statusCode}`);
          // With B's id in the path: not found, or refused to this role altogether.
          if (index === 0 && pointsAtB) {
            const refused = response.statusCode === 403 || response.statusCode === 401 || isLoginRedirect(response);
            if (response.statusCode !== 404 && !refused) failures.push(`${who} GET ${path}: ${response.statusCode}, expected 404 for another centre's resource`);
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(routes.length);
    expect(failures).toEqual([]);
    // Every GET route × every role: minutes on a loaded machine, not a sign of a hang.
  }, 180_000);
});

