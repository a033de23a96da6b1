import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../tests/support/app.ts';
import { activityInput, setupProgramme } from '../modules/activities/activities.fixtures.ts';
import { setupDesk } from '../modules/helpdesk/helpdesk.fixtures.ts';
import { setupConsultation } from '../modules/forums/forums.fixtures.ts';
import { accompanimentInput } from '../modules/helpdesk/helpdesk.schemas.ts';
import { systemActor } from './auth/actor.ts';
import { tableNames } from './backup/catalog.ts';
import { newId } from './ids.ts';
import { personalColumns, personalDataInventory } from './personal-data-inventory.ts';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The GDPR inventory against the live schema (both dialects), and erasure against it: every
 * personal column filled for one resident, erased, and no trace of them left anywhere.
 */
describe('personal data: inventory and erasure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // The tables that hold data (a full-text index's virtual and shadow tables hold none).
  const liveTables = async () => {
    const ordinary = new Set(await tableNames(t.db.kysely.withoutPlugins(), t.db.dialect));
    return (await t.db.kysely.introspection.getTables())
      .filter((table) => !table.name.startsWith('kysely_') && ordinary.has(table.name))
      .map((table) => ({ name: camel(table.name), columns: table.columns.map((c) => camel(c.name)) }));
  };

  it('classifies every column of every table of the live schema', async () => {
    const unclassified: string[] = [];
    const tables = await liveTables();
    for (const table of tables) {
      for (const column of table.columns) if (!personalDataInventory[table.name]?.[column]) unclassified.push(`${snake(table.name)}.${snake(column)}`);
    }
    expect(unclassified, 'classify these columns in src/platform/personal-data-inventory.ts').toEqual([]);
    // And nothing classified that no longer exists.
    const live = new Set(tables.flatMap((table) => table.columns.map((c) => `${table.name}.${c}`)));
    const stale = Object.entries(personalDataInventory).flatMap(([table, columns]) => Object.keys(columns).map((c) => `${table}.${c}`)).filter((c) => !live.has(c));
    expect(stale).toEqual([]);
  });

  it('erases every personal column of a resident, the messages sent to them included, and keeps the statistics', async () => {
    const db = t.db.kysely;
    const centreId = await createCentre(t.app, 'effacement', 'Centre social Les Tilleuls');
    const actor = systemActor(centreId);
    const desk = await setupDesk(t.app, centreId);
    const { helpdesk, activities, people } = t.app.services;

    // A resident books online (file, search words, confirmation message, counted submission)…
    const [slot] = (await helpdesk.availability.slots(centreId, { motifId: desk.ants.id, siteId: desk.village.id }, 'public')).slots;
    const booked = await helpdesk.booking.book(null, centreId, {
      motifId: desk.ants.id, siteId: desk.village.id, startAt: slot!.startAt, firstName: 'Quirinal', lastName: 'Vasquezor',
      phone: '0611223344', email: 'quirinal@exemple.fr', reminder: 'email', consent: true, note: 'Quirinal Vasquezor, dossier CAF', ip: '203.0.113.9',
    });
    const personId = booked.appointment.personId!;
    // …is accompanied…
    await helpdesk.accompaniments.recordAccompaniment(actor, accompanimentInput.parse({
      personId, durationMinutes: 30, placeType: 'lieu_activite', equipment: ['ordinateur'], themes: ['aide_aux_demarches_administratives'],
      details: 'Quirinal a créé son compte', autonomy: 'partiellement_autonome',
    }));
    // …registers for a workshop…
    const { studioId } = await setupProgramme(t.app, centreId);
    const activity = await activities.programme.create(actor, activityInput(t.clock, studioId));
    const [session] = await activities.programme.sessions(actor, activity.id);
    await activities.registrations.register(null, centreId, session!.id, {
      person: { firstName: 'Quirinal', lastName: 'Vasquezor', birthYear: 1950, commune: 'Cambrai', phone: '0611223344', email: 'quirinal@exemple.fr' },
      contactEmail: 'quirinal@exemple.fr', dataProcessing: true, ip: '203.0.113.9',
    }, 'public');
    // …answers the survey after it, with words that name them (what a link answer holds).
    const registrationId = (await db.selectFrom('activityRegistrations').select('id').where('personId', '=', personId).executeTakeFirstOrThrow()).id;
    const invitationId = newId();
    await db.insertInto('activitySurveyInvitations').values({
      id: invitationId, centerId: centreId, sessionId: session!.id, registrationId, tokenHash: 'empreinte', expiresAt: t.clock.nowIso(), createdAt: t.clock.nowIso(),
    }).execute();
    await db.insertInto('activitySurveyAnswers').values({
      id: newId(), centerId: centreId, activityId: activity.id, sessionId: session!.id, invitationId, source: 'link', rating: 4, comment: 'Quirinal a tout compris',
      recordedBy: null, createdAt: t.clock.nowIso(),
    }).execute();
    // …and what no public form fills is filled here: household, needs, a guardian, a pathway.
    const household = newId();
    await db.insertInto('households').values({ id: household, centerId: centreId, name: 'Famille Vasquezor', createdAt: t.clock.nowIso() }).execute();
    await db.updateTable('persons').set({ householdId: household, accessibilityNeeds: 'Quirinal entend mal', birthYear: 1950 }).where('id', '=', personId).execute();
    await db.updateTable('activityRegistrations').set({ guardianName: 'Quirinal Vasquezor', submitted: '{"firstName":"Quirinal"}' }).where('personId', '=', personId).execute();
    await db.updateTable('outbox').set({ lastError: '550 quirinal@exemple.fr inconnu' }).where('personId', '=', personId).execute();
    const now = t.clock.nowIso();
    const pathwayId = newId();
    const enrolmentId = newId();
    await db.insertInto('pathways').values({ id: pathwayId, centerId: centreId, title: 'Premiers pas', audience: 'adultes', description: null, archivedAt: null, createdBy: null, createdAt: now, updatedAt: now }).execute();
    await db.insertInto('enrolments').values({
      id: enrolmentId, centerId: centreId, pathwayId, personId, userId: null, startModuleId: null, status: 'active', source: 'staff', enrolledAt: now, enrolledBy: null,
      completedAt: null, withdrawnAt: null,
    }).execute();
    await db.insertInto('evaluations').values({
      id: newId(), centerId: centreId, enrolmentId, moduleId: null, kind: 'initial', recordedAt: now, recordedBy: null, recordedByLabel: 'Animatrice', comment: 'Quirinal progresse',
    }).execute();
    await db.insertInto('badges').values({
      id: newId(), centerId: centreId, enrolmentId, scope: 'pathway', moduleId: null, title: 'Premiers pas', issuedAt: now, credential: '{}', keyId: null,
      showName: true, showSkills: true, publicName: 'Quirinal Vasquezor', revokedAt: null,
    }).execute();
    // …and borrowed a tablet, whose notes quote them, and reserved the studio.
    const itemId = newId();
    const loanId = newId();
    await db.insertInto('equipmentItems').values({
      id: itemId, centerId: centreId, name: 'Tablette', category: 'tablette', assetTag: 'TAB-1', serialNumber: null, funder: 'Carsat', fundingProgramme: null,
      purchaseDate: null, purchaseValueCents: null, siteId: null, status: 'available', lendable: true, publicDescription: null, depositCents: null,
      requiredModuleId: null, lockSeq: 0, createdAt: now, updatedAt: now,
    }).execute();
    await db.insertInto('equipmentLoans').values({
      id: loanId, centerId: centreId, itemId, personId, reservationId: null, lentAt: now, dueOn: '2026-01-31', returnedAt: now, conditionOut: 'Remise à Quirinal',
      conditionIn: 'Quirinal l’a fait tomber', missingComponents: null, renewals: 0, depositCents: null, reminders: true, reminderBeforeAt: null,
      reminderOverdueAt: null, lentBy: null, returnedBy: null, createdAt: now, updatedAt: now,
    }).execute();
    await db.insertInto('equipmentConditionNotes').values({ id: newId(), centerId: centreId, itemId, loanId, note: 'Rayure faite par Quirinal', recordedBy: null, recordedAt: now }).execute();
    await db.insertInto('equipmentReservations').values({
      id: newId(), centerId: centreId, itemId, personId, purpose: 'Projet de Quirinal Vasquezor', startsOn: '2026-02-01', endsOn: '2026-02-02', status: 'active',
      loanId: null, createdBy: null, createdAt: now, updatedAt: now,
    }).execute();

    // …proposes a forum theme by phone and votes for it online.
    const { consultation } = await setupConsultation(t.app, centreId, { themes: 0 });
    const theme = await t.app.services.forums.forums.propose(actor, centreId, consultation.id, {
      title: 'Les démarches de la CAF', body: '', communeInsee: null, origin: 'phone', firstName: 'Quirinal', lastName: 'Vasquezor', email: 'quirinal@exemple.fr', consent: true,
    });
    await t.app.services.forums.forums.vote(centreId, consultation.id, { proposalIds: [theme.id], firstName: 'Quirinal', lastName: 'Vasquezor', email: 'quirinal@exemple.fr', communeInsee: null, consent: true });
    expect(await db.selectFrom('forumVoters').select('personId').where('consultationId', '=', consultation.id).execute()).toEqual([{ personId }]);

    // …and asks for a visit of the navette at home.
    const visit = await t.app.services.shuttle.requests.create(actor, {
      personId, commune: '59122', address: '12 rue Quirinal', location: [3.2351, 50.1763], problem: 'Quirinal ne reçoit plus ses courriels', theme: 'email', urgency: 'urgente',
      availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: 'Quirinal Vasquezor se déplace avec un déambulateur', durationMinutes: 45,
    });
    // …whose report, written in the car, tells what was done at home.
    const accompaniment = await db.selectFrom('helpdeskAccompaniments').select('id').where('personId', '=', personId).executeTakeFirstOrThrow();
    await db.insertInto('shuttleVisitReports').values({
      id: newId(), centerId: centreId, clientId: newId(), requestId: visit.id, personId, accompanimentId: accompaniment.id, summary: 'Boîte de Quirinal réparée',
      durationMinutes: 40, outcome: 'solved', appointmentWanted: null, appointmentId: null, appointmentStatus: 'none', followUps: '', recordedBy: null, writtenAt: now,
      createdAt: now, updatedAt: now,
    }).execute();

    // …and the coordinator downloaded the persons list in the background: the file names them.
    const coordinator = await t.app.ctx.auth.createUser({ centerId: centreId, email: 'coordination@effacement.exemple.fr', displayName: 'Coordination', role: 'coordinator', password: 'un mot de passe de test' });
    await db.insertInto('exportJobs').values({
      id: newId(), centerId: centreId, requestedBy: coordinator.id, kind: 'persons', format: 'csv', params: '{"q":"Vasquezor"}', status: 'done', progress: 100, rowCount: 1,
      filename: 'personnes.csv', result: Buffer.from('Nom;Prénom\r\nVasquezor;Quirinal\r\n'), createdAt: now, startedAt: now, finishedAt: now, expiresAt: now,
    }).execute();

    // Every personal column of the inventory now holds something: the test covers them all.
    const empty: string[] = [];
    for (const table of Object.keys(personalDataInventory)) {
      for (const column of personalColumns(table)) {
        const row = await db.selectFrom(table as 'persons').select(sql<number>`count(*)`.as('n')).where(sql.ref(snake(column)), 'is not', null).executeTakeFirstOrThrow();
        if (Number(row.n) === 0) empty.push(`${table}.${column}`);
      }
    }
    expect(empty, 'fill these personal columns in this test').toEqual([]);

    // The export lists the messages sent to the person.
    const exported = await people.exportData(actor, personId);
    const messages = exported.modules.messages as { recipient: string; body: string }[];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.every((m) => m.recipient === 'quirinal@exemple.fr')).toBe(true);
    expect(messages.some((m) => m.body.startsWith('Bonjour Quirinal,'))).toBe(true);

    await people.erase(actor, personId);

    // No trace: no text column of any table mentions the person, and the counted submissions are gone.
    const traces: string[] = [];
    for (const table of await liveTables()) {
      for (const column of table.columns) {
        const found = await db
          .selectFrom(table.name as 'persons')
          .select(sql<number>`count(*)`.as('n'))
          .where((eb) =>
            eb.or(['quirinal', 'vasquezor', '0611223344', '06 11 22 33 44'].map((needle) => eb(sql`lower(cast(${sql.ref(snake(column))} as text))`, 'like', `%${needle}%`))),
          )
          .executeTakeFirstOrThrow();
        if (Number(found.n) > 0) traces.push(`${snake(table.name)}.${snake(column)}`);
      }
    }
    expect(traces).toEqual([]);
    expect(await db.selectFrom('publicSubmissions').selectAll().where('personId', '=', personId).execute()).toEqual([]);
    expect(await db.selectFrom('outbox').selectAll().where('personId', '=', personId).execute()).toEqual([]);
    expect(await db.selectFrom('households').selectAll().where('id', '=', household).execute()).toEqual([]);

    // The statistics survive: the (anonymous) file's age bracket and commune, the appointment, the record, the registration, the evaluation.
    const file = await db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(file.erasedAt).not.toBeNull();
    expect(file.ageBracket).not.toBe('');
    expect(await db.selectFrom('helpdeskAppointments').select(['status', 'motifId']).where('personId', '=', personId).execute()).toHaveLength(1);
    expect(await db.selectFrom('helpdeskAccompaniments').select(['themes', 'durationMinutes']).where('personId', '=', personId).execute()).toEqual([{ themes: 'aide_aux_demarches_administratives', durationMinutes: 30 }]);
    expect(await db.selectFrom('activityRegistrations').select('id').where('personId', '=', personId).execute()).toHaveLength(1);
    expect(await db.selectFrom('activitySurveyAnswers').select(['rating', 'invitationId']).where('sessionId', '=', session!.id).execute()).toEqual([{ rating: 4, invitationId: null }]);
    expect(await db.selectFrom('evaluations').select('kind').where('enrolmentId', '=', enrolmentId).execute()).toEqual([{ kind: 'initial' }]);
    expect(await db.selectFrom('equipmentLoans').select(['dueOn', 'returnedAt']).where('personId', '=', personId).execute()).toHaveLength(1);
    expect(await db.selectFrom('forumVotes').select('proposalId').where('consultationId', '=', consultation.id).execute()).toEqual([{ proposalId: theme.id }]);
  });
});
