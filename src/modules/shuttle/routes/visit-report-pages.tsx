// The visit page of the navette (/navette/demandes/:id/visite) and the two scripts that make it
// work offline: the page's script and the service worker, scoped to /navette/.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldErrors } from '../../../platform/errors.ts';
import type { FicheLinksRegistry } from '../../../platform/fiche-links.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { retryForm, visitReportForm } from '../visit-report.schemas.ts';
import type { VisitReportService } from '../visit-report.service.ts';
import { reportDefaults, VisitPage } from '../views/visit-report.view.tsx';

const FIELD_ORDER = ['summary', 'outcome', 'durationMinutes', 'equipment', 'autonomy', 'themes', 'appointment', 'followUps', 'clientId', 'requestId', 'writtenAt'];

/** The page's script and the service worker, with the French words the worker shows offline. */
function clientScripts(): { page: string; worker: string } {
  const page = readFileSync(new URL('../client/visite.js', import.meta.url), 'utf8');
  const worker = readFileSync(new URL('../client/sw.js', import.meta.url), 'utf8')
    .replace("'__OFFLINE_TITLE__'", JSON.stringify(t('fr', 'shuttle.offline.title')))
    .replace("'__OFFLINE_BODY__'", JSON.stringify(t('fr', 'shuttle.offline.body')));
  return { page, worker };
}

export function registerVisitReportPages(app: FastifyInstance, reports: VisitReportService, ficheLinks: FicheLinksRegistry): void {
  const scripts = clientScripts();

  const visitPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues | null, errors: FieldErrors = {}, status = 200) => {
    const sheet = await reports.sheet(actorOf(request), idOf(request));
    // A new UUID each time the page is drawn: a double submit of this copy is stored once.
    const shown = values ?? reportDefaults(sheet, newId());
    // The fiches given at each stored visit (the resources module keeps them), and where to note them.
    const ids = sheet.reports.map((r) => r.id);
    const given = await ficheLinks.forSubjects(actorOf(request).centerId, 'visit_report', ids);
    const fiches = new Map(ids.map((id) => [id, { links: given.get(id) ?? [], chooseHref: ficheLinks.chooseHref('visit_report', id) }]));
    return sendPage(reply, <VisitPage ctx={viewContext(request)} sheet={sheet} values={shown} errors={errors} fiches={fiches} />, status);
  };

  app.get('/navette/demandes/:id/visite', page('shuttle.requests'), async (request, reply) => visitPage(request, reply, null));

  app.post('/navette/demandes/:id/visite', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const requestId = idOf(request);
    return handleForm(request, reply, {
      schema: z.preprocess((body) => ({ ...(body as Record<string, unknown>), requestId }), visitReportForm),
      statuses: [409],
      order: FIELD_ORDER,
      run: (form) => reports.record(actor, form),
      render: ({ values, errors, status }) => visitPage(request, reply, values, errors, status),
      done: ({ report }) => ({
        redirect: `/navette/demandes/${requestId}/visite`,
        flash: report.appointment.status === 'failed' ? 'shuttle.report.savedAppointmentToDo' : 'shuttle.report.saved',
      }),
    });
  });

  // An appointment of a report that did not go through, booked again at a slot chosen now.
  app.post('/navette/demandes/:id/visite/rendez-vous', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const requestId = idOf(request);
    return handleForm(request, reply, {
      schema: retryForm,
      statuses: [409],
      fallbackField: 'appointment',
      run: ({ reportId, appointment }) => reports.retryAppointment(actor, requestId, reportId, appointment),
      render: ({ errors, status }) => visitPage(request, reply, null, errors, status),
      done: (report) => ({
        redirect: `/navette/demandes/${requestId}/visite`,
        flash: report.appointment.status === 'booked' ? 'shuttle.report.appointmentBookedNow' : 'shuttle.report.appointmentStillToDo',
      }),
    });
  });

  // Plain files, the same for everyone: public, so that the worker updates even when signed out.
  app.get('/navette/visite.js', page('public'), async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(scripts.page));
  app.get('/navette/sw.js', page('public'), async (_request, reply) =>
    reply.header('cache-control', 'no-cache').header('service-worker-allowed', '/navette/').type('text/javascript; charset=utf-8').send(scripts.worker));
}
