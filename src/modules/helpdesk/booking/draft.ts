import type { AppContext } from '../../../platform/context.ts';
import { draftCookie, type DraftCookie } from '../../../platform/http/draft-cookie.ts';
import type { PublicDetails } from '../helpdesk.schemas.ts';
import type { BookingState } from '../views/booking/parts.tsx';

/**
 * The resident's contact details between the details page and the booking, in the shared
 * draft cookie scoped to /rendez-vous, never the address. A draft typed for another slot does
 * not count (its key names motif, place and start).
 */
export function draftStore(ctx: AppContext): DraftCookie<Record<string, string>> {
  return draftCookie(ctx, 'lieudit_rdv', '/rendez-vous');
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
