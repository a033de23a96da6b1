import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo, DEMO_PASSWORD, DEMO_STAFF } from '../cli/demo.ts';
import { ROLES, type Role } from '../platform/auth/roles.ts';
import { Client, createTestApp, type TestApp } from '../../tests/support/app.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
// Pages a link may lead to without being a page of the app (documents, feeds, API, switches).
const NOT_PAGES = /^\/(api\/|static\/|preferences\/)|\.(pdf|ics|csv|xlsx|json|png|svg)(\?|$)/;

/** Internal links of a page (href="/…"), without fragments. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/**
 * Signs in as a demo account of each role and follows every link of every page it reaches
 * (a few of each kind: /seances/<id> once per id is enough), from the home page. A link shown
 * to a role must open for it: no 403 behind any link, in the navigation or in a page.
 */
describe('links each role is shown', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureDemo(t.app, { printLogins: false });
  }, 120_000);
  afterAll(() => t.close());

  it.each(ROLES)('leads a %s to no page it may not open', async (role: Role) => {
    const account = DEMO_STAFF.find((s) => s.role === role)!;
    const client = new Client(t.app);
    await client.get('/connexion');
    const login = await client.post('/connexion', { email: account.email, password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(303);

    const seen = new Set<string>();
    const perKind = new Map<string, number>();
    const queue: { url: string; from: string }[] = [{ url: '/tableau-de-bord', from: '(connexion)' }];
    const refused: string[] = [];
    while (queue.length > 0 && seen.size < 250) {
      const { url, from } = queue.shift()!;
      if (seen.has(url)) continue;
      const kind = url.split('?')[0]!.replace(UUID, ':id');
      if ((perKind.get(kind) ?? 0) >= 3) continue;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      seen.add(url);
      const response = await client.get(url);
      if (response.statusCode === 403) refused.push(`${url} (lien sur ${from})`);
      if (response.statusCode !== 200) continue;
      for (const link of linksOf(response.body)) {
        if (!NOT_PAGES.test(link) && !seen.has(link)) queue.push({ url: link, from: url });
      }
    }
    expect(seen.size).toBeGreaterThan(3);
    expect(refused).toEqual([]);
  }, 120_000);
});
