import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import type { Actor } from '../auth/actor.ts';
import { systemActor } from '../auth/actor.ts';
import { buildExportFile, exportHref } from './table-export.ts';

async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

/** A CSV answer's lines, without the byte-order mark, split on CRLF (quoted line breaks kept whole). */
function csvLines(response: LightMyRequestResponse): string[] {
  return response.body.replace(/^\uFEFF/, '').replace(/\r\n$/, '').split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
}

describe('a table as a file', () => {
  const options = { basename: 'Liste des présences', creator: 'Centre', createdAt: '2026-12-05T12:00:00Z' };
  const table = {
    name: 'Personnes',
    header: ['Nom', 'Remarque', 'Nombre'],
    rows: [
      ['=HYPERLINK("http://x","y")', 'a;b', 3],
      ['+33 6 12', 'dit "bonjour"', null],
      ['-1', 'deux\nlignes', 2.5],
      ['@SUM(A1)', '\tTab', 0],
      ['\rRetour', 'Łucja Şahin-Nguyễn', 1],
    ],
  };

  it('writes CSV as French spreadsheets open it: BOM, « ; », quotes, formulas neutralised', async () => {
    const file = await buildExportFile(table, 'csv', options);
    expect(file.filename).toBe('liste-des-presences.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = file.body.toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('Nom;Remarque;Nombre');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")";"a;b";3\r\n`);
    expect(text).toContain(`'+33 6 12;"dit ""bonjour""";\r\n`);
    expect(text).toContain(`'-1;"deux\nlignes";2.5\r\n`);
    expect(text).toContain(`'@SUM(A1);'\tTab;0\r\n`);
    expect(text).toContain(`"'\rRetour";Łucja Şahin-Nguyễn;1\r\n`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes XLSX with text as text (never a formula) and numbers as numbers', async () => {
    const file = await buildExportFile(table, 'xlsx', options);
    expect(file.filename).toBe('liste-des-presences.xlsx');
    const sheet = (await workbookOf(file.body)).getWorksheet('Personnes')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nom', 'Remarque', 'Nombre']);
    expect(sheet.getCell('A2').value).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A5').value).toBe('@SUM(A1)');
    expect(sheet.getCell('C4').value).toBe(2.5);
    expect(sheet.getCell('C4').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('B6').value).toBe('Łucja Şahin-Nguyễn');
  });

  it('keeps the page’s filters in the download link, without its page cursor', () => {
    expect(exportHref('/personnes?q=dupont&page=abc', 'csv')).toBe('/personnes?q=dupont&format=csv');
    expect(exportHref('/permanences?date=2026-03-02&lieu=x&format=csv', 'xlsx')).toBe('/permanences?date=2026-03-02&lieu=x&format=xlsx');
  });
});

describe('exports of the lists', () => {
  let t: TestApp;
  let centerId: string;
  let coordinator: Client & { userId: string };
  let volunteer: Client & { userId: string };
  let partner: Client;
  let coordinatorActor: Actor;

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    centerId = await createCentre(t.app, 'exports', 'Centre social des Exports');
    const system = systemActor(centerId);
    const people = t.app.services.people;
    // 30 persons (more than a page of 25), one of them with a name that would run as a formula
    // (it holds letters, as every name must).
    for (let i = 1; i <= 29; i++) {
      await people.create(system, { firstName: `Prénom${i}`, lastName: `Lefèvre${String(i).padStart(2, '0')}`, consents: { data_processing: true }, confirmNotDuplicate: true });
    }
    await people.create(system, { firstName: '=SOMME(A1)', lastName: 'Zola; "Émile"', phone: '0612345678', consents: { data_processing: true }, confirmNotDuplicate: true });
    coordinator = await signIn(t.app, centerId, 'coordinator');
    volunteer = await signIn(t.app, centerId, 'volunteer');
    partner = await signIn(t.app, centerId, 'partner');
    coordinatorActor = { centerId, userId: coordinator.userId, role: 'coordinator', label: 'Coordination', partnerCommuneInsee: null, via: 'session' };
    // The volunteer registered one person: the only one they may see.
    const volunteerActor: Actor = { centerId, userId: volunteer.userId, role: 'volunteer', label: 'Bénévole', partnerCommuneInsee: null, via: 'session' };
    await people.create(volunteerActor, { firstName: 'Vivi', lastName: 'Bénévolat', consents: { data_processing: true }, confirmNotDuplicate: true });
  });
  afterAll(() => t.close());

  it('offers the persons list as CSV and XLSX, whole (every page), with the search kept, audited', async () => {
    const page = await coordinator.get('/personnes');
    expect(page.body).toContain('href="/personnes?format=csv"');
    expect(page.body).toContain('href="/personnes?format=xlsx"');

    const csv = await coordinator.get('/personnes?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="personnes.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvLines(csv);
    expect(lines[0]).toBe('Nom;Prénom;Téléphone;Adresse e-mail;Année de naissance;Tranche d’âge;Commune;Code INSEE de la commune');
    expect(lines).toHaveLength(1 + 31);
    expect(lines[1]).toBe('Bénévolat;Vivi;;;;Non communiqué;;');
    expect(lines.at(-1)).toBe(`"Zola; ""Émile""";'=SOMME(A1);0612345678;;;Non communiqué;;`);

    const searched = await coordinator.get('/personnes?q=lefevre0&format=csv');
    expect(csvLines(searched)).toHaveLength(1 + 9);
    expect(searched.headers['content-disposition']).toBe('attachment; filename="personnes-lefevre0.csv"');

    const xlsx = await coordinator.get('/personnes?q=zola&format=xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = (await workbookOf(xlsx.rawPayload)).getWorksheet('Personnes')!;
    expect(sheet.getCell('A2').value).toBe('Zola; "Émile"');
    expect(sheet.getCell('B2').value).toBe('=SOMME(A1)');
    expect(sheet.getCell('B2').formula).toBeUndefined();
    expect(sheet.rowCount).toBe(2);

    const audited = await t.db.kysely.selectFrom('auditLog').select(['actorId', 'action', 'subjectType', 'details']).where('centerId', '=', centerId).where('action', '=', 'export').execute();
    expect(audited).toContainEqual({ actorId: coordinator.userId, action: 'export', subjectType: 'list', details: JSON.stringify({ list: 'persons', format: 'csv', rows: 31 }) });
    // The search words may name someone: they are not written in the log.
    expect(audited.map((a) => a.details).join(' ')).not.toContain('zola');
  });

  it('gives a volunteer only the persons they may see, and partners nothing', async () => {
    const csv = await volunteer.get('/personnes?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csvLines(csv).slice(1)).toEqual(['Bénévolat;Vivi;;;;Non communiqué;;']);
    expect((await partner.get('/personnes?format=csv')).statusCode).toBe(403);
    expect((await partner.get('/rapports/activites-coop?format=csv')).statusCode).toBe(403);
    expect((await volunteer.get('/rapports/activites-coop?format=csv')).statusCode).toBe(403);
    expect((await coordinator.get('/personnes?format=pdf')).statusCode).toBe(400);
  });

  it('runs a long export in the background: progress page without JavaScript, then the file for its requester only', async () => {
    t.app.ctx.exports.backgroundAbove = 20;
    try {
      const asked = await coordinator.get('/personnes?format=xlsx');
      expect(asked.statusCode).toBe(303);
      const location = String(asked.headers.location);
      expect(location).toMatch(/^\/exports\/[0-9a-f-]{36}$/);
      const id = location.split('/').pop()!;

      const waiting = await coordinator.get(location);
      expect(waiting.statusCode).toBe(200);
      // No page that reloads by itself (WCAG 2.2.1): a link to look again, and a script that
      // asks for the page and updates the progress in place.
      expect(waiting.body).not.toContain('http-equiv="refresh"');
      expect(waiting.body).toContain('Votre fichier attend son tour');
      expect(waiting.body).toContain(`<a data-progress-link="true" href="/exports/${id}">Mettre à jour la page</a>`);
      expect(waiting.body).toContain('<script src="/static/avancement.js" defer></script>');
      expect((await coordinator.get(`${location}/fichier`)).statusCode).toBe(404);

      // While it runs, the page shows how far it is.
      await t.db.kysely.updateTable('exportJobs').set({ status: 'running', progress: 40, startedAt: t.clock.nowIso() }).where('id', '=', id).execute();
      const running = await coordinator.get(location);
      expect(running.body).toContain('40 %');
      expect(running.body).toContain('<progress id="avancement" max="100" value="40">');
      await t.db.kysely.updateTable('exportJobs').set({ status: 'pending', progress: 0, startedAt: null }).where('id', '=', id).execute();

      expect(await t.app.ctx.exports.runPending()).toBeGreaterThanOrEqual(1);
      const done = await coordinator.get(location);
      expect(done.body).not.toContain('data-progress');
      expect(done.body).not.toContain('<script');
      expect(done.body).toContain('Votre fichier est prêt : 31 lignes.');
      expect(done.body).toContain(`href="/exports/${id}/fichier"`);
      const file = await coordinator.get(`${location}/fichier`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toBe('attachment; filename="personnes.xlsx"');
      expect(file.headers['cache-control']).toBe('no-store');
      expect((await workbookOf(file.rawPayload)).getWorksheet('Personnes')!.rowCount).toBe(32);

      // Another coordinator of the same centre: nothing to see, nothing to download.
      const other = await signIn(t.app, centerId, 'coordinator');
      expect((await other.get(location)).statusCode).toBe(404);
      expect((await other.get(`${location}/fichier`)).statusCode).toBe(404);

      // 24 hours after, the file is gone.
      t.clock.advance(24 * 3_600_000 + 1000);
      await expect(t.app.ctx.exports.download(coordinatorActor, id)).rejects.toMatchObject({ status: 404 });
      expect(await t.app.ctx.exports.purgeExpired()).toBeGreaterThanOrEqual(1);
      expect(await t.db.kysely.selectFrom('exportJobs').select('id').where('id', '=', id).execute()).toEqual([]);
    } finally {
      t.app.ctx.exports.backgroundAbove = 2000;
    }
  });

  it('records the progress while the worker makes the file, and acts for the user as they are now', async () => {
    const seen: number[] = [];
    t.app.ctx.exports.register({
      name: 'test-progress',
      async produce(actor, _params, progress) {
        for (const fraction of [0.25, 0.5, 0.75]) {
          await progress(fraction);
          const row = await t.db.kysely.selectFrom('exportJobs').select('progress').where('kind', '=', 'test-progress').executeTakeFirstOrThrow();
          seen.push(row.progress);
        }
        return { tables: { name: 'Test', header: ['Rôle'], rows: [[actor.role]] }, basename: 'test', personal: false };
      },
    });
    const id = await t.app.ctx.exports.submit(coordinatorActor, 'test-progress', 'csv', {});
    await t.app.ctx.exports.runPending();
    expect(seen).toEqual([25, 50, 75]);
    const job = await t.app.ctx.exports.job(coordinatorActor, id);
    expect(job).toMatchObject({ status: 'done', progress: 100, rowCount: 1, filename: 'test.csv' });
    const file = await t.app.ctx.exports.download(coordinatorActor, id);
    expect(file.body.toString('utf8')).toBe('\uFEFFRôle\r\ncoordinator\r\n');

    // An account deactivated before its export ran gets nothing.
    const gone = await signIn(t.app, centerId, 'coordinator');
    const goneActor: Actor = { ...coordinatorActor, userId: gone.userId };
    const failed = await t.app.ctx.exports.submit(goneActor, 'test-progress', 'csv', {});
    await t.db.kysely.updateTable('users').set({ active: false }).where('id', '=', gone.userId).execute();
    await t.app.ctx.exports.runPending();
    expect((await t.app.ctx.exports.job(goneActor, failed)).status).toBe('failed');
    await expect(t.app.ctx.exports.download(goneActor, failed)).rejects.toMatchObject({ status: 404 });
  });
});
