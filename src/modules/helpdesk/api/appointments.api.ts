import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid, notFound } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import { appointmentCreate, appointmentPatch, dropInInput, isCalendarDate, slotsQuery } from '../helpdesk.schemas.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { addDays } from '../../../platform/time.ts';
import { appointmentSchema, bookingSchema, dateQuery, errors, idParams, slotsSchema, tags } from './schemas.ts';

/** Free slots and booking one, open to residents without an account. */
export function registerBookingApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
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
          'Sans compte (habitant ou habitante) : motif ouvert au public, prénom, nom, téléphone ou e-mail, `consent: true` ; une fiche est créée ou retrouvée. Avec un compte de l’équipe : tout motif, pour une personne connue (`personId`) ou nouvelle. 422 si le créneau n’est pas proposé ; 409 s’il vient d’être pris, avec les prochains créneaux libres dans le message. La réponse contient le lien signé pour annuler ou changer.',
        security: [],
        body: appointmentCreate,
        response: { 201: bookingSchema, ...apiErrors(409, 429), ...errors },
      },
    },
    async (request, reply) => {
      const actor = request.actor ? actorOf(request) : null;
      rejectInvalidRequest(request);
      const centerId = actor?.centerId ?? request.centre?.id;
      if (!centerId) throw notFound();
      return reply.code(201).send(await helpdesk.booking.book(actor, centerId, { ...request.body, ip: request.ip }));
    },
  );
}

/** Appointments at the desk: list, read, cancel, move, note the outcome. */
export function registerAppointmentsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
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
      const actor = actorOf(request);
      const from = request.query.from ?? helpdesk.desk.today();
      const to = request.query.to ?? addDays(from, 6);
      if (!isCalendarDate(from)) throw invalid({ from: 'helpdesk.slots.from.invalid' });
      if (!isCalendarDate(to) || to < from) throw invalid({ to: 'helpdesk.slots.range.invalid' });
      if (Date.parse(to) - Date.parse(from) > 31 * 86_400_000) throw invalid({ to: 'helpdesk.slots.range.tooLong' });
      return helpdesk.desk.listAppointments(actor, { fromDate: from, toDate: to, siteId: request.query.site });
    },
  );

  api.get(
    '/api/v1/helpdesk/appointments/:id',
    { config: { permission: 'helpdesk.desk' }, schema: { operationId: 'getAppointment', tags, summary: 'Lire un rendez-vous', params: idParams, response: { 200: appointmentSchema, ...errors } } },
    async (request) => {
      const { person: _person, ...appointment } = await helpdesk.desk.getAppointment(actorOf(request), request.params.id);
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
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return helpdesk.desk.patchAppointment(actor, request.params.id, request.body);
    },
  );
}

/** Drop-ins noted at the desk. */
export function registerDropInsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/helpdesk/drop-ins',
    {
    config: { permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: { operationId: 'recordDropIn', tags, summary: 'Noter un passage sans rendez-vous', body: dropInInput, response: { 201: appointmentSchema, ...errors } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.desk.recordDropIn(actor, request.body));
    },
  );
}
