// The navette's requests pages: the list (/navette), a request taken by phone, one request, its correction and its cancellation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, queryString } from '../../../platform/http/request-context.ts';
import { parisDate } from '../../../platform/time.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Geocoding } from '../geocode.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { requestsExport } from '../list-exports.ts';
import { requestForm } from '../shuttle.schemas.ts';
import { EditRequestPage, NewRequestPage, RequestPage, RequestsPage, requestFormValues } from '../views/requests.view.tsx';
import { cancelAndReturn } from './shared.ts';

const REQUEST_ORDER = [
  'personId', 'commune', 'address', 'latitude', 'longitude', 'problem', 'theme', 'urgency',
  'weekday1', 'from1', 'to1', 'weekday2', 'from2', 'to2', 'weekday3', 'from3', 'to3', 'weekday4', 'from4', 'to4', 'notes', 'durationMinutes',
];
// What staff read once the request is saved: how its position was found, or why it is approximate.
const SAVED = {
  pin: 'shuttle.request.saved', found: 'shuttle.request.savedFound', not_found: 'shuttle.request.savedNotFound',
  unavailable: 'shuttle.request.savedUnavailable', no_address: 'shuttle.request.saved', off: 'shuttle.request.saved',
} as const satisfies Record<Geocoding, MessageKey>;
// The same, once a request is corrected.
const UPDATED = {
  pin: 'shuttle.request.updated', found: 'shuttle.request.updatedFound', not_found: 'shuttle.request.updatedNotFound',
  unavailable: 'shuttle.request.updatedUnavailable', no_address: 'shuttle.request.updated', off: 'shuttle.request.updated',
} as const satisfies Record<Geocoding, MessageKey>;
// The service's field names (the API's) on the form's fields.
const REQUEST_RENAME: Record<string, string> = { availability: 'weekday1', location: 'longitude' };

/**
 * The requests: the list (pending and planned, the tours to come), a request taken by phone
 * (the person searched for, then the form), one request with the tours it was in, and its
 * cancellation (refused once it is in a tour).
 */
export function registerRequestPages(app: FastifyInstance, m: ShuttleModule): void {
  app.get('/navette', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const today = parisDate(app.ctx.clock.now());
    const [pending, planned, tours] = await Promise.all([
      m.requests.views(actor, { status: 'pending' }),
      m.requests.views(actor, { status: 'planned' }),
      m.tours.list(actor, { from: today }),
    ]);
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'visit-requests', requestsExport([...pending, ...planned], today));
    return sendPage(reply, <RequestsPage ctx={viewContext(request)} pending={pending} planned={planned} tours={tours.filter((tour) => tour.status !== 'cancelled')} />);
  });

  // — a request, taken by phone —
  const newRequestPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const q = queryString(request, 'q') ?? '';
    const results = await m.requests.searchPersons(actorOf(request), q);
    return sendPage(reply, <NewRequestPage ctx={viewContext(request)} data={{ q, results, values, errors, geocoder: Boolean(app.ctx.config.geocoderUrl) }} />, errors ? status : 200);
  };
  app.get('/navette/demandes/nouvelle', page('shuttle.requests'), async (request, reply) => newRequestPage(request, reply, {}));
  app.post('/navette/demandes/nouvelle', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: requestForm, order: REQUEST_ORDER, rename: REQUEST_RENAME, fallbackField: 'personId',
      run: (input) => m.requests.create(actor, input),
      render: ({ values, errors, status }) => newRequestPage(request, reply, values, errors, status),
      done: (created) => ({ redirect: `/navette/demandes/${created.id}`, flash: SAVED[created.geocoding] }),
    });
  });

  app.get('/navette/demandes/:id', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const visit = await m.requests.get(actor, idOf(request));
    return sendPage(reply, <RequestPage ctx={viewContext(request)} request={visit} tours={await m.tours.ofRequest(actor, visit.id)} />);
  });

  // — a waiting request corrected (address, pin, hours at home…) —
  const editRequestPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues | null, errors?: FieldErrors, status = 422) => {
    const visit = await m.requests.get(actorOf(request), idOf(request));
    const data = { request: visit, values: values ?? requestFormValues(visit), errors, geocoder: Boolean(app.ctx.config.geocoderUrl) };
    return sendPage(reply, <EditRequestPage ctx={viewContext(request)} data={data} />, errors ? status : 200);
  };
  app.get('/navette/demandes/:id/modifier', page('shuttle.requests'), async (request, reply) => editRequestPage(request, reply, null));
  app.post('/navette/demandes/:id/modifier', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      schema: requestForm, order: REQUEST_ORDER, rename: REQUEST_RENAME, fallbackField: 'problem',
      run: (input) => m.requests.update(actor, id, input),
      render: ({ values, errors, status }) => editRequestPage(request, reply, values, errors, status),
      done: (updated) => ({ redirect: `/navette/demandes/${id}`, flash: UPDATED[updated.geocoding] }),
    });
  });

  app.post('/navette/demandes/:id/annuler', page('shuttle.requests'), async (request, reply) => {
    const id = idOf(request);
    return cancelAndReturn(request, reply, () => m.requests.cancel(actorOf(request), id), 'shuttle.request.cancelled', `/navette/demandes/${id}`);
  });
}
