import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { publicCentreId, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { nameLinkErrors } from '../../../platform/public-forms/public-forms.ts';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { inFormOrder, publicDetailsForm } from '../helpdesk.schemas.ts';
import { secretErrors } from '../helpdesk.model.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { CheckAnswersPage } from '../views/booking/check-answers.view.tsx';
import { DetailsPage } from '../views/booking/details.view.tsx';
import { MotifQuestionPage } from '../views/booking/motif.view.tsx';
import { PlaceQuestionPage } from '../views/booking/place.view.tsx';
import { query } from '../views/booking/parts.tsx';
import { motifError, noSlotPage, param, postLimit, resolve, slotPage } from './steps.tsx';
import { draftStore, draftValues, keyOf } from './draft.ts';

/** The details page's fields, top to bottom: the error summary lists them in this order. */
const DETAILS_ORDER = ['firstName', 'lastName', 'phone', 'email', 'reminder', 'note', 'consent'];

/** The question pages, one question each: what for, where, when, your details, check your answers. */
export function registerWizardRoutes(app: FastifyInstance, ctx: AppContext, helpdesk: HelpdeskModule): void {
  const drafts = draftStore(ctx);
  // 1. What for?
  app.get('/rendez-vous', page('public'), async (request, reply) => {
    const motifs = await helpdesk.settings.listPublicMotifs(publicCentreId(request));
    return sendPage(reply, <MotifQuestionPage ctx={viewContext(request)} motifs={motifs} selected={param(request, 'motif')} />);
  });

  // 2. Where?
  app.get('/rendez-vous/lieu', page('public'), async (request, reply) => {
    const motif = await helpdesk.settings.findPublicMotif(publicCentreId(request), param(request, 'motif'));
    if (!motif) return motifError(helpdesk, request, reply);
    const places = await helpdesk.availability.placesFor(publicCentreId(request), motif.id);
    if (!places.some((p) => p.firstSlot)) return noSlotPage(helpdesk, request, reply, motif);
    const selected = param(request, 'lieu') ?? (places.length === 1 ? places[0]!.site.id : undefined);
    return sendPage(reply, <PlaceQuestionPage ctx={viewContext(request)} state={{ motif }} places={places} selected={selected} />);
  });

  // 3. When?
  app.get('/rendez-vous/creneau', page('public'), async (request, reply) => {
    const step = await resolve(helpdesk, request, reply, 'place');
    if (!step.ok) return step.reply;
    return slotPage(helpdesk, request, reply, { motif: step.state.motif, site: step.state.site }, step.slots, param(request, 'apres'));
  });

  // 4. Your details.
  app.get('/rendez-vous/coordonnees', page('public'), async (request, reply) => {
    const step = await resolve(helpdesk, request, reply, 'slot');
    if (!step.ok) return step.reply;
    const values = drafts.read(request, keyOf(step.state)) ?? {};
    return sendPage(reply, <DetailsPage ctx={viewContext(request)} state={step.state} values={values} errors={{}} />);
  });

  app.post('/rendez-vous/coordonnees', postLimit, async (request, reply) => {
    const step = await resolve(helpdesk, request, reply, 'slot');
    if (!step.ok) return step.reply;
    const view = viewContext(request);
    const parsed = parseForm(publicDetailsForm, request.body);
    const errors = inFormOrder(
      {
        ...nameLinkErrors({ firstName: formValues(request.body).firstName as string | undefined, lastName: formValues(request.body).lastName as string | undefined }),
        ...(parsed.ok ? {} : parsed.errors),
        ...secretErrors({ note: formValues(request.body).note as string | undefined }),
      },
      DETAILS_ORDER,
    );
    if (!parsed.ok || Object.keys(errors).length) {
      return sendPage(reply, <DetailsPage ctx={view} state={step.state} values={formValues(request.body)} errors={localizeErrors(view, errors)} />, 422);
    }
    drafts.write(reply, keyOf(step.state), draftValues(parsed.data));
    return redirectSeeOther(reply, `/rendez-vous/verifier${query(step.state)}`);
  });

  // 5. Check your answers.
  app.get('/rendez-vous/verifier', page('public'), async (request, reply) => {
    const step = await resolve(helpdesk, request, reply, 'slot');
    if (!step.ok) return step.reply;
    const values = drafts.read(request, keyOf(step.state));
    if (!values) return redirectSeeOther(reply, `/rendez-vous/coordonnees${query(step.state)}`);
    return sendPage(reply, <CheckAnswersPage ctx={viewContext(request)} state={step.state} values={values} />);
  });
}
