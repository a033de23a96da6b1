import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, startE2E, type E2EServer } from '../support/e2e.ts';

/** The harness itself must be able to fail: a page with known faults, with and without JavaScript. */
describe('e2e harness', () => {
  let server: E2EServer;
  beforeAll(async () => {
    server = await startE2E();
  });
  afterAll(() => server?.close());

  const faulty = `<!doctype html><html><head><title>Page fautive</title><link rel="stylesheet" href="/static/app.css"></head>
    <body><main><h1>Page fautive</h1><img src="/static/favicon.svg">
    <p style="color:#bbb;background:#fff">Texte trop pâle</p>
    <form><input name="sans-etiquette"></form></main></body></html>`;

  for (const javaScript of [true, false]) {
    it(`reports axe violations with their rule and nodes (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const j = await server.openJourney({ name: 'harness', javaScript });
      try {
        await j.page.route('**/page-fautive', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: faulty }));
        await j.page.goto('/page-fautive');
        const error = await checkA11y(j.page).then(() => null, (e: Error) => e);
        expect(error?.message).toMatch(/html-has-lang/);
        expect(error?.message).toMatch(/image-alt/);
        expect(error?.message).toMatch(/label/);
        expect(error?.message).toMatch(/color-contrast/);
        expect(error?.message).toContain('img');
      } finally {
        // The faulty page was visited without a passing audit, so closing complains too.
        await expect(j.close()).rejects.toThrow(/without an axe check: .*page-fautive/);
      }
    });
  }

  it('passes a real page and audits every page reached through the journey helpers', async () => {
    const j = await server.openJourney({ name: 'harness', javaScript: true });
    await j.visit('/');
    await j.follow('Contact');
    await j.close();
  });
});
