import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';

import { notFound } from '../../platform/errors.ts';
import { communeName } from '../../platform/communes.ts';
import type { ActivitiesModule } from './activities.module.ts';
import type { RegistrationRow } from './activity.repository.ts';
import {
  activityCreateSchema, activityInputFromApi, activityOutput, activityPatchSchema, attendanceOutput, attendancePutSchema, catalogueQuery, idParams,
  publicActivityOutput, registrationCreateSchema, registrationOutput, registrationResult, scheduleFromApi, sessionOutput, sessionPatchSchema, surveyResultsOutput,
  type ActivityInput,
} from './activity.schemas.ts';
import type { Activity, SessionView } from './activity.service.ts';
import type { CatalogueEntry } from './catalogue.service.ts';
import { sendSignInSheet } from './attendance.routes.tsx';
import { actorOf } from '../../platform/http/access.ts';

// A binary body, documented as such (the PDF is sent as a buffer, never serialized).
const pdfDocument = z.string().meta({ format: 'binary', contentMediaType: 'application/pdf' });

const tags = ['Activités'];

export function activityJson(a: Activity): z.infer<typeof activityOutput> {
  return {
    id: a.id, title: a.title, description: a.description, kind: a.kind, audience: a.audience, minAge: a.minAge, maxAge: a.maxAge,
    theme: a.theme, level: a.level, siteId: a.siteId, facilitatorIds: a.facilitators.map((f) => f.userId), capacity: a.capacity,
    priceCents: a.priceCents, reducedPriceCents: a.reducedPriceCents, equipment: a.equipment, registrationMode: a.registrationMode,
    published: a.published, speakers: a.speakers, partners: a.partners, surveyEnabled: a.surveyEnabled,
    schedule: { ...a.schedule, blocks: a.schedule.blocks ?? [] }, archivedAt: a.archivedAt, createdAt: a.createdAt, updatedAt: a.updatedAt,
  };
}

function sessionJson(s: SessionView): z.infer<typeof sessionOutput> {
  return {
    id: s.id, activityId: s.activityId, startsAt: s.startsAt, endsAt: s.endsAt, siteId: s.siteId, status: s.status as 'scheduled' | 'cancelled',
    cancelReason: s.cancelReason, capacity: s.capacity, confirmed: s.confirmed, waitlisted: s.waitlisted, seatsLeft: s.seatsLeft,
  };
}

function registrationJson(r: RegistrationRow): z.infer<typeof registrationOutput> {
  return {
    id: r.id, groupId: r.groupId, sessionId: r.sessionId, activityId: r.activityId, personId: r.personId,
    status: r.status as 'confirmed' | 'waitlisted' | 'cancelled', waitlistPosition: r.waitlistPosition, matchStatus: r.matchStatus, createdAt: r.createdAt,
  };
}

export function publicActivityJson(entry: CatalogueEntry, publicUrl: string): z.infer<typeof publicActivityOutput> {
  const a = entry.activity;
  return {
    id: a.id, title: a.title, description: a.description, kind: a.kind, audience: a.audience, minAge: a.minAge, maxAge: a.maxAge,
    theme: a.theme, level: a.level, priceCents: a.priceCents, reducedPriceCents: a.reducedPriceCents, registrationMode: a.registrationMode,
    speakers: a.speakers, partners: a.partners,
    url: `${publicUrl}/activites/${a.id}`,
    site: {
      name: entry.site?.name ?? '', address: entry.site?.address ?? null, communeInsee: entry.site?.communeInsee ?? null,
      commune: communeName(entry.site?.communeInsee), accessibility: entry.site?.accessibility ?? null,
    },
    sessions: entry.sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, seatsLeft: s.seatsLeft, full: s.seatsLeft === 0 })),
  };
}

/**
 * The JSON API of the activities module, over the same services as the pages. Reading needs
 * activities.read; changing the programme activities.manage; registering activities.register;
 * attendance activities.attendance. The public catalogue needs nothing and carries no
 * personal data. Another centre's ids answer 404.
 */
export async function registerActivitiesApi(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): Promise<void> {
  registerActivityApi(app, m);
  registerSessionApi(app, m);
  registerAttendanceApi(app, m);
  registerPublicCatalogueApi(app, ctx, m);
}

/** Activities: list, create, read, change, archive. */
function registerActivityApi(app: FastifyInstance, m: ActivitiesModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/activities', {
    config: { permission: 'activities.read' },
    schema: {
      operationId: 'listActivities',
      tags, summary: 'Lister les activités du centre',
      querystring: z.object({ archives: z.enum(['true', 'false']).optional().describe('Inclure les activités archivées') }),
      response: { 200: z.object({ items: z.array(activityOutput) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: (await m.programme.list(actor, { includeArchived: request.query.archives === 'true' })).map(activityJson) };
  });

  api.post('/api/v1/activities', {
    config: { permission: 'activities.manage' },
    schema: { operationId: 'createActivity', tags, summary: 'Créer une activité et ses séances', body: activityCreateSchema, response: { 201: activityOutput } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const activity = await m.programme.create(actor, activityInputFromApi(request.body));
    return reply.code(201).send(activityJson(activity));
  });

  api.get('/api/v1/activities/:id', {
    config: { permission: 'activities.read' },
    schema: { operationId: 'getActivity', tags, summary: 'Une activité', params: idParams, response: { 200: activityOutput } },
  }, async (request) => activityJson(await m.programme.get(actorOf(request), request.params.id)));

  api.patch('/api/v1/activities/:id', {
    config: { permission: 'activities.manage' },
    schema: {
      operationId: 'updateActivity',
      tags, summary: 'Modifier une activité (un nouveau calendrier garde les séances dont la date reste, ajoute les nouvelles)',
      params: idParams, body: activityPatchSchema, response: { 200: activityOutput },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { schedule, description, facilitatorIds, equipment, priceCents, speakers, partners, ...rest } = request.body;
    const patch: Partial<ActivityInput> = { ...rest } as Partial<ActivityInput>;
    if (schedule) patch.schedule = scheduleFromApi(schedule);
    if (description !== undefined) patch.description = description;
    if (facilitatorIds) patch.facilitatorIds = facilitatorIds;
    if (equipment) patch.equipment = equipment;
    if (priceCents !== undefined) patch.priceCents = priceCents;
    if (speakers) patch.speakers = speakers.map((sp) => ({ name: sp.name, role: sp.role || null }));
    if (partners) patch.partners = partners.map((p) => ({ name: p.name, url: p.url || null }));
    for (const key of ['minAge', 'maxAge', 'reducedPriceCents'] as const) if (key in request.body) patch[key] = request.body[key] ?? null;
    return activityJson(await m.programme.update(actor, request.params.id, patch));
  });

  api.delete('/api/v1/activities/:id', {
    config: { permission: 'activities.manage' },
    schema: { operationId: 'archiveActivity', tags, summary: 'Archiver une activité : ses séances à venir sont annulées et les personnes inscrites prévenues', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await m.programme.archive(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}

/** Sessions and their registrations. */
function registerSessionApi(app: FastifyInstance, m: ActivitiesModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/activities/:id/sessions', {
    config: { permission: 'activities.read' },
    schema: { operationId: 'listActivitySessions', tags, summary: 'Les séances d’une activité, avec les places', params: idParams, response: { 200: z.object({ items: z.array(sessionOutput) }) } },
  }, async (request) => ({ items: (await m.programme.sessions(actorOf(request), request.params.id)).map(sessionJson) }));

  api.patch('/api/v1/sessions/:id', {
    config: { permission: 'activities.manage' },
    schema: {
      operationId: 'updateSession',
      tags, summary: 'Déplacer (date, heures, lieu) ou annuler une séance ; les personnes inscrites sont prévenues',
      params: idParams, body: sessionPatchSchema, response: { 200: sessionOutput },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const body = request.body;
    if (body.status === 'cancelled') return sessionJson(await m.programme.cancelSession(actor, request.params.id, body.reason ?? null));
    const { session } = await m.programme.getSession(actor, request.params.id);
    const local = m.programme.localTimes(session);
    return sessionJson(await m.programme.moveSession(actor, request.params.id, {
      date: body.date ?? local.date, startTime: body.startTime ?? local.time, endTime: body.endTime ?? local.endTime, siteId: body.siteId,
    }));
  });

  api.get('/api/v1/sessions/:id/registrations', {
    config: { permission: 'activities.read' },
    schema: { operationId: 'listSessionRegistrations', tags, summary: 'Les inscriptions d’une séance (confirmées, en liste d’attente, annulées)', params: idParams, response: { 200: z.object({ items: z.array(registrationOutput) }) } },
  }, async (request) => {
    const { items } = await m.roster.listForSession(actorOf(request), request.params.id);
    return { items: items.map(registrationJson) };
  });

  api.post('/api/v1/sessions/:id/registrations', {
    config: { permission: 'activities.register' },
    schema: {
      operationId: 'registerForSession',
      tags,
      summary: 'Inscrire une personne : 201 avec le statut confirmed ou waitlisted (stage : toutes les séances) ; déjà inscrite : 200 avec duplicate',
      params: idParams, body: registrationCreateSchema, response: { 200: registrationResult, 201: registrationResult },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body;
    const outcome = await m.registrations.register(actor, actor.centerId, request.params.id, {
      personId: body.personId,
      person: body.person
        ? { firstName: body.person.firstName, lastName: body.person.lastName, birthYear: body.person.birthYear ?? null, commune: body.person.commune ?? null, phone: body.person.phone ?? null, email: body.person.email ?? null }
        : undefined,
      guardianName: body.guardianName ?? null,
      contactPhone: body.contactPhone ?? null,
      contactEmail: body.contactEmail ?? null,
      parentalAuthorisation: body.parentalAuthorisation,
      remindersConsent: body.remindersConsent,
      dataProcessing: body.dataProcessing,
    }, 'api');
    const first = outcome.registrations.find((r) => r.sessionId === request.params.id) ?? outcome.registrations[0]!;
    return reply.code(outcome.duplicate ? 200 : 201).send({
      ...registrationJson(first), duplicate: outcome.duplicate, registrations: outcome.registrations.map(registrationJson),
    });
  });

  api.delete('/api/v1/registrations/:id', {
    config: { permission: 'activities.register' },
    schema: { operationId: 'cancelRegistration', tags, summary: 'Annuler une inscription : la place va à la première personne en attente, prévenue', params: idParams, response: { 200: registrationOutput } },
  }, async (request) => registrationJson(await m.roster.cancel(actorOf(request), request.params.id)));
}

/** A session's attendance and its sign-in sheet. */
function registerAttendanceApi(app: FastifyInstance, m: ActivitiesModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/sessions/:id/attendance', {
    config: { permission: 'activities.attendance' },
    schema: { operationId: 'getAttendance', tags, summary: 'Les présences d’une séance', params: idParams, response: { 200: attendanceOutput } },
  }, async (request) => {
    const sheet = await m.attendance.sheet(actorOf(request), request.params.id);
    return {
      sessionId: request.params.id,
      entries: [
        ...sheet.registered.filter((r) => r.attendance).map((r) => ({ personId: r.personId, status: r.attendance!, walkIn: false })),
        ...sheet.walkIns.map((w) => ({ personId: w.personId, status: w.status, walkIn: true })),
      ],
    };
  });

  api.put('/api/v1/sessions/:id/attendance', {
    config: { permission: 'activities.attendance' },
    schema: {
      operationId: 'putAttendance',
      tags, summary: 'Enregistrer les présences (present, absent, excused) ; une personne non inscrite compte comme venue sans inscription',
      params: idParams, body: attendancePutSchema, response: { 200: attendanceOutput },
    },
  }, async (request) => {
    const rows = await m.attendance.record(actorOf(request), request.params.id, request.body.entries);
    return { sessionId: request.params.id, entries: rows.map((r) => ({ personId: r.personId, status: r.status as 'present', walkIn: r.walkIn })) };
  });

  api.get('/api/v1/sessions/:id/survey', {
    config: { permission: 'activities.read' },
    schema: {
      operationId: 'getSessionSurvey',
      tags, summary: 'Les résultats du questionnaire « Votre avis » d’une séance : nombres par visage, moyenne, réponses libres, jamais qui a répondu quoi',
      params: idParams, response: { 200: surveyResultsOutput },
    },
  }, async (request) => ({ sessionId: request.params.id, ...(await m.surveys.sessionResults(actorOf(request), request.params.id)) }));

  api.get('/api/v1/sessions/:id/sign-in-sheet.pdf', {
    config: { permission: 'activities.attendance' },
    schema: { operationId: 'getSignInSheet', tags, summary: 'La feuille d’émargement (PDF A4)', params: idParams, produces: ['application/pdf'],
      response: { 200: { description: 'La feuille d’émargement à imprimer', content: { 'application/pdf': { schema: pdfDocument } } } },
    },
  }, async (request, reply) => sendSignInSheet(reply, m, actorOf(request), request.params.id));
}

/** The public programme (no personal data). */
function registerPublicCatalogueApi(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/public/activities', {
    config: { access: 'public' },
    schema: {
      operationId: 'listPublicActivities',
      tags: ['Programme public'], summary: 'Le programme public : activités publiées et leurs prochaines séances (sans données personnelles)',
      querystring: catalogueQuery, security: [], response: { 200: z.object({ items: z.array(publicActivityOutput) }) },
    },
  }, async (request) => {
    const centre = request.centre;
    if (!centre) throw notFound();
    const entries = await m.catalogue.catalogue(request.actor ? request.actor.centerId : centre.id, {
      audience: request.query.public, place: request.query.lieu, theme: request.query.theme, from: request.query.du,
    });
    return { items: entries.map((e) => publicActivityJson(e, ctx.config.publicUrl)) };
  });
}
