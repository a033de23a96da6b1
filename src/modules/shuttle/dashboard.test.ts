import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';

/**
 * The navette's section of the home page, on Thursday 22 October 2026 at 8:00 Paris: today's
 * confirmed tour visits Odette and Marcel; Lucie (urgent, at home on Mondays only) and Jean are
 * still waiting, Jean in next Thursday's tour, a draft.
 */
describe('the home page’s navette section', () => {
  let t: TestApp;
  let centreId: string;
  let todayTourId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-10-22T06:00:00Z' });
    centreId = await createCentre(t.app, 'accueil-navette', 'Centre social de la Navette');
    const admin = await apiToken(t.app, centreId, 'admin');
    const coordinator = await apiToken(t.app, centreId, 'coordinator');
    const request = async (firstName: string, overrides: Record<string, unknown>) => {
      const person = (await admin('POST', '/api/v1/persons', { firstName, lastName: 'Test', phone: '0611223344', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
      const created = await coordinator('POST', '/api/v1/shuttle/requests', {
        personId: person, commune: '59377', problem: `Aide pour ${firstName}`, theme: 'email', availability: [{ weekday: 4, from: '09:00', to: '16:00' }], ...overrides,
      });
      expect(created.statusCode, created.body).toBe(201);
    };
    await request('Odette', { location: [3.18, 50.12] });
    await request('Marcel', { location: [3.2, 50.1] });
    const today = await coordinator('POST', '/api/v1/shuttle/tours', { date: '2026-10-22', confirm: true });
    expect(today.statusCode, today.body).toBe(201);
    todayTourId = today.json().id;
    await request('Lucie', { location: [3.13, 50.06], urgency: 'urgente', availability: [{ weekday: 1, from: '09:00', to: '12:00' }] });
    await request('Jean', { location: [3.15, 50.08], availability: [{ weekday: 4, from: '09:00', to: '12:00' }] });
    const draft = await coordinator('POST', '/api/v1/shuttle/tours', { date: '2026-10-29' });
    expect(draft.statusCode, draft.body).toBe(201);
    draftId = draft.json().id;
  }, 60_000);
  afterAll(() => t.close());

  it('shows a coordinator today’s tour, the requests waiting, the urgent ones and the draft to confirm', async () => {
    const page = await (await signIn(t.app, centreId, 'coordinator')).get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('<h2 id="section-shuttle">'));
    expect(section).toMatch(/^<h2 id="section-shuttle">Navette<\/h2>/);
    expect(section).toContain(`<a href="/navette/tournees/${todayTourId}">Tournée de la navette</a> · 2 visites, retour vers`);
    expect(section).toMatch(/<span class="figure">2<\/span> <a href="\/navette">demandes de visite en attente<\/a>/);
    expect(section).toMatch(/<span class="figure">1<\/span> tournée cette semaine/);
    expect(section).toContain('1 demande urgente à planifier');
    expect(section).toContain(`href="/navette/tournees/${draftId}"`);
    expect(section).toContain('Tournée du jeudi 29 octobre à confirmer');
  });

  it('shows nothing of the navette to a partner commune', async () => {
    const page = await (await signIn(t.app, centreId, 'partner')).get('/tableau-de-bord');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('section-shuttle');
  });
});
