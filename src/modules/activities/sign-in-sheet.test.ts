import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { readPdf } from '../../../tests/support/pdf.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import { activityInput, addSessionToday, insertConfirmed, setupProgramme } from './activities.fixtures.ts';

/** The sign-in sheet as a funder, a copy-paste or a screen reader gets it: read back with PDF.js. */
describe('sign-in sheet PDF', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'emargement', 'Centre social Les Tilleuls');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const person = (firstName: string, lastName: string, birthYear: number) =>
    t.app.services.people.createFromPublicForm(centerId, { firstName, lastName, email: null, birthYear, consents: [{ kind: 'data_processing', granted: true }] });

  it('prints any name in an embedded Unicode font, tagged in French, the header clear of row 1, and the walk-ins added before printing', async () => {
    const actor = systemActor(centerId);
    const activity = await t.app.services.activities.programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier numérique : prendre en main sa tablette et les applications du quotidien' }));
    const sessionId = await addSessionToday(t.app, centerId, activity.id);
    const lucja = await person('Łucja Thị', 'Şahin-Nguyễn', 1950);
    const marcel = await person('Marcel', 'Dufour', 1944);
    await insertConfirmed(t.app, centerId, activity.id, sessionId, lucja.id);
    // A walk-in recorded at the door before the sheet is printed.
    const session = await t.db.kysely.selectFrom('activitySessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    await t.db.kysely.insertInto('activityAttendance').values({
      id: newId(), centerId, sessionId, activityId: activity.id, personId: marcel.id, registrationId: null, status: 'present', walkIn: true,
      mediationType: 'collectif', theme: 'prendre_en_main_du_materiel', level: 'debutant', equipment: 'tablette', durationMinutes: 90,
      sessionStartsAt: session.startsAt, siteId: studioId, recordedBy: null, recordedAt: session.startsAt,
    }).execute();

    const facilitator = await signIn(t.app, centerId, 'facilitator');
    const response = await facilitator.get(`/seances/${sessionId}/emargement.pdf`);
    expect(response.statusCode).toBe(200);
    const pdf = await readPdf(response.rawPayload);

    // Every font is embedded (no standard Helvetica left to the reader's guess).
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
    expect(pdf.fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica|Times|Courier/);
    // The names come back exactly as typed.
    expect(pdf.text[0]).toContain('ŞAHIN-NGUYỄN Łucja Thị');
    // Tagged, in French, with a title and a table structure.
    expect(pdf.marked).toBe(true);
    expect(pdf.lang).toBe('fr-FR');
    expect(pdf.title).toContain('Atelier numérique');
    expect(pdf.roles).toEqual(expect.arrayContaining(['H1', 'Table', 'TR', 'TH', 'TD']));

    // The column labels (two lines for "Naissance / commune") end above the first row's text.
    const firstPage = pdf.items.filter((i) => i.page === 1);
    const rowOne = firstPage.find((i) => i.str === '1')!;
    const headLabels = firstPage.filter((i) => /Naissance|commune|Signature|Nom et prénom/.test(i.str));
    expect(headLabels.length).toBeGreaterThanOrEqual(3);
    // PDF y grows upwards: every label's baseline sits above the top of row 1's text plus a gap.
    for (const label of headLabels) expect(label.y).toBeGreaterThan(rowOne.y + rowOne.height + 8);

    // The walk-in has a line to sign, marked as such.
    expect(pdf.text[0]).toContain('DUFOUR Marcel');
    expect(pdf.text[0]).toMatch(/1944, .*sans inscription/);
  });
});
