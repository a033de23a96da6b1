import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { optionalCalendarDate } from '../../platform/dates.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { apiErrors } from '../../platform/http/api-docs.ts';
import { rejectInvalidRequest } from '../../platform/http/errors-handler.ts';
import { requirePermission } from '../../platform/http/request-context.ts';
import {
  absenceInput, accompanimentInput, appointmentCreate, appointmentPatch, dropInInput, isCalendarDate, motifInput, openingInput, settingsInput,
  slotsQuery,
} from './helpdesk.schemas.ts';
import type { HelpdeskModule } from './helpdesk.routes.tsx';
import {
  AUTONOMY, BOOKABLE_BY, CHANNELS, EQUIPMENT, OUTCOMES, PLACE_TYPES, PROCEDURE_CATEGORIES, REDIRECT_STRUCTURES, THEMES,
} from './helpdesk.vocab.ts';
import { addDays, parisToUtcMs } from '../../platform/time.ts';

const tags = ['Permanences'];
const errors = apiErrors(400, 401, 403, 404, 422);

const motifSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  procedureCategory: z.enum(PROCEDURE_CATEGORIES),
  durationMinutes: z.number().int(),
  whatToBring: z.string().nullable(),
  bookableBy: z.enum(BOOKABLE_BY),
  minDelayHours: z.number().int(),
  horizonDays: z.number().int(),
  archived: z.boolean(),
});
const openingSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  staffUserId: z.string().nullable(),
  staffName: z.string().nullable(),
  weekday: z.number().int().describe('1 = lundi … 7 = dimanche'),
  startTime: z.string().describe('Heure de Paris, HH:MM'),
  endTime: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  everyWeeks: z.number().int(),
  motifIds: z.array(z.string()),
  motifNames: z.array(z.string()),
});
const absenceSchema = z.object({
  id: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  staffUserId: z.string().nullable(),
  staffName: z.string().nullable(),
  firstDay: z.string(),
  lastDay: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  repeatWeeklyUntil: z.string().nullable(),
  reason: z.string().nullable(),
});
const slotSchema = z.object({ startAt: z.string(), endAt: z.string(), siteId: z.string() });
const slotsSchema = z.object({ motif: motifSchema, from: z.string(), to: z.string(), slots: z.array(slotSchema) });
const appointmentSchema = z.object({
  id: z.string(),
  motifId: z.string(),
  motifName: z.string(),
  whatToBring: z.string().nullable(),
  procedureCategory: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  siteAddress: z.string().nullable(),
  startAt: z.string(),
  endAt: z.string(),
  kind: z.enum(['appointment', 'drop_in']),
  channel: z.enum(CHANNELS),
  status: z.enum(['booked', 'cancelled']),
  outcome: z.enum(OUTCOMES).nullable(),
  staffUserId: z.string().nullable(),
  personId: z.string().nullable(),
  note: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  createdAt: z.string(),
  needsOutcome: z.boolean(),
  accompanimentId: z.string().nullable(),
});
/** What a booking answers: the resident's own appointment, and their "cancel or change" link. */
const bookingSchema = z.object({ appointment: appointmentSchema, manageToken: z.string(), manageUrl: z.string() });
const accompanimentSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  siteId: z.string().nullable(),
  recordedBy: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().int(),
  placeType: z.enum(PLACE_TYPES),
  equipment: z.array(z.enum(EQUIPMENT)),
  themes: z.array(z.enum(THEMES)),
  procedureCategory: z.enum(PROCEDURE_CATEGORIES).nullable(),
  details: z.string().nullable(),
  autonomy: z.enum(AUTONOMY),
  redirected: z.boolean(),
  redirectStructure: z.enum(REDIRECT_STRUCTURES).nullable(),
  followUp: z.boolean(),
  origin: z.enum(['appointment', 'drop_in', 'other']),
  createdAt: z.string(),
});
const settingsSchema = z.object({ cancelUntilHours: z.number().int(), reminderDayBefore: z.boolean() });
const idParams = z.object({ id: z.string() });
const dateQuery = z.object({
  from: optionalCalendarDate().describe('Premier jour (AAAA-MM-JJ, heure de Paris) ; par défaut aujourd’hui'),
  to: optionalCalendarDate().describe('Dernier jour inclus ; par défaut 7 jours après le premier'),
  site: z.string().optional(),
});
const listQuery = z.object({
  from: optionalCalendarDate().describe('Depuis (AAAA-MM-JJ)'),
  to: optionalCalendarDate().describe('Jusqu’au (AAAA-MM-JJ, inclus)'),
  person: z.string().optional().describe('Identifiant de la personne'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The JSON API of the help desk (/api/v1/helpdesk/…, /api/v1/accompaniments). Same service, same rules as the pages. */
export function registerHelpdeskApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // — motifs —
  api.get(
    '/api/v1/helpdesk/motifs',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'listMotifs', tags, summary: 'Lister les motifs de rendez-vous', response: { 200: z.array(motifSchema), ...errors } } },
    async (request) => helpdesk.settings.listMotifs(requirePermission(request, 'helpdesk.desk'), { includeArchived: true }),
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
      const actor = requirePermission(request, 'helpdesk.manage');
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
      const actor = requirePermission(request, 'helpdesk.manage');
      rejectInvalidRequest(request);
      return helpdesk.settings.updateMotif(actor, request.params.id, request.body);
    },
  );

  // — openings —
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
      helpdesk.settings.listOpenings(requirePermission(request, 'helpdesk.desk'), { siteId: request.query.site, current: request.query.current === 'true' }),
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
      const actor = requirePermission(request, 'helpdesk.manage');
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
      await helpdesk.settings.deleteOpening(requirePermission(request, 'helpdesk.manage'), request.params.id);
      return reply.code(204).send();
    },
  );

  // — absences —
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
      const actor = requirePermission(request, 'helpdesk.desk');
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
      const actor = requirePermission(request, 'helpdesk.manage');
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.settings.createAbsence(actor, request.body));
    },
  );
  api.delete(
    '/api/v1/helpdesk/absences/:id',
    { config: { permission: 'helpdesk.manage' }, schema: { operationId: 'deleteAbsence', tags, summary: 'Supprimer une absence', params: idParams, response: { 204: z.undefined(), ...errors } } },
    async (request, reply) => {
      await helpdesk.settings.deleteAbsence(requirePermission(request, 'helpdesk.manage'), request.params.id);
      return reply.code(204).send();
    },
  );

  // — slots (public) —
  api.get(
    '/api/v1/helpdesk/slots',
    {
    config: { access: 'public' },
      attachValidation: true,
      schema: {
        operationId: 'listFreeSlots',
        tags,
        summary: 'Créneaux libres d’un motif',
        description: 'Public, sans données personnelles. `from` et `to` : dates (AAAA-MM-JJ, heure de Paris, `to` inclus) ou instants ISO 8601 ; par défaut de maintenant à l’horizon du motif, 93 jours au plus. Sans compte, seuls les motifs ouverts au public répondent, délai minimum appliqué ; l’équipe voit aussi les siens, sans délai minimum.',
        security: [],
        querystring: slotsQuery,
        response: { 200: slotsSchema, ...errors },
      },
    },
    async (request) => {
      rejectInvalidRequest(request);
      const centerId = request.actor?.centerId ?? request.centre?.id;
      if (!centerId) throw notFound();
      const audience = request.actor ? 'staff' : 'public';
      return helpdesk.availability.slots(centerId, { motifId: request.query.motif, siteId: request.query.site, from: request.query.from, to: request.query.to }, audience);
    },
  );

  // — appointments —
  api.get(
    '/api/v1/helpdesk/appointments',
    {
    config: { permission: 'helpdesk.desk' },
      schema: {
        operationId: 'listAppointments',
        tags,
        summary: 'Lister les rendez-vous et passages',
        description: 'Du jour `from` au jour `to` inclus (heure de Paris, 31 jours au plus). Un compte bénévole ne voit que ceux de ses permanences.',
        querystring: dateQuery,
        response: { 200: z.array(appointmentSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'helpdesk.desk');
      const from = request.query.from ?? helpdesk.desk.today();
      const to = request.query.to ?? addDays(from, 6);
      if (!isCalendarDate(from)) throw invalid({ from: 'helpdesk.slots.from.invalid' });
      if (!isCalendarDate(to) || to < from) throw invalid({ to: 'helpdesk.slots.range.invalid' });
      if (Date.parse(to) - Date.parse(from) > 31 * 86_400_000) throw invalid({ to: 'helpdesk.slots.range.tooLong' });
      return helpdesk.desk.listAppointments(actor, { fromDate: from, toDate: to, siteId: request.query.site });
    },
  );
  api.post(
    '/api/v1/helpdesk/appointments',
    {
      config: { access: 'public', permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: {
        operationId: 'bookAppointment',
        tags,
        summary: 'Réserver un créneau',
        description:
          'Sans compte (habitant·e) : motif ouvert au public, prénom, nom, téléphone ou e-mail, `consent: true` ; une fiche est créée ou retrouvée. Avec un compte de l’équipe : tout motif, pour une personne connue (`personId`) ou nouvelle. 422 si le créneau n’est pas proposé ; 409 s’il vient d’être pris, avec les prochains créneaux libres dans le message. La réponse contient le lien signé pour annuler ou changer.',
        security: [],
        body: appointmentCreate,
        response: { 201: bookingSchema, ...apiErrors(409, 429), ...errors },
      },
    },
    async (request, reply) => {
      const actor = request.actor ? requirePermission(request, 'helpdesk.desk') : null;
      rejectInvalidRequest(request);
      const centerId = actor?.centerId ?? request.centre?.id;
      if (!centerId) throw notFound();
      return reply.code(201).send(await helpdesk.booking.book(actor, centerId, { ...request.body, ip: request.ip }));
    },
  );
  api.get(
    '/api/v1/helpdesk/appointments/:id',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'getAppointment', tags, summary: 'Lire un rendez-vous', params: idParams, response: { 200: appointmentSchema, ...errors } } },
    async (request) => {
      const { person: _person, ...appointment } = await helpdesk.desk.getAppointment(requirePermission(request, 'helpdesk.desk'), request.params.id);
      return appointment;
    },
  );
  api.patch(
    '/api/v1/helpdesk/appointments/:id',
    {
    config: { permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: {
        operationId: 'updateAppointment',
        tags,
        summary: 'Annuler, déplacer un rendez-vous ou noter sa suite',
        description:
          '`{"action":"cancel"}` (avant l’heure), `{"action":"move","startAt":…}` (vers un créneau libre ; 409 s’il vient d’être pris), `{"action":"outcome","outcome":"seen"|"excused"|"no_show"}` (à partir de l’heure du rendez-vous).',
        params: idParams,
        body: appointmentPatch,
        response: { 200: appointmentSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'helpdesk.desk');
      rejectInvalidRequest(request);
      return helpdesk.desk.patchAppointment(actor, request.params.id, request.body);
    },
  );
  api.post(
    '/api/v1/helpdesk/drop-ins',
    {
    config: { permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: { operationId: 'recordDropIn', tags, summary: 'Noter un passage sans rendez-vous', body: dropInInput, response: { 201: appointmentSchema, ...errors } },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'helpdesk.desk');
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.desk.recordDropIn(actor, request.body));
    },
  );

  // — settings —
  api.get(
    '/api/v1/helpdesk/settings',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'getHelpdeskSettings', tags, summary: 'Lire les réglages des permanences', response: { 200: settingsSchema, ...errors } } },
    async (request) => helpdesk.settings.getSettings(requirePermission(request, 'helpdesk.desk').centerId),
  );
  api.put(
    '/api/v1/helpdesk/settings',
    {
    config: { permission: 'helpdesk.manage' },
      attachValidation: true,
      schema: { operationId: 'updateHelpdeskSettings', tags, summary: 'Changer les réglages des permanences', body: settingsInput, response: { 200: settingsSchema, ...errors } },
    },
    async (request) => {
      const actor = requirePermission(request, 'helpdesk.manage');
      rejectInvalidRequest(request);
      return helpdesk.settings.updateSettings(actor, request.body);
    },
  );

  // — accompaniment records —
  api.get(
    '/api/v1/accompaniments',
    {
    config: { permission: 'helpdesk.desk' },
      schema: {
        operationId: 'listAccompaniments',
        tags: ['Accompagnements'],
        summary: 'Lister les accompagnements',
        description: 'Du plus récent au plus ancien. Un compte bénévole ne voit que ceux qu’il a notés.',
        querystring: listQuery,
        response: { 200: z.array(accompanimentSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'helpdesk.desk');
      const { from, to, person, limit, offset } = request.query;
      if (from && !isCalendarDate(from)) throw invalid({ from: 'helpdesk.slots.from.invalid' });
      if (to && !isCalendarDate(to)) throw invalid({ to: 'helpdesk.slots.to.invalid' });
      return helpdesk.accompaniments.listAccompaniments(actor, {
        from: from ? new Date(parisToUtcMs(from, 0)).toISOString() : undefined,
        to: to ? new Date(parisToUtcMs(to, 1440)).toISOString() : undefined,
        personId: person,
        limit,
        offset,
      });
    },
  );
  api.post(
    '/api/v1/accompaniments',
    {
    config: { permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: {
        operationId: 'recordAccompaniment',
        tags: ['Accompagnements'],
        summary: 'Noter un accompagnement',
        description:
          'Vocabulaire national (La Coop de la médiation numérique) : lieu, matériel, thèmes, démarche, autonomie, orientation. Avec `appointmentId`, clôt le rendez-vous comme « venu·e ». Un compte rendu qui ressemble à un mot de passe ou à des identifiants est refusé (422) : le centre ne les garde jamais.',
        body: accompanimentInput,
        response: { 201: accompanimentSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'helpdesk.desk');
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.accompaniments.recordAccompaniment(actor, request.body));
    },
  );
}
