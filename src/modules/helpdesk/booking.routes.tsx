import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../../platform/http/access.ts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { publicCentreId, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { translate } from '../../platform/i18n/index.ts';
import { nameLinkErrors } from '../../platform/public-forms/public-forms.ts';
import { sendCallUsPage } from '../../ui/call-us-page.tsx';
import { localizeErrors } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { inFormOrder, isoInstant, publicDetailsForm, type PublicDetails } from './helpdesk.schemas.ts';
import { secretErrors, type Motif, type PublicSlot } from './helpdesk.model.ts';
import type { HelpdeskModule } from './helpdesk.routes.tsx';
import { addDays, parisDate } from '../../platform/time.ts';
import {
  CancelQuestionPage, CheckAnswersPage, ConfirmationPage, DetailsPage, ManagePage, MotifQuestionPage, MoveSlotsPage, NoSlotPage, PlaceQuestionPage, query,
  SlotQuestionPage, type BookingState,
} from './views/booking.view.tsx';

// A resident sends the booking form a few times; a flood is something else.
const postLimit = page('public', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } });
const DRAFT_COOKIE = 'lieudit_rdv';
/** How many days of slots one page shows (the rest behind "later slots"). */
const DAYS_PER_PAGE = 5;

/** The details page's fields, top to bottom: the error summary lists them in this order. */
const DETAILS_ORDER = ['firstName', 'lastName', 'phone', 'email', 'reminder', 'note', 'consent'];

interface Draft {
  /** The slot the details were typed for: "motif|site|start". */
  key: string;
  values: Record<string, string>;
}

function param(request: FastifyRequest, name: string): string | undefined {
  const source = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  const value = source?.[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

const tokenParams = z.object({ token: z.string().min(10).max(300) });

/**
 * The resident's pages, no account: /rendez-vous question pages, the confirmation, and the
 * signed "cancel or change" link. Choices travel in the address; contact details in a signed,
 * short-lived cookie until the booking (never in a URL).
 */
export async function registerBookingRoutes(app: FastifyInstance, ctx: AppContext, helpdesk: HelpdeskModule): Promise<void> {
  const cookieOptions = { path: '/rendez-vous', httpOnly: true, sameSite: 'lax', secure: ctx.config.production, signed: true, maxAge: 3600 } as const;

  const readDraft = (request: FastifyRequest, key: string): Record<string, string> | null => {
    const raw = request.cookies[DRAFT_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const draft = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Draft;
      return draft.key === key ? draft.values : null;
    } catch {
      return null;
    }
  };
  const writeDraft = (reply: FastifyReply, draft: Draft) =>
    reply.setCookie(DRAFT_COOKIE, Buffer.from(JSON.stringify(draft)).toString('base64url'), cookieOptions);
  const keyOf = (state: Required<BookingState>) => `${state.motif.id}|${state.site.id}|${state.startAt}`;

  /** Reads motif, place (and slot) from the request; a missing or wrong one answers its question again, 422. */
  type Step = { ok: true; state: Required<BookingState>; slots: PublicSlot[] } | { ok: false; reply: FastifyReply };
  const resolve = async (request: FastifyRequest, reply: FastifyReply, upTo: 'place' | 'slot'): Promise<Step> => {
    const centerId = publicCentreId(request);
    const view = viewContext(request);
    const motif = await helpdesk.settings.findPublicMotif(centerId, param(request, 'motif'));
    if (!motif) return { ok: false, reply: await motifError(request, reply) };
    const places = await helpdesk.availability.placesFor(centerId, motif.id);
    const place = places.find((p) => p.site.id === param(request, 'lieu'));
    if (!place && !places.some((p) => p.firstSlot)) return { ok: false, reply: await noSlotPage(request, reply, motif) };
    if (!place) {
      return {
        ok: false,
        reply: sendPage(reply, <PlaceQuestionPage ctx={view} state={{ motif }} places={places} error={view.t('helpdesk.public.errorPlace')} />, 422),
      };
    }
    const { slots } = await helpdesk.availability.slots(centerId, { motifId: motif.id, siteId: place.site.id }, 'public');
    if (upTo === 'place') return { ok: true, state: { motif, site: place.site, startAt: '' }, slots };
    const chosen = isoInstant('x').safeParse(param(request, 'creneau') ?? '');
    const startAt = chosen.success ? chosen.data : '';
    if (!slots.some((s) => s.startAt === startAt)) {
      return { ok: false, reply: await slotPage(request, reply, { motif, site: place.site }, slots, undefined, view.t('helpdesk.public.errorSlot'), 422) };
    }
    return { ok: true, state: { motif, site: place.site, startAt }, slots };
  };

  const motifError = async (request: FastifyRequest, reply: FastifyReply) => {
    const view = viewContext(request);
    const motifs = await helpdesk.settings.listPublicMotifs(publicCentreId(request));
    return sendPage(reply, <MotifQuestionPage ctx={view} motifs={motifs} error={view.t('helpdesk.public.errorMotif')} />, 422);
  };

  /** Nowhere to book this motif within its window: a plain page with the phone and the next opening. */
  const noSlotPage = async (request: FastifyRequest, reply: FastifyReply, motif: Motif) => {
    const nextOpening = await helpdesk.availability.nextOpening(publicCentreId(request), motif.id);
    return sendPage(reply, <NoSlotPage ctx={viewContext(request)} motif={motif} nextOpening={nextOpening} />);
  };

  const slotPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: BookingState,
    slots: PublicSlot[],
    after: string | undefined,
    error?: string,
    status = 200,
  ) => {
    const from = after && /^\d{4}-\d{2}-\d{2}$/.test(after) ? after : undefined;
    const later = from ? slots.filter((s) => parisDate(s.startAt) >= from) : slots;
    const days = [...new Set(later.map((s) => parisDate(s.startAt)))];
    const shownDays = new Set(days.slice(0, DAYS_PER_PAGE));
    const shown = later.filter((s) => shownDays.has(parisDate(s.startAt)));
    const lastShown = days[DAYS_PER_PAGE - 1];
    const moreAfter = days.length > DAYS_PER_PAGE && lastShown ? addDays(lastShown, 1) : null;
    const nextOpening = shown.length === 0 && state.motif ? await helpdesk.availability.nextOpening(publicCentreId(request), state.motif.id, state.site?.id) : null;
    return sendPage(
      reply,
      <SlotQuestionPage ctx={viewContext(request)} state={state} slots={shown} moreAfter={moreAfter} showingLater={Boolean(from)} error={error} nextOpening={nextOpening} />,
      status,
    );
  };

  // 1. What for?
  app.get('/rendez-vous', page('public'), async (request, reply) => {
    const motifs = await helpdesk.settings.listPublicMotifs(publicCentreId(request));
    return sendPage(reply, <MotifQuestionPage ctx={viewContext(request)} motifs={motifs} selected={param(request, 'motif')} />);
  });

  // 2. Where?
  app.get('/rendez-vous/lieu', page('public'), async (request, reply) => {
    const motif = await helpdesk.settings.findPublicMotif(publicCentreId(request), param(request, 'motif'));
    if (!motif) return motifError(request, reply);
    const places = await helpdesk.availability.placesFor(publicCentreId(request), motif.id);
    if (!places.some((p) => p.firstSlot)) return noSlotPage(request, reply, motif);
    const selected = param(request, 'lieu') ?? (places.length === 1 ? places[0]!.site.id : undefined);
    return sendPage(reply, <PlaceQuestionPage ctx={viewContext(request)} state={{ motif }} places={places} selected={selected} />);
  });

  // 3. When?
  app.get('/rendez-vous/creneau', page('public'), async (request, reply) => {
    const step = await resolve(request, reply, 'place');
    if (!step.ok) return step.reply;
    return slotPage(request, reply, { motif: step.state.motif, site: step.state.site }, step.slots, param(request, 'apres'));
  });

  // 4. Your details.
  app.get('/rendez-vous/coordonnees', page('public'), async (request, reply) => {
    const step = await resolve(request, reply, 'slot');
    if (!step.ok) return step.reply;
    const values = readDraft(request, keyOf(step.state)) ?? {};
    return sendPage(reply, <DetailsPage ctx={viewContext(request)} state={step.state} values={values} errors={{}} />);
  });

  app.post('/rendez-vous/coordonnees', postLimit, async (request, reply) => {
    const step = await resolve(request, reply, 'slot');
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
    writeDraft(reply, { key: keyOf(step.state), values: draftValues(parsed.data) });
    return redirectSeeOther(reply, `/rendez-vous/verifier${query(step.state)}`);
  });

  // 5. Check your answers.
  app.get('/rendez-vous/verifier', page('public'), async (request, reply) => {
    const step = await resolve(request, reply, 'slot');
    if (!step.ok) return step.reply;
    const values = readDraft(request, keyOf(step.state));
    if (!values) return redirectSeeOther(reply, `/rendez-vous/coordonnees${query(step.state)}`);
    return sendPage(reply, <CheckAnswersPage ctx={viewContext(request)} state={step.state} values={values} />);
  });

  // 6. Book, then the confirmation.
  app.post('/rendez-vous/confirmer', postLimit, async (request, reply) => {
    const centerId = publicCentreId(request);
    const view = viewContext(request);
    // The slot is not checked against the free ones here: booking does it, and tells a slot
    // taken meanwhile (409, with the next free ones) from one that never existed (422).
    const step = await resolve(request, reply, 'place');
    if (!step.ok) return step.reply;
    const chosen = isoInstant('x').safeParse(param(request, 'creneau') ?? '');
    if (!chosen.success) return slotPage(request, reply, step.state, step.slots, undefined, view.t('helpdesk.public.errorSlot'), 422);
    const state = { ...step.state, startAt: chosen.data };
    const values = readDraft(request, keyOf(state));
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
      reply.clearCookie(DRAFT_COOKIE, { path: '/rendez-vous' });
      return redirectSeeOther(reply, `/rendez-vous/confirmation/${result.manageToken}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 429) return sendCallUsPage(request, reply, error, 'public.limit.title', `/rendez-vous/verifier${query(state)}`);
      if (error.status === 409 || error.fields.startAt) {
        // Taken meanwhile: the same question again, with the slots still free and the reason.
        const { slots } = await helpdesk.availability.slots(centerId, { motifId: state.motif.id, siteId: state.site.id }, 'public');
        const message = translate(view.locale, error.messageKey, error.params);
        return slotPage(request, reply, { motif: state.motif, site: state.site }, slots, undefined, message, error.status === 409 ? 409 : 422);
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

  // The signed link: see, cancel, change.
  app.get('/rendez-vous/gerer/:token', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    return sendPage(reply, <ManagePage ctx={viewContext(request)} managed={await helpdesk.links.fromToken(token)} token={token} />);
  });

  // "Add to my calendar": the same signed link, no account.
  app.get('/rendez-vous/gerer/:token/agenda.ics', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const ics = await helpdesk.links.calendarByToken(token);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
      .header('cache-control', 'no-store')
      .send(ics);
  });

  app.get('/rendez-vous/gerer/:token/annuler', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const managed = await helpdesk.links.fromToken(token);
    if (!managed.canChange) return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
    return sendPage(reply, <CancelQuestionPage ctx={viewContext(request)} managed={managed} token={token} />);
  });

  app.post('/rendez-vous/gerer/:token/annuler', postLimit, async (request, reply) => {
    const { token } = parseParams(request.params);
    await helpdesk.links.cancelByToken(token);
    setFlash(reply, translate(request.locale, 'helpdesk.public.manageCancelledFlash'));
    return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
  });

  app.get('/rendez-vous/gerer/:token/changer', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const { managed, slots } = await helpdesk.links.slotsForMove(token);
    if (!managed.canChange) return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
    return sendPage(reply, <MoveSlotsPage ctx={viewContext(request)} managed={managed} token={token} slots={firstDays(slots)} />);
  });

  app.post('/rendez-vous/gerer/:token/changer', postLimit, async (request, reply) => {
    const { token } = parseParams(request.params);
    const view = viewContext(request);
    const chosen = isoInstant('helpdesk.public.errorSlot').safeParse(param(request, 'creneau') ?? '');
    try {
      if (!chosen.success) throw new AppError(422, 'invalid', 'helpdesk.public.errorSlot', { startAt: 'helpdesk.public.errorSlot' });
      await helpdesk.links.moveByToken(token, chosen.data);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const { managed, slots } = await helpdesk.links.slotsForMove(token);
      const message = translate(view.locale, error.messageKey, error.params);
      return sendPage(reply, <MoveSlotsPage ctx={view} managed={managed} token={token} slots={firstDays(slots)} error={message} />, error.status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.public.manageMovedFlash'));
    return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
  });

}

function parseParams(params: unknown): { token: string } {
  const parsed = tokenParams.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** The slots of the first few days that have any. */
function firstDays(slots: PublicSlot[], days = 8): PublicSlot[] {
  const keep = new Set([...new Set(slots.map((s) => parisDate(s.startAt)))].slice(0, days));
  return slots.filter((s) => keep.has(parisDate(s.startAt)));
}

/** What goes into the draft cookie: the typed details, normalised, as strings. */
function draftValues(data: PublicDetails): Record<string, string> {
  const values: Record<string, string> = { firstName: data.firstName, lastName: data.lastName, reminder: data.reminder, consent: 'oui' };
  if (data.phone) values.phone = data.phone;
  if (data.email) values.email = data.email;
  if (data.note) values.note = data.note;
  return values;
}
