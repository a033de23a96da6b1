import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createStaff, createTestApp, signIn, submittedGetForm, type Client, type TestApp } from '../../../tests/support/app.ts';
import { downloadLinks, readCsvExport, xlsxDay } from '../../../tests/support/csv.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { utcToParis } from '../../platform/time.ts';


// A pathway's enrolments (/parcours/:id) as CSV and XLSX: the rows the page lists, its state filter applied, for the roles that see them.
describe('the enrolments of a pathway as a file', () => {
  let t: TestApp;
  let centreId: string;
  let system: Actor;
  let coordinator: Client;
  let volunteer: Client;
  let partner: Client;
  let pathwayId: string;
  let otherPathwayId: string;
  const enrolled: Record<string, { id: string; day: string }> = {};
  let staffName: string;
  let progressUrl: string;
  let completedDay: string;

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'parcours-export', 'Centre social des Inscriptions');
    system = systemActor(centreId);
    const s = t.app.services;
    await s.pathways.framework.ensure(centreId);
    const [skillA, skillB] = await s.pathways.framework.activeSkills(centreId);
    const pathway = await s.pathways.pathways.create(system, {
      title: 'Premiers pas; sur tablette', audience: 'seniors', description: null,
      modules: [
        { title: 'Allumer la tablette', level: 'decouverte', description: null, suggestedSessions: 1, skillIds: [skillA!.id], activityIds: [] },
        { title: 'Envoyer un message', level: 'debutant', description: null, suggestedSessions: 2, skillIds: [skillB!.id], activityIds: [] },
      ],
    });
    pathwayId = pathway.id;
    const other = await s.pathways.pathways.create(system, {
      title: 'Autre parcours', audience: 'adultes', description: null,
      modules: [{ title: 'Module seul', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skillA!.id], activityIds: [] }],
    });
    otherPathwayId = other.id;

    const person = async (firstName: string, lastName: string) =>
      (await s.people.create(system, { firstName, lastName, consents: { data_processing: true }, confirmNotDuplicate: true })).id;
    const enrol = async (key: string, input: { personId?: string; userId?: string }, onto = pathwayId) => {
      const row = await s.pathways.enrolments.enrol(system, onto, { ...input, source: 'staff' });
      enrolled[key] = { id: row.id, day: utcToParis(row.enrolledAt).date };
      return row.id;
    };
    // Odette: enrolled, the first module acquired, now in the second.
    const odette = await enrol('odette', { personId: await person('Odette', 'Lambert') });
    await s.pathways.enrolments.recordEvaluation(system, odette, { moduleId: pathway.modules[0]!.id, kind: 'facilitator', comment: null, results: [{ skillId: skillA!.id, status: 'acquis', autonomy: 'autonome' }] });
    progressUrl = (await s.pathways.enrolments.createLink(system, odette)).url;
    // Marcel: both modules acquired, the pathway completed.
    const marcel = await enrol('marcel', { personId: await person('Marcel', 'Dufour') });
    for (const [module, skill] of [[pathway.modules[0]!, skillA!], [pathway.modules[1]!, skillB!]] as const) {
      await s.pathways.enrolments.recordEvaluation(system, marcel, { moduleId: module.id, kind: 'facilitator', comment: null, results: [{ skillId: skill.id, status: 'acquis', autonomy: 'autonome' }] });
    }
    const completedAt = (await t.db.kysely.selectFrom('enrolments').select('completedAt').where('id', '=', marcel).executeTakeFirstOrThrow()).completedAt;
    completedDay = utcToParis(completedAt!).date;
    // Yvette stopped.
    await s.pathways.enrolments.withdraw(system, await enrol('yvette', { personId: await person('Yvette', 'Caron') }));
    // A volunteer in training.
    const member = await createStaff(t.app, centreId, 'volunteer');
    staffName = member.displayName;
    await enrol('member', { userId: member.id });
    // Someone on another pathway, who is not on this one's list.
    await enrol('elsewhere', { personId: await person('Gaston', 'Ailleurs') }, otherPathwayId);

    coordinator = await signIn(t.app, centreId, 'coordinator');
    volunteer = await signIn(t.app, centreId, 'volunteer');
    partner = await signIn(t.app, centreId, 'partner');
  });
  afterAll(() => t.close());

  const header = 'Personne;Type d’inscription;Date d’inscription;Module en cours;Savoir-faire acquis;Savoir-faire du parcours;Statut;Date de fin du parcours';
  const rows = () => ({
    odette: `Odette Lambert;Personne accompagnée;${enrolled.odette!.day};Envoyer un message;1;2;En cours;`,
    marcel: `Marcel Dufour;Personne accompagnée;${enrolled.marcel!.day};;2;2;Terminée;${completedDay}`,
    yvette: `Yvette Caron;Personne accompagnée;${enrolled.yvette!.day};Allumer la tablette;0;2;Arrêtée;`,
    member: `${staffName};Membre de l’équipe;${enrolled.member!.day};Allumer la tablette;0;2;En cours;`,
  });

  it('offers the list as CSV with every enrolment of the pathway, and nothing secret', async () => {
    const page = await coordinator.get(`/parcours/${pathwayId}`);
    expect(page.statusCode).toBe(200);
    expect(downloadLinks(page.body)).toEqual([`/parcours/${pathwayId}?format=csv`, `/parcours/${pathwayId}?format=xlsx`]);

    const csv = await coordinator.get(`/parcours/${pathwayId}?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="inscriptions-premiers-pas-sur-tablette.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = readCsvExport(csv);
    expect(lines[0]).toBe(header);
    const r = rows();
    expect(lines.slice(1).sort()).toEqual([r.odette, r.marcel, r.yvette, r.member].sort());
    // The learner's progress link is a key to their page: never in a file.
    expect(csv.body).not.toContain(progressUrl.split('/').pop()!);
    expect(csv.body).not.toContain('/progression/');
    expect(csv.body).not.toContain('Gaston');
    // The file names residents: written in the audit log.
    const audited = await t.db.kysely.selectFrom('auditLog').select(['details']).where('centerId', '=', centreId).where('action', '=', 'export').execute();
    expect(audited.map((a) => JSON.parse(a.details!))).toContainEqual({ list: 'pathway-enrolments', format: 'csv', rows: 4 });
  });

  it('applies the state chosen on the page to the page and to both downloads', async () => {
    const page = await coordinator.get(`/parcours/${pathwayId}`);
    const filtered = await coordinator.get(submittedGetForm(page.body, `/parcours/${pathwayId}`, { etat: 'completed' }));
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('Marcel Dufour');
    expect(filtered.body).not.toContain('Odette Lambert');
    const [csvHref, xlsxHref] = downloadLinks(filtered.body);
    expect(csvHref).toBe(`/parcours/${pathwayId}?etat=completed&format=csv`);
    expect(readCsvExport(await coordinator.get(csvHref!))).toEqual([header, rows().marcel]);

    expect(readCsvExport(await coordinator.get(`/parcours/${pathwayId}?etat=withdrawn&format=csv`))).toEqual([header, rows().yvette]);
    expect(readCsvExport(await coordinator.get(`/parcours/${pathwayId}?etat=active&format=csv`)).slice(1).sort()).toEqual([rows().odette, rows().member].sort());
    // An unknown state is no filter.
    expect(readCsvExport(await coordinator.get(`/parcours/${pathwayId}?etat=inconnu&format=csv`))).toHaveLength(5);

    const xlsx = await coordinator.get(xlsxHref!);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="inscriptions-premiers-pas-sur-tablette.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Premiers pas; sur tablette');
    expect(sheet.getRow(1).values).toEqual([undefined, ...header.split(';')]);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Marcel Dufour', 'Personne accompagnée', xlsxDay(enrolled.marcel!.day), '', 2, 2, 'Terminée', xlsxDay(completedDay)]);
  });

  it('keeps the file to the roles that see the list', async () => {
    const page = await volunteer.get(`/parcours/${pathwayId}`);
    expect(page.statusCode).toBe(200);
    expect(downloadLinks(page.body)).toEqual([]);
    expect((await volunteer.get(`/parcours/${pathwayId}?format=csv`)).statusCode).toBe(403);
    expect((await partner.get(`/parcours/${pathwayId}?format=csv`)).statusCode).toBe(403);
    expect((await coordinator.get(`/parcours/${pathwayId}?format=pdf`)).statusCode).toBe(400);
    // Another centre's pathway is not found, file or page.
    const elsewhere = await createCentre(t.app, 'parcours-export-b', 'Centre social d’ailleurs');
    const outsider = await signIn(t.app, elsewhere, 'admin');
    expect((await outsider.get(`/parcours/${pathwayId}?format=csv`)).statusCode).toBe(404);
  });
});
