import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseForm } from '../../../platform/http/forms.ts';
import { publicCentreId, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { sendCallUsPage } from '../../../ui/call-us-page.tsx';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { isoInstant, publicDetailsForm } from '../helpdesk.schemas.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { ConfirmationPage } from '../views/booking/confirmation.view.tsx';
import { DetailsPage } from '../views/booking/details.view.tsx';
import { query } from '../views/booking/parts.tsx';
import { param, parseParams, postLimit, resolve, slotPage } from './steps.tsx';
import { draftStore, keyOf } from './draft.ts';

/** Booking the checked answers, then the confirmation page with the signed link. */
export function registerConfirmRoutes(app: FastifyInstance, ctx: AppContext, helpdesk: HelpdeskModule): void {
  const drafts = draftStore(ctx);
  // 6. Book, then the confirmation.
  app.post('/rendez-vous/confirmer', postLimit, async (request, reply) => {
    const centerId = publicCentreId(request);
    const view = viewContext(request);
    // The slot is not checked against the free ones here: booking does it, and tells a slot
    // taken meanwhile (409, with the next free ones) from one that never existed (422).
    const step = await resolve(helpdesk, request, reply, 'place');
    if (!step.ok) return step.reply;
    const chosen = isoInstant('x').safeParse(param(request, 'creneau') ?? '');
    if (!chosen.success) return slotPage(helpdesk, request, reply, step.state, step.slots, undefined, view.t('helpdesk.public.errorSlot'), 422);
    const state = { ...step.state, startAt: chosen.data };
    const values = drafts.read(request, keyOf(state));
    const parsed = values ? parseForm(publicDetailsForm, values) : null;
    if (!parsed?.ok) return redirectSeeOther(reply, `/rendez-vous/coordonnees${query(state)}`);
    try {
      const result = await helpdesk.booking.book(null, centerId, {
        motifId: state.motif.id,
        siteId: state.site.id,
        startAt: state.startAt,
        firstName: parsed.data.firstName,
        lastName: parsed.data.lastName,
        phone: parsed.data.phone,
        email: parsed.data.email,
        reminder: parsed.data.reminder,
        consent: true,
        note: parsed.data.note,
        ip: request.ip,
      });
      drafts.clear(reply);
      return redirectSeeOther(reply, `/rendez-vous/confirmation/${result.manageToken}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 429) return sendCallUsPage(request, reply, error, 'public.limit.title', `/rendez-vous/verifier${query(state)}`);
      if (error.status === 409 || error.fields.startAt) {
        // Taken meanwhile: the same question again, with the slots still free and the reason.
        const { slots } = await helpdesk.availability.slots(centerId, { motifId: state.motif.id, siteId: state.site.id }, 'public');
        const message = translate(view.locale, error.messageKey, error.params);
        return slotPage(helpdesk, request, reply, { motif: state.motif, site: state.site }, slots, undefined, message, error.status === 409 ? 409 : 422);
      }
      if (error.status === 422) {
        return sendPage(reply, <DetailsPage ctx={view} state={state} values={values ?? {}} errors={localizeErrors(view, error.fields)} />, 422);
      }
      throw error;
    }
  });

  app.get('/rendez-vous/confirmation/:token', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const managed = await helpdesk.links.fromToken(token);
    const settings = await helpdesk.settings.getSettings(managed.centreId);
    return sendPage(
      reply,
      <ConfirmationPage
        ctx={viewContext(request)}
        appointment={managed.appointment}
        manageHref={`/rendez-vous/gerer/${token}`}
        channel={managed.contactChannel}
        cancelHours={settings.cancelUntilHours}
      />,
    );
  });
}


