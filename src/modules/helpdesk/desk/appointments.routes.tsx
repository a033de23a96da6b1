import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formValues, handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { isoInstant } from '../helpdesk.schemas.ts';
import { OUTCOMES } from '../helpdesk.vocab.ts';
import { AppointmentPage, MoveAppointmentPage } from '../views/desk/appointment.view.tsx';
import { refusal, firstDays, type DeskDeps } from './shared.ts';

const outcomeForm = z.object({ outcome: z.enum(OUTCOMES, { error: 'helpdesk.outcome.required' }) });

/** One appointment: its page, its outcome, its cancellation. */
export function registerAppointmentRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk } = deps;
  const appointmentPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, errors: FieldErrors = {}, status = 200) => {
    const view = viewContext(request);
    const appointment = await helpdesk.desk.getAppointment(actor, id);
    const record = appointment.accompanimentId ? await helpdesk.accompaniments.getAccompaniment(actor, appointment.accompanimentId).catch(() => null) : null;
    return sendPage(
      reply,
      <AppointmentPage ctx={view} appointment={appointment} record={record} canManage errors={localizeErrors(view, errors)} />,
      status,
    );
  };

  app.get('/permanences/rendez-vous/:id', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return appointmentPage(request, reply, actor, idOf(request));
  });

  app.post('/permanences/rendez-vous/:id/issue', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      schema: outcomeForm,
      statuses: [409],
      fallbackField: 'outcome',
      run: async ({ outcome }) => {
        await helpdesk.desk.setOutcome(actor, id, outcome);
        return outcome;
      },
      render: ({ errors, status }) => appointmentPage(request, reply, actor, id, errors, status),
      // Seen: the accompaniment record is the next thing to write.
      done: (outcome) => ({
        redirect: outcome === 'seen' ? `/permanences/rendez-vous/${id}/compte-rendu` : `/permanences/rendez-vous/${id}`,
        flash: 'helpdesk.appointment.outcomeSaved',
      }),
    });
  });

  app.post('/permanences/rendez-vous/:id/annuler', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    try {
      await helpdesk.booking.cancel(actor, id);
    } catch (error) {
      const { status, fields } = refusal(error, 'outcome');
      return appointmentPage(request, reply, actor, id, fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.cancelled'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });
}

/** Moving an appointment to another free slot of the same motif and place. */
export function registerMoveRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk } = deps;
  const movePage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, error?: string, status = 200) => {
    const appointment = await helpdesk.desk.getAppointment(actor, id);
    const { slots } = await helpdesk.availability.slots(actor.centerId, { motifId: appointment.motifId, siteId: appointment.siteId }, 'staff');
    return sendPage(
      reply,
      <MoveAppointmentPage ctx={viewContext(request)} appointment={appointment} slots={firstDays(slots.filter((s) => s.startAt !== appointment.startAt))} error={error} />,
      status,
    );
  };

  app.get('/permanences/rendez-vous/:id/deplacer', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return movePage(request, reply, actor, idOf(request));
  });

  app.post('/permanences/rendez-vous/:id/deplacer', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const chosen = isoInstant('helpdesk.public.errorSlot').safeParse(formValues(request.body).creneau ?? '');
    try {
      if (!chosen.success) throw new AppError(422, 'invalid', 'errors.invalid', { startAt: 'helpdesk.public.errorSlot' });
      await helpdesk.booking.move(actor, id, chosen.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'startAt');
      return movePage(request, reply, actor, id, translate(request.locale, fields.startAt ?? Object.values(fields)[0]!), status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.moved'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });
}
