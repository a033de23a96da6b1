import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { communeByCode } from '../../platform/communes.ts';
import { activityInput, setupProgramme } from '../activities/activities.fixtures.ts';
import { COOP_HEADER } from './coop.ts';

/** The sheet's rows, each as long as the header, an empty cell as null. */
async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  const sheet = workbook.getWorksheet('Activités')!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(Array.from({ length: COOP_HEADER.length }, (_, i) => (values[i] === undefined || values[i] === '' ? null : values[i])));
  });
  return rows;
}

/**
 * La Coop de la médiation numérique's activity export. The expected headers and values are
 * La Coop's own, read in its source (github.com/inclusion-numerique/coop-mediation-numerique,
 * apps/web/src/): the columns of features/activites/use-cases/list/export/buildActivitesWorksheet.ts;
 * the labels of cra/fields/type-activite.ts ("Atelier collectif", "Accompagnement individuel"),
 * cra/fields/type-lieu.ts ("Lieu d’activité", "À domicile"), cra/fields/materiel.ts
 * ("Téléphone", "Tablette"), cra/fields/thematique.ts ("Prendre en main du matériel", "Santé",
 * "Social - Santé"), cra/collectif/fields/niveau-atelier.ts and cra/individuel/fields/autonomie.ts
 * (stars out of 3), cra/individuel/fields/structures-redirection.ts, utils/yesNoBooleanOptions.ts
 * ("Oui"/"Non") and features/beneficiaire/domain/{genre,tranche-age,statut-social}.ts.
 */
describe('the activity export for La Coop', () => {
  let t: TestApp;
  let centerId: string;
  let coordinator: Client & { userId: string };
  const marcoing = () => `${communeByCode('59377')!.postalCodes[0]} Marcoing`;

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    centerId = await createCentre(t.app, 'coop', 'Centre social de la Coop');
    const { studioId, villageId } = await setupProgramme(t.app, centerId);
    const system = systemActor(centerId);
    const { people, activities: m, helpdesk: h } = t.app.services;
    const alice = await people.create(system, { firstName: 'Alice', lastName: 'Martin', birthYear: 1950, consents: { data_processing: true }, confirmNotDuplicate: true });
    const bernard = await people.create(system, { firstName: 'Bernard', lastName: 'Petit', birthYear: 1990, consents: { data_processing: true }, confirmNotDuplicate: true });
    const claude = await people.create(system, { firstName: 'Claude', lastName: 'Absent', birthYear: 1990, consents: { data_processing: true }, confirmNotDuplicate: true });
    await t.db.kysely.updateTable('persons').set({ communeInsee: '59377', gender: 'feminin', socialStatus: 'retraite' }).where('id', '=', alice.id).execute();

    // A tablet workshop (beginners) on Tuesday 10 March, 14 h – 16 h, at the village hall: Alice and Bernard came, Claude did not.
    const workshop = await m.programme.create(system, activityInput(t.clock, villageId, {
      title: 'Tablette', schedule: { kind: 'dates', dates: ['2026-03-10'], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    const [session] = await m.programme.sessions(system, workshop.id);
    t.clock.set('2026-03-10T15:00:00Z');
    await m.attendance.record(system, session!.id, [
      { personId: bernard.id, status: 'present' }, { personId: alice.id, status: 'present' }, { personId: claude.id, status: 'absent' },
    ]);

    // Alice helped at home on 14 April (her health insurance), sent on to social services; an anonymous visit on 5 May.
    t.clock.set('2026-05-20T12:00:00Z');
    await h.accompaniments.recordAccompaniment(system, {
      personId: alice.id, siteId: studioId, occurredAt: '2026-04-14T08:00:00Z', durationMinutes: 45, placeType: 'domicile', equipment: ['telephone', 'tablette'],
      themes: ['sante'], procedureCategory: 'social_sante', autonomy: 'entierement_accompagne', redirected: true, redirectStructure: 'aide_sociale', followUp: false,
      details: 'Carte vitale renouvelée',
    } as never);
    await h.accompaniments.recordAccompaniment(system, {
      siteId: studioId, occurredAt: '2026-05-05T08:00:00Z', durationMinutes: 20, placeType: 'lieu_activite', equipment: ['ordinateur'],
      themes: ['email'], autonomy: 'autonome', redirected: false, followUp: false,
    } as never);
    coordinator = await signIn(t.app, centerId, 'coordinator');
  });
  afterAll(() => t.close());

  const expected = () => [
    [...COOP_HEADER],
    [
      '10/03/2026', 'Atelier collectif', 2, 'Alice Martin\nBernard Petit', 'Lieu d’activité', 'Salle des fêtes', 120, 'Tablette', 'Tablette', 'Prendre en main du matériel',
      null, null, '1/3', null, null, `${marcoing()}\n-`, 'Féminin\nNon communiqué', '70 ans et plus\n25 - 39 ans', 'Retraité\nNon communiqué ou hétérogène', null,
    ],
    [
      '14/04/2026', 'Accompagnement individuel', 1, 'Alice Martin', 'À domicile', 'Le studio', 45, null, 'Téléphone\nTablette', 'Santé\nSocial - Santé', null, null, '1/3', 'Oui',
      'Structure d’aide sociale (maison des solidarités, centre social…)', marcoing(), 'Féminin', '70 ans et plus', 'Retraité', 'Carte vitale renouvelée',
    ],
    [
      '05/05/2026', 'Accompagnement individuel', 1, null, 'Lieu d’activité', 'Le studio', 20, null, 'Ordinateur', 'E-mail', null, null, '3/3', 'Non', null, '-',
      'Non communiqué', 'Non communiqué', 'Non communiqué ou hétérogène', null,
    ],
  ];

  it('has La Coop’s columns, in La Coop’s order', () => {
    expect(COOP_HEADER).toEqual([
      'Date', 'Type', 'Nombre de participants', 'Bénéficiaire', 'Canaux d’accompagnement', 'Lieu', 'Durée (min)', 'Nom de l’atelier', 'Matériel numérique utilisé',
      'Thématique(s) d’accompagnement', 'Tags', 'Nom de la démarche administrative', 'Niveau d’autonomie (ou de l’atelier)', 'Bénéficiaire réorienté',
      'Structure de redirection', 'Commune de résidence du bénéficiaire', 'Genre du bénéficiaire', 'Tranche d’âge du bénéficiaire', 'Statut du bénéficiaire',
      'Notes supplémentaires',
    ]);
  });

  it('answers the API with one line per session and per accompaniment, in La Coop’s values (XLSX)', async () => {
    const response = await coordinator.api('GET', '/api/v1/reports/coop-activities?from=2026-01-01&to=2026-12-31&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="activites-coop-2026-01-01-2026-12-31.xlsx"');
    expect(await rowsOf(response.rawPayload)).toEqual(expected());
  });

  it('answers CSV too, with a period, and writes the export in the audit log', async () => {
    const response = await coordinator.api('GET', '/api/v1/reports/coop-activities?from=2026-04-01&to=2026-04-30&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = response.body.replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(COOP_HEADER.join(';'));
    expect(text).toContain(`14/04/2026;Accompagnement individuel;1;Alice Martin;À domicile;Le studio;45;;"Téléphone\nTablette";"Santé\nSocial - Santé";;;1/3;Oui;`);
    expect(text).not.toContain('10/03/2026');
    const audit = await t.db.kysely.selectFrom('auditLog').select('details').where('centerId', '=', centerId).where('action', '=', 'export').execute();
    expect(audit.map((a) => a.details)).toContain(JSON.stringify({ list: 'coop-activities', format: 'csv', rows: 1 }));
  });

  it('is linked from the report page, for the period shown', async () => {
    const page = await coordinator.get('/rapports?du=2026-01-01&au=2026-12-31');
    const href = '/rapports/activites-coop?du=2026-01-01&amp;au=2026-12-31&amp;format=xlsx';
    expect(page.body).toContain(href);
    expect(page.body).toContain('/rapports/activites-coop?du=2026-01-01&amp;au=2026-12-31&amp;format=csv');
    const file = await coordinator.get(href.replaceAll('&amp;', '&'));
    expect(file.statusCode).toBe(200);
    expect(await rowsOf(file.rawPayload)).toEqual(expected());
  });

  it('refuses a period that is not one (422) and those who may not read the figures (403)', async () => {
    const bad = await coordinator.api('GET', '/api/v1/reports/coop-activities?from=2026-13-01&to=2026-12-31');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'invalid', fields: { from: expect.any(String) } });
    const facilitator = await signIn(t.app, centerId, 'facilitator');
    expect((await facilitator.api('GET', '/api/v1/reports/coop-activities')).statusCode).toBe(403);
  });
});
