import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.ts';
import type { PublicDetails } from '../helpdesk.schemas.ts';
import type { BookingState } from '../views/booking.view.tsx';

/**
 * The resident's contact details between the details page and the booking: a signed,
 * short-lived cookie scoped to /rendez-vous, never the address. A draft typed for another
 * slot does not count (its key names motif, place and start).
 */
export const DRAFT_COOKIE = 'lieudit_rdv';

interface Draft {
  /** The slot the details were typed for: "motif|site|start". */
  key: string;
  values: Record<string, string>;
}

/** Reads and writes the draft cookie with the app's cookie settings. */
export function draftStore(ctx: AppContext) {
  const cookieOptions = { path: '/rendez-vous', httpOnly: true, sameSite: 'lax', secure: ctx.config.production, signed: true, maxAge: 3600 } as const;
  return {
    read(request: FastifyRequest, key: string): Record<string, string> | null {
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
    },
    write(reply: FastifyReply, draft: Draft) {
      return reply.setCookie(DRAFT_COOKIE, Buffer.from(JSON.stringify(draft)).toString('base64url'), cookieOptions);
    },
  };
}

/** The key a draft is filed under: the slot it was typed for. */
export const keyOf = (state: Required<BookingState>) => `${state.motif.id}|${state.site.id}|${state.startAt}`;

/** What goes into the draft cookie: the typed details, normalised, as strings. */
export function draftValues(data: PublicDetails): Record<string, string> {
  const values: Record<string, string> = { firstName: data.firstName, lastName: data.lastName, reminder: data.reminder, consent: 'oui' };
  if (data.phone) values.phone = data.phone;
  if (data.email) values.email = data.email;
  if (data.note) values.note = data.note;
  return values;
}
