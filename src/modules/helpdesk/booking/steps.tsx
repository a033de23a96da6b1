import type { FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { publicCentreId } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { isoInstant } from '../helpdesk.schemas.ts';
import { type Motif, type PublicSlot } from '../helpdesk.model.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { addDays, parisDate } from '../../../platform/time.ts';
import { MotifQuestionPage } from '../views/booking/motif.view.tsx';
import { NoSlotPage, SlotQuestionPage } from '../views/booking/slot.view.tsx';
import { PlaceQuestionPage } from '../views/booking/place.view.tsx';
import { type BookingState } from '../views/booking/parts.tsx';

// The question pages' shared steps: read the choices so far, or answer the missing question again.

// A resident sends the booking form a few times; a flood is something else.
export const postLimit = page('public', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } });
/** How many days of slots one page shows (the rest behind "later slots"). */
const DAYS_PER_PAGE = 5;

/** A choice carried by the address (GET) or the form (POST); over-long values count as absent. */
export function param(request: FastifyRequest, name: string): string | undefined {
  const source = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  const value = source?.[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

type Step = { ok: true; state: Required<BookingState>; slots: PublicSlot[] } | { ok: false; reply: FastifyReply };
/** Reads motif, place (and slot) from the request; a missing or wrong one answers its question again, 422. */
export const resolve = async (helpdesk: HelpdeskModule, request: FastifyRequest, reply: FastifyReply, upTo: 'place' | 'slot'): Promise<Step> => {
  const centerId = publicCentreId(request);
  const view = viewContext(request);
  const motif = await helpdesk.settings.findPublicMotif(centerId, param(request, 'motif'));
  if (!motif) return { ok: false, reply: await motifError(helpdesk, request, reply) };
  const places = await helpdesk.availability.placesFor(centerId, motif.id);
  const place = places.find((p) => p.site.id === param(request, 'lieu'));
  if (!place && !places.some((p) => p.firstSlot)) return { ok: false, reply: await noSlotPage(helpdesk, request, reply, motif) };
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
    return { ok: false, reply: await slotPage(helpdesk, request, reply, { motif, site: place.site }, slots, undefined, view.t('helpdesk.public.errorSlot'), 422) };
  }
  return { ok: true, state: { motif, site: place.site, startAt }, slots };
};

export const motifError = async (helpdesk: HelpdeskModule, request: FastifyRequest, reply: FastifyReply) => {
  const view = viewContext(request);
  const motifs = await helpdesk.settings.listPublicMotifs(publicCentreId(request));
  return sendPage(reply, <MotifQuestionPage ctx={view} motifs={motifs} error={view.t('helpdesk.public.errorMotif')} />, 422);
};

/** Nowhere to book this motif within its window: a plain page with the phone and the next opening. */
export const noSlotPage = async (helpdesk: HelpdeskModule, request: FastifyRequest, reply: FastifyReply, motif: Motif) => {
  const nextOpening = await helpdesk.availability.nextOpening(publicCentreId(request), motif.id);
  return sendPage(reply, <NoSlotPage ctx={viewContext(request)} motif={motif} nextOpening={nextOpening} />);
};

/** The slot question, a few days per page, with the next opening when none is free. */
export const slotPage = async (
  helpdesk: HelpdeskModule,
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

const tokenParams = z.object({ token: z.string().min(10).max(300) });

/** The signed token of a confirmation or "cancel or change" address; a malformed one is a 404. */
export function parseParams(params: unknown): { token: string } {
  const parsed = tokenParams.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
