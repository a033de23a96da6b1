import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { buildWorld, type World } from './world.ts';

/**
 * Every staff list page offers its list as CSV and XLSX (src/platform/exports): each download
 * link found on each page is followed, and answers the file it promises — CSV with its
 * byte-order mark, XLSX that a spreadsheet opens.
 */
describe('the download links of the list pages', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t.app, 'Liens', 'Centre social des Liens');
  });
  afterAll(() => t.close());

  const pages = (w: World) => [
    '/personnes', '/programme', `/seances/${w.ids.session}`, '/permanences', '/permanences/semaine', '/permanences/accompagnements',
    '/materiel/gestion', '/materiel/gestion/retards', '/materiel/gestion/reservations', `/parcours/${w.ids.pathway}`, '/parcours/inscriptions', '/navette', '/consultations', `/consultations/${w.ids.consultation}`, '/equipe', '/centre/equipe', '/rapports',
  ];
  const linksOf = (html: string) => [...html.matchAll(/href="([^"]*format=(?:csv|xlsx)[^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

  it('answers each link of each page with its file', async () => {
    const admin = w.clients.admin;
    const withLinks: string[] = [];
    for (const url of pages(w)) {
      const page = await admin.get(url);
      expect(page.statusCode, url).toBe(200);
      const links = linksOf(page.body);
      if (links.length > 0) withLinks.push(url);
      for (const link of links) {
        const file = await admin.get(link);
        expect(file.statusCode, link).toBe(200);
        expect(String(file.headers['content-disposition']), link).toMatch(/^attachment; filename="[a-z0-9-]+\.(csv|xlsx)"$/);
        if (link.includes('format=csv')) {
          expect(file.headers['content-type'], link).toBe('text/csv; charset=utf-8');
          expect(file.rawPayload.subarray(0, 3), link).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
          expect(file.body.split('\r\n')[0]!.split(';').length, link).toBeGreaterThan(1);
        } else {
          expect(file.headers['content-type'], link).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(file.rawPayload as never);
          expect(workbook.worksheets.length, link).toBeGreaterThan(0);
        }
      }
    }
    // The pages whose list the world fills always offer it.
    expect(withLinks).toEqual(expect.arrayContaining([
      '/personnes', `/seances/${w.ids.session}`, '/permanences/accompagnements', '/materiel/gestion', '/materiel/gestion/reservations', `/parcours/${w.ids.pathway}`, '/parcours/inscriptions', '/navette', '/consultations', `/consultations/${w.ids.consultation}`, '/equipe', '/centre/equipe', '/rapports',
    ]));
  });

  it('keeps the links to the roles that may see the page, and a volunteer’s file to what they may see', async () => {
    const volunteer = w.clients.volunteer;
    const csv = await volunteer.get('/personnes?format=csv');
    const admin = await w.clients.admin.get('/personnes?format=csv');
    // A volunteer still missing a required training is refused every file, as the page refuses them.
    if (csv.statusCode === 200) expect(csv.body.split('\r\n').length).toBeLessThan(admin.body.split('\r\n').length);
    else expect(csv.statusCode).toBe(403);
    expect((await w.clients.partner.get('/personnes?format=csv')).statusCode).toBe(403);
    expect((await w.clients.partner.get('/navette?format=csv')).statusCode).toBe(403);
    expect((await w.clients.facilitator.get('/permanences/semaine?format=csv')).statusCode).toBe(403);
  });
});
