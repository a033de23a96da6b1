import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { type FieldErrors } from '../../../platform/errors.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { absenceInput, openingInput } from '../helpdesk.schemas.ts';
import { AbsenceFormPage, OpeningFormPage, OpeningsPage } from '../views/desk/openings.view.tsx';
import { deskToday, staffChoices, type DeskDeps } from './shared.ts';

/** Settings: the weekly openings. */
export function registerOpeningRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { ctx, helpdesk, centre } = deps;
  const today = () => deskToday(ctx);
  app.get('/permanences/horaires', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const [openings, absences, motifs] = await Promise.all([
      helpdesk.settings.listOpenings(actor, { current: true }),
      helpdesk.settings.listAbsences(actor, { fromDate: today() }),
      helpdesk.settings.listMotifs(actor),
    ]);
    return sendPage(reply, <OpeningsPage ctx={viewContext(request)} openings={openings} absences={absences} motifCount={motifs.length} />);
  });

  const openingForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const [sites, staff, motifs] = await Promise.all([centre.listSites(actor.centerId), staffChoices(ctx, actor.centerId), helpdesk.settings.listMotifs(actor)]);
    return sendPage(reply, <OpeningFormPage ctx={view} sites={sites} staff={staff} motifs={motifs} values={values} errors={localizeErrors(view, errors)} />, status);
  };

  app.get('/permanences/horaires/nouvelle', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return openingForm(request, reply, actor, { startsOn: today(), everyWeeks: '1' }, {});
  });

  app.post('/permanences/horaires', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: openingInput,
      statuses: [409],
      fallbackField: 'startTime',
      run: (input) => helpdesk.settings.createOpening(actor, input),
      render: ({ values, errors, status }) => openingForm(request, reply, actor, values, errors, status),
      done: () => ({ redirect: '/permanences/horaires', flash: 'helpdesk.opening.saved' }),
    });
  });

  app.post('/permanences/horaires/:id/supprimer', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await helpdesk.settings.deleteOpening(actor, idOf(request));
    setFlash(reply, translate(request.locale, 'helpdesk.openings.deleted'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });
}

/** Settings: absences and closures. */
export function registerAbsenceRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { ctx, helpdesk, centre } = deps;
  const absenceForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const [sites, staff] = await Promise.all([centre.listSites(actor.centerId), staffChoices(ctx, actor.centerId)]);
    return sendPage(reply, <AbsenceFormPage ctx={view} sites={sites} staff={staff} values={values} errors={localizeErrors(view, errors)} />, status);
  };

  app.get('/permanences/absences/nouvelle', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return absenceForm(request, reply, actor, {}, {});
  });

  app.post('/permanences/absences', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: absenceInput,
      statuses: [409],
      fallbackField: 'firstDay',
      run: (input) => helpdesk.settings.createAbsence(actor, input),
      render: ({ values, errors, status }) => absenceForm(request, reply, actor, values, errors, status),
      done: () => ({ redirect: '/permanences/horaires', flash: 'helpdesk.absence.saved' }),
    });
  });

  app.post('/permanences/absences/:id/supprimer', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await helpdesk.settings.deleteAbsence(actor, idOf(request));
    setFlash(reply, translate(request.locale, 'helpdesk.absences.deleted'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });
}
