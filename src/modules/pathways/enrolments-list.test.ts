import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createStaff, createTestApp, errorSummaryTargets, signIn, submittedGetForm, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { downloadLinks, readCsvExport, xlsxDay } from '../../../tests/support/csv.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { utcToParis } from '../../platform/time.ts';

const LIST = '/parcours/inscriptions';

interface ApiItem { id: string; pathwayId: string; pathwayTitle: string; learner: { kind: string; name: string }; state: string; skillsAcquired: number; skillsTotal: number; lastEvaluatedAt: string | null }

// Every pathway's enrolments on one page (/parcours/inscriptions), its filters, its pages, its files and its API.
describe('the enrolments of every pathway', () => {
  let t: TestApp;
  let centreId: string;
  let otherCentreId: string;
  let system: Actor;
  let coordinator: Client;
  let facilitator: Client;
  let volunteer: Client & { userId: string };
  let partner: Client;
  let outsider: Client;
  const pathways: Record<'tablet' | 'mail' | 'elsewhere', { id: string; title: string }> = {} as never;
  const enrolled: Record<string, { id: string; personId?: string; day: string }> = {};
  let memberName: string;
  let progressUrl: string;
  let completedDay: string;
  let evaluatedDay: string;

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'inscriptions-toutes', 'Centre social des Parcours');
    system = systemActor(centreId);
    const s = t.app.services;
    await s.pathways.framework.ensure(centreId);
    const [skillA, skillB] = await s.pathways.framework.activeSkills(centreId);
    const tablet = await s.pathways.pathways.create(system, {
      title: 'Premiers pas sur tablette', audience: 'seniors', description: null,
      modules: [
        { title: 'Allumer la tablette', level: 'decouverte', description: null, suggestedSessions: 1, skillIds: [skillA!.id], activityIds: [] },
        { title: 'Envoyer un message', level: 'debutant', description: null, suggestedSessions: 2, skillIds: [skillB!.id], activityIds: [] },
      ],
    });
    const mail = await s.pathways.pathways.create(system, {
      title: 'Le courrier électronique', audience: 'adultes', description: null,
      modules: [{ title: 'Lire ses messages', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skillA!.id], activityIds: [] }],
    });
    pathways.tablet = { id: tablet.id, title: tablet.title };
    pathways.mail = { id: mail.id, title: mail.title };

    const person = async (firstName: string, lastName: string, centre = centreId) =>
      (await s.people.create(systemActor(centre), { firstName, lastName, consents: { data_processing: true }, confirmNotDuplicate: true })).id;
    const enrol = async (key: string, onto: string, input: { personId?: string; userId?: string }, actor = system) => {
      t.clock.advance(60_000);
      const row = await s.pathways.enrolments.enrol(actor, onto, { ...input, source: 'staff' });
      enrolled[key] = { id: row.id, personId: input.personId, day: utcToParis(row.enrolledAt).date };
      return row.id;
    };
    // Odette: on the tablet pathway, first module acquired.
    const odette = await enrol('odette', tablet.id, { personId: await person('Odette', 'Lambert') });
    t.clock.advance(60_000);
    await s.pathways.enrolments.recordEvaluation(system, odette, { moduleId: tablet.modules[0]!.id, kind: 'facilitator', comment: null, results: [{ skillId: skillA!.id, status: 'acquis', autonomy: 'autonome' }] });
    evaluatedDay = utcToParis(t.clock.nowIso()).date;
    progressUrl = (await s.pathways.enrolments.createLink(system, odette)).url;
    // Marcel: the tablet pathway completed.
    const marcel = await enrol('marcel', tablet.id, { personId: await person('Marcel', 'Dufour') });
    for (const [module, skill] of [[tablet.modules[0]!, skillA!], [tablet.modules[1]!, skillB!]] as const) {
      await s.pathways.enrolments.recordEvaluation(system, marcel, { moduleId: module.id, kind: 'facilitator', comment: null, results: [{ skillId: skill.id, status: 'acquis', autonomy: 'autonome' }] });
    }
    completedDay = utcToParis((await t.db.kysely.selectFrom('enrolments').select('completedAt').where('id', '=', marcel).executeTakeFirstOrThrow()).completedAt!).date;
    // Yvette stopped the e-mail pathway; a volunteer follows it as a training.
    await s.pathways.enrolments.withdraw(system, await enrol('yvette', mail.id, { personId: await person('Yvette', 'Caron') }));
    const member = await createStaff(t.app, centreId, 'volunteer');
    memberName = member.displayName;
    await enrol('member', mail.id, { userId: member.id });

    // Another centre, its pathway and its learner: never on this centre's list.
    otherCentreId = await createCentre(t.app, 'inscriptions-ailleurs', 'Centre social d’ailleurs');
    await s.pathways.framework.ensure(otherCentreId);
    const [otherSkill] = await s.pathways.framework.activeSkills(otherCentreId);
    const elsewhere = await s.pathways.pathways.create(systemActor(otherCentreId), {
      title: 'Parcours d’ailleurs', audience: 'adultes', description: null,
      modules: [{ title: 'Module d’ailleurs', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [otherSkill!.id], activityIds: [] }],
    });
    pathways.elsewhere = { id: elsewhere.id, title: elsewhere.title };
    await enrol('gaston', elsewhere.id, { personId: await person('Gaston', 'Ailleurs', otherCentreId) }, systemActor(otherCentreId));

    coordinator = await signIn(t.app, centreId, 'coordinator');
    facilitator = await signIn(t.app, centreId, 'facilitator');
    volunteer = await signIn(t.app, centreId, 'volunteer');
    partner = await signIn(t.app, centreId, 'partner');
    outsider = await signIn(t.app, otherCentreId, 'admin');
  });
  afterAll(() => t.close());

  const namesIn = (html: string) => ['Odette Lambert', 'Marcel Dufour', 'Yvette Caron', memberName, 'Gaston Ailleurs'].filter((name) => html.includes(name));

  const header = 'Parcours;Personne;Type d’inscription;Date d’inscription;Module en cours;Savoir-faire acquis;Savoir-faire du parcours;Statut;Date de fin du parcours';
  const rows = () => ({
    odette: `Premiers pas sur tablette;Odette Lambert;Personne accompagnée;${enrolled.odette!.day};Envoyer un message;1;2;En cours;`,
    marcel: `Premiers pas sur tablette;Marcel Dufour;Personne accompagnée;${enrolled.marcel!.day};;2;2;Terminée;${completedDay}`,
    yvette: `Le courrier électronique;Yvette Caron;Personne accompagnée;${enrolled.yvette!.day};Lire ses messages;0;1;Arrêtée;`,
    member: `Le courrier électronique;${memberName};Membre de l’équipe;${enrolled.member!.day};Lire ses messages;0;1;En cours;`,
  });

  it('lists the enrolments of both pathways, newest first, linked from the pathways page', async () => {
    expect((await coordinator.get('/parcours')).body).toContain(`href="${LIST}"`);
    const page = await coordinator.get(LIST);
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toMatch(/^Inscriptions aux parcours – /);
    expect(page.body).toContain('4 inscriptions');
    // Newest first: the volunteer enrolled last, Odette first.
    const order = ['Odette Lambert', 'Marcel Dufour', 'Yvette Caron', memberName].map((name) => page.body.indexOf(name));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    // The person's file, the pathway, the enrolment's progress.
    expect(page.body).toContain(`href="/personnes/${enrolled.odette!.personId}"`);
    expect(page.body).toContain(`href="/parcours/${pathways.tablet.id}"`);
    expect(page.body).toContain(`href="/parcours/${pathways.mail.id}"`);
    expect(page.body).toContain(`href="/parcours/inscriptions/${enrolled.odette!.id}"`);
    expect(page.body).toContain('1 savoir-faire acquis sur 2');
    expect(page.body).toContain('Module en cours : Envoyer un message');
    // A team member is not a person file: no link, a tag.
    expect(page.body).not.toMatch(new RegExp(`<a [^>]*>${memberName}</a>`));
    expect(page.body).toContain('Membre de l’équipe');
    // The last evaluation, and "not yet" for those never evaluated.
    expect(page.body).toContain('Pas encore');
    expect(page.body).not.toContain('/progression/');
    expect(namesIn(page.body)).not.toContain('Gaston Ailleurs');
    expect(evaluatedDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('narrows the list by pathway, state and name, as a browser submits the form', async () => {
    const page = await coordinator.get(LIST);
    const mail = await coordinator.get(submittedGetForm(page.body, LIST, { parcours: pathways.mail.id }));
    expect(mail.statusCode).toBe(200);
    expect(namesIn(mail.body).sort()).toEqual(['Yvette Caron', memberName].sort());
    expect(mail.body).toContain('2 inscriptions');

    const completed = await coordinator.get(submittedGetForm(page.body, LIST, { etat: 'completed' }));
    expect(namesIn(completed.body)).toEqual(['Marcel Dufour']);
    const active = await coordinator.get(submittedGetForm(page.body, LIST, { etat: 'active' }));
    expect(namesIn(active.body).sort()).toEqual(['Odette Lambert', memberName].sort());
    const activeMail = await coordinator.get(submittedGetForm(page.body, LIST, { etat: 'active', parcours: pathways.mail.id }));
    expect(namesIn(activeMail.body)).toEqual([memberName]);

    // By the beginning of a name, accents and case ignored; a team member by their name too.
    expect(namesIn((await coordinator.get(submittedGetForm(page.body, LIST, { q: 'odet' }))).body)).toEqual(['Odette Lambert']);
    expect(namesIn((await coordinator.get(submittedGetForm(page.body, LIST, { q: 'DUFOUR marc' }))).body)).toEqual(['Marcel Dufour']);
    expect(namesIn((await coordinator.get(submittedGetForm(page.body, LIST, { q: memberName.split(' ')[1]! }))).body)).toEqual([memberName]);
    const nobody = await coordinator.get(submittedGetForm(page.body, LIST, { q: 'Gaston' }));
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain('Aucune inscription ne correspond à ces choix.');
    expect(nobody.body).toContain(`href="${LIST}"`);
    expect(downloadLinks(nobody.body)).toEqual([]);

    // An unknown state is no filter, as on a pathway's page.
    expect(namesIn((await coordinator.get(`${LIST}?etat=inconnu`)).body)).toHaveLength(4);
    // A pathway that is not one of the centre's: the form again, with what to do.
    for (const parcours of [pathways.elsewhere.id, 'pas-un-parcours']) {
      const refused = await coordinator.get(`${LIST}?parcours=${parcours}`);
      expect(refused.statusCode).toBe(422);
      expect(titleOf(refused.body)).toMatch(/^Erreur : /);
      expect(refused.body).toContain('Choisissez un parcours de la liste.');
      expect(errorSummaryTargets(refused.body)).toEqual({ 'champ-parcours': 'select' });
      expect(namesIn(refused.body)).toEqual([]);
    }
    // A page number that is not one: the first page.
    expect((await coordinator.get(`${LIST}?page=abc`)).statusCode).toBe(200);
  });

  it('downloads the list with its filters as CSV and XLSX, with the pathway and nothing secret, audited', async () => {
    const page = await coordinator.get(LIST);
    expect(downloadLinks(page.body)).toEqual([`${LIST}?format=csv`, `${LIST}?format=xlsx`]);
    const csv = await coordinator.get(`${LIST}?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="inscriptions-parcours.csv"');
    const lines = readCsvExport(csv);
    const r = rows();
    expect(lines).toEqual([header, r.member, r.yvette, r.marcel, r.odette]);
    expect(csv.body).not.toContain(progressUrl.split('/').pop()!);
    expect(csv.body).not.toContain('/progression/');
    expect(csv.body).not.toContain('Gaston');
    const audited = await t.db.kysely.selectFrom('auditLog').select(['details']).where('centerId', '=', centreId).where('action', '=', 'export').execute();
    expect(audited.map((a) => JSON.parse(a.details!))).toContainEqual({ list: 'enrolments', format: 'csv', rows: 4 });

    const filtered = await coordinator.get(submittedGetForm(page.body, LIST, { parcours: pathways.tablet.id, etat: 'active' }));
    const [csvHref, xlsxHref] = downloadLinks(filtered.body);
    expect(csvHref).toBe(`${LIST}?parcours=${pathways.tablet.id}&etat=active&format=csv`);
    expect(readCsvExport(await coordinator.get(csvHref!))).toEqual([header, r.odette]);
    expect(readCsvExport(await coordinator.get(`${LIST}?q=caron&format=csv`))).toEqual([header, r.yvette]);

    const xlsx = await coordinator.get(xlsxHref!);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="inscriptions-parcours.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.getWorksheet('Inscriptions')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...header.split(';')]);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Premiers pas sur tablette', 'Odette Lambert', 'Personne accompagnée', xlsxDay(enrolled.odette!.day), 'Envoyer un message', 1, 2, 'En cours', '']);

    // A file refused like the page: another centre's pathway, an unknown format.
    expect((await coordinator.get(`${LIST}?parcours=${pathways.elsewhere.id}&format=csv`)).statusCode).toBe(422);
    expect((await coordinator.get(`${LIST}?format=pdf`)).statusCode).toBe(400);
  });

  it('makes a long file in the background, for its requester only', async () => {
    const exports = t.app.ctx.exports;
    const before = exports.backgroundAbove;
    exports.backgroundAbove = 2;
    try {
      const asked = await coordinator.get(`${LIST}?format=csv`);
      expect(asked.statusCode).toBe(303);
      const job = String(asked.headers.location);
      expect(job).toMatch(/^\/exports\/[0-9a-f-]+$/);
      expect((await coordinator.get(job)).body).toContain('Inscriptions aux parcours');
      await exports.runPending();
      const file = await coordinator.get(`${job}/fichier`);
      expect(readCsvExport(file)).toHaveLength(5);
      expect((await facilitator.get(`${job}/fichier`)).statusCode).toBe(404);
    } finally {
      exports.backgroundAbove = before;
    }
  });

  it('shows a facilitator the same list, and keeps it from volunteers, partners and other centres', async () => {
    expect(namesIn((await facilitator.get(LIST)).body)).toHaveLength(4);
    // A volunteer does not see a pathway's enrolments: not this list either, nor its link, file or API.
    expect((await volunteer.get('/parcours')).body).not.toContain(`href="${LIST}"`);
    expect((await volunteer.get(`/parcours/${pathways.tablet.id}`)).body).not.toContain('Odette Lambert');
    for (const client of [volunteer, partner]) {
      expect((await client.get(LIST)).statusCode).toBe(403);
      expect((await client.get(`${LIST}?format=csv`)).statusCode).toBe(403);
      expect((await client.api('GET', '/api/v1/pathways/enrolments')).statusCode).toBe(403);
    }
    // The other centre sees its own enrolment only.
    const theirs = await outsider.get(LIST);
    expect(theirs.statusCode).toBe(200);
    expect(namesIn(theirs.body)).toEqual(['Gaston Ailleurs']);
    expect(theirs.body).not.toContain(pathways.tablet.id);
    expect(readCsvExport(await outsider.get(`${LIST}?format=csv`))).toHaveLength(2);
    expect((await outsider.get(`${LIST}?parcours=${pathways.tablet.id}`)).statusCode).toBe(422);
  });

  it('answers the same list in JSON, filtered and paged', async () => {
    const api = await apiToken(t.app, centreId, 'coordinator');
    const list = async (query = '') => {
      const response = await api('GET', `/api/v1/pathways/enrolments${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: ApiItem[]; total: number; limit: number; offset: number };
    };
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.id)).toEqual(['member', 'yvette', 'marcel', 'odette'].map((k) => enrolled[k]!.id));
    const odette = all.items.find((i) => i.id === enrolled.odette!.id)!;
    expect(odette).toMatchObject({ pathwayId: pathways.tablet.id, pathwayTitle: 'Premiers pas sur tablette', learner: { kind: 'person', name: 'Odette Lambert' }, state: 'active', skillsAcquired: 1, skillsTotal: 2 });
    expect(utcToParis(odette.lastEvaluatedAt!).date).toBe(evaluatedDay);
    expect(JSON.stringify(all)).not.toContain('/progression/');

    expect((await list(`?pathwayId=${pathways.mail.id}`)).items.map((i) => i.id)).toEqual([enrolled.member!.id, enrolled.yvette!.id]);
    expect((await list('?state=completed')).items.map((i) => i.id)).toEqual([enrolled.marcel!.id]);
    expect((await list('?q=lamb')).items.map((i) => i.id)).toEqual([enrolled.odette!.id]);
    const second = await list('?limit=2&offset=2');
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(second.items.map((i) => i.id)).toEqual([enrolled.marcel!.id, enrolled.odette!.id]);

    for (const [query, field] of [['?state=perdue', 'state'], ['?pathwayId=abc', 'pathwayId'], [`?pathwayId=${pathways.elsewhere.id}`, 'pathwayId'], ['?limit=0', 'limit'], ['?offset=-1', 'offset']] as const) {
      const refused = await api('GET', `/api/v1/pathways/enrolments${query}`);
      expect(refused.statusCode, query).toBe(422);
      const body = refused.json() as { fields: Record<string, string> };
      expect(Object.keys(body.fields), query).toEqual([field]);
      expect(body.fields[field], query).not.toMatch(/^pathways\./);
    }
    const theirs = await apiToken(t.app, otherCentreId, 'admin');
    const other = (await theirs('GET', '/api/v1/pathways/enrolments')).json() as { items: ApiItem[]; total: number };
    expect(other.total).toBe(1);
    expect(other.items[0]!.learner.name).toBe('Gaston Ailleurs');
  });
});

// Pages of 50: the links carry the filters, every enrolment is on exactly one page.
describe('the pages of the enrolments list', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('splits a long list into pages of 50 that keep the filters', async () => {
    const centreId = await createCentre(t.app, 'inscriptions-pages', 'Centre social des Pages');
    const system = systemActor(centreId);
    const s = t.app.services;
    await s.pathways.framework.ensure(centreId);
    const [skill] = await s.pathways.framework.activeSkills(centreId);
    const pathway = await s.pathways.pathways.create(system, {
      title: 'Parcours très suivi', audience: 'adultes', description: null,
      modules: [{ title: 'Module', level: 'debutant', description: null, suggestedSessions: 1, skillIds: [skill!.id], activityIds: [] }],
    });
    const ids: string[] = [];
    for (let n = 1; n <= 53; n++) {
      const person = await s.people.create(system, { firstName: `Apprenant${n}`, lastName: 'Nombreux', consents: { data_processing: true }, confirmNotDuplicate: true });
      t.clock.advance(1000);
      ids.push((await s.pathways.enrolments.enrol(system, pathway.id, { personId: person.id, source: 'staff' })).id);
    }
    const coordinator = await signIn(t.app, centreId, 'coordinator');
    const enrolmentLinks = (html: string) => [...html.matchAll(/href="\/parcours\/inscriptions\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);

    const first = await coordinator.get(`${LIST}?parcours=${pathway.id}&etat=active`);
    expect(first.body).toContain('53 inscriptions');
    expect(first.body).toContain('Page 1 sur 2');
    expect(enrolmentLinks(first.body)).toEqual([...ids].reverse().slice(0, 50));
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    expect(next).toBe(`${LIST}?parcours=${pathway.id}&etat=active&page=2`);
    const second = await coordinator.get(next);
    expect(second.body).toContain('Page 2 sur 2');
    expect(enrolmentLinks(second.body)).toEqual([...ids].reverse().slice(50));
    // Past the last page: the last page.
    expect(enrolmentLinks((await coordinator.get(`${LIST}?page=9`)).body)).toEqual([...ids].reverse().slice(50));
    // The file holds every page.
    expect(readCsvExport(await coordinator.get(`${LIST}?format=csv`))).toHaveLength(54);
  });
});
