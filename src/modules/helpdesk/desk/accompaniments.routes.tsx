import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { formValues, parseForm, handleForm } from '../../../platform/http/forms.ts';
import { idOf, queryString, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { accompanimentInput } from '../helpdesk.schemas.ts';
import { accompanimentsExport } from '../list-exports.ts';
import { PersonHistoryPage } from '../views/desk/person-history.view.tsx';
import { recordDefaults, RecordFormPage, RecordsPage } from '../views/record.view.tsx';
import { deskToday, refusal, type DeskDeps } from './shared.ts';

/** The accompaniment record written after an appointment. */
export function registerRecordRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk } = deps;
  app.get('/permanences/rendez-vous/:id/compte-rendu', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const appointment = await helpdesk.desk.getAppointment(actor, idOf(request));
    if (appointment.accompanimentId) return redirectSeeOther(reply, `/permanences/rendez-vous/${appointment.id}`);
    return sendPage(
      reply,
      <RecordFormPage
        ctx={viewContext(request)}
        action={`/permanences/rendez-vous/${appointment.id}/compte-rendu`}
        appointment={appointment}
        person={null}
        sites={[]}
        values={recordDefaults(appointment)}
        errors={{}}
      />,
    );
  });

  app.post('/permanences/rendez-vous/:id/compte-rendu', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const parsed = parseForm(accompanimentInput, { ...((request.body ?? {}) as object), appointmentId: id });
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.accompaniments.recordAccompaniment(actor, parsed.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'details');
      const view = viewContext(request);
      const appointment = await helpdesk.desk.getAppointment(actor, id);
      return sendPage(
        reply,
        <RecordFormPage
          ctx={view}
          action={`/permanences/rendez-vous/${id}/compte-rendu`}
          appointment={appointment}
          person={null}
          sites={[]}
          values={formValues(request.body)}
          errors={localizeErrors(view, fields)}
        />,
        status,
      );
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.recordDone'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });
}

/** Accompaniment records without an appointment, their list, and a person's history. */
export function registerAccompanimentRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { ctx, helpdesk, centre, people } = deps;
  app.get('/permanences/accompagnements', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const records = await helpdesk.accompaniments.listAccompaniments(actor, { limit: 100 });
    const names = new Map<string, string>();
    for (const id of new Set(records.map((r) => r.personId).filter((p): p is string => p !== null))) {
      const person = await people.getSummary(actor.centerId, id);
      if (person && !person.erased) names.set(id, `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim());
    }
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'accompaniments', accompanimentsExport(records, names, deskToday(ctx)));
    return sendPage(reply, <RecordsPage ctx={viewContext(request)} records={records} names={names} />);
  });

  const standaloneRecordPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, personId: string | undefined, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const person = personId && isUuid(personId) && (await people.canSee(actor, personId)) ? ((await people.getSummary(actor.centerId, personId)) ?? null) : null;
    const sites = (await centre.listSites(actor.centerId)).filter((s) => !s.archivedAt);
    return sendPage(
      reply,
      <RecordFormPage ctx={view} action="/permanences/accompagnements" appointment={null} person={person} sites={sites} values={values} errors={localizeErrors(view, errors)} />,
      status,
    );
  };

  app.get('/permanences/accompagnements/nouveau', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return standaloneRecordPage(request, reply, actor, queryString(request, 'personne'), recordDefaults(null), {});
  });

  app.post('/permanences/accompagnements', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: accompanimentInput.safeExtend({ appointmentId: z.undefined().optional() }),
      statuses: [409],
      fallbackField: 'details',
      run: (input) => helpdesk.accompaniments.recordAccompaniment(actor, { ...input, appointmentId: undefined }),
      render: ({ values, errors, status }) => standaloneRecordPage(request, reply, actor, values.personId as string | undefined, values, errors, status),
      done: () => ({ redirect: '/permanences/accompagnements', flash: 'helpdesk.record.saved' }),
    });
  });

  app.get('/permanences/personnes/:id', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const history = await helpdesk.desk.personHistory(actor, id);
    const person = await people.getSummary(actor.centerId, id);
    if (!person) throw notFound();
    return sendPage(reply, <PersonHistoryPage ctx={viewContext(request)} person={person} history={history} />);
  });
}
