import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import { absenceInput, isCalendarDate, motifInput, openingInput, settingsInput } from '../helpdesk.schemas.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { absenceSchema, errors, idParams, motifSchema, openingSchema, settingsSchema, tags } from './schemas.ts';

/** Motifs: list, create, change or archive. */
export function registerMotifsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/helpdesk/motifs',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'listMotifs', tags, summary: 'Lister les motifs de rendez-vous', response: { 200: z.array(motifSchema), ...errors } } },
    async (request) => helpdesk.settings.listMotifs(actorOf(request), { includeArchived: true }),
  );
  api.post(
    '/api/v1/helpdesk/motifs',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: {
        operationId: 'createMotif',
        tags,
        summary: 'Créer un motif de rendez-vous',
        description: 'Nom en mots simples, catégorie de démarche (vocabulaire national), durée (30 min par défaut), ce qu’il faut apporter, qui peut réserver (`public` ou `staff`), délai minimum (heures) et horizon de réservation (jours).',
        body: motifInput,
        response: { 201: motifSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.settings.createMotif(actor, request.body));
    },
  );
  api.patch(
    '/api/v1/helpdesk/motifs/:id',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: {
        operationId: 'updateMotif',
        tags,
        summary: 'Modifier ou archiver un motif',
        params: idParams,
        body: motifInput.extend({ archived: z.boolean().optional() }),
        response: { 200: motifSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return helpdesk.settings.updateMotif(actor, request.params.id, request.body);
    },
  );
}

/** Weekly openings: list, create, delete. */
export function registerOpeningsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/helpdesk/openings',
    {
    config: { permission: 'helpdesk.desk' },
      schema: {
        operationId: 'listOpenings',
        tags,
        summary: 'Lister les plages d’ouverture',
        querystring: z.object({ site: z.string().optional(), current: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(openingSchema), ...errors },
      },
    },
    async (request) =>
      helpdesk.settings.listOpenings(actorOf(request), { siteId: request.query.site, current: request.query.current === 'true' }),
  );
  api.post(
    '/api/v1/helpdesk/openings',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: {
        operationId: 'createOpening',
        tags,
        summary: 'Créer une plage d’ouverture',
        description: 'Récurrence hebdomadaire en heure de Paris (le jour `weekday`, de `startTime` à `endTime`), de `startsOn` à `endsOn` (facultatif), toutes les `everyWeeks` semaines, pour un lieu, éventuellement un membre de l’équipe, et les motifs reçus. Les jours fériés sont fermés automatiquement. 409 si ce membre de l’équipe tient déjà une permanence à ces heures.',
        body: openingInput,
        response: { 201: openingSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.settings.createOpening(actor, request.body));
    },
  );
  api.delete(
    '/api/v1/helpdesk/openings/:id',
    {
    config: { permission: 'helpdesk.manage' },
      schema: {
        operationId: 'deleteOpening',
        tags,
        summary: 'Supprimer une plage d’ouverture',
        description: '409 tant que des rendez-vous à venir y sont pris.',
        params: idParams,
        response: { 204: z.undefined(), ...apiErrors(409), ...errors },
      },
    },
    async (request, reply) => {
      await helpdesk.settings.deleteOpening(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

/** Absences and closures: list, create, delete. */
export function registerAbsencesApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/helpdesk/absences',
    {
    config: { permission: 'helpdesk.desk' },
      schema: {
        operationId: 'listAbsences',
        tags,
        summary: 'Lister les absences et fermetures',
        querystring: z.object({ from: z.string().optional().describe('Absences qui touchent ce jour ou après (AAAA-MM-JJ)') }),
        response: { 200: z.array(absenceSchema), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const from = request.query.from;
      if (from && !isCalendarDate(from)) throw invalid({ from: 'helpdesk.slots.from.invalid' });
      return helpdesk.settings.listAbsences(actor, { fromDate: from });
    },
  );
  api.post(
    '/api/v1/helpdesk/absences',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: {
        operationId: 'createAbsence',
        tags,
        summary: 'Créer une absence',
        description: 'D’un membre de l’équipe (`staffUserId`), d’un lieu (`siteId`) ou de tout le centre (ni l’un ni l’autre) ; du premier jour (à `startTime`) au dernier (à `endTime`), éventuellement chaque semaine jusqu’à `repeatWeeklyUntil`.',
        body: absenceInput,
        response: { 201: absenceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.settings.createAbsence(actor, request.body));
    },
  );
  api.delete(
    '/api/v1/helpdesk/absences/:id',
    { config: { permission: 'helpdesk.manage' }, schema: { operationId: 'deleteAbsence', tags, summary: 'Supprimer une absence', params: idParams, response: { 204: z.undefined(), ...errors } } },
    async (request, reply) => {
      await helpdesk.settings.deleteAbsence(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

/** The cancellation delay and the reminders. */
export function registerSettingsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/helpdesk/settings',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'getHelpdeskSettings', tags, summary: 'Lire les réglages des permanences', response: { 200: settingsSchema, ...errors } } },
    async (request) => helpdesk.settings.getSettings(actorOf(request).centerId),
  );
  api.put(
    '/api/v1/helpdesk/settings',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: { operationId: 'updateHelpdeskSettings', tags, summary: 'Changer les réglages des permanences', body: settingsInput, response: { 200: settingsSchema, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return helpdesk.settings.updateSettings(actor, request.body);
    },
  );
}
