import type { AppContext } from '../../../platform/context.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { parisDate } from '../../../platform/time.ts';
import type { CentreService } from '../../centre/centre.service.ts';
import type { PeopleService } from '../../people/person.service.ts';
import type { PublicSlot } from '../helpdesk.model.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';

/** What every staff page of the help desk is drawn from. */
export interface DeskDeps {
  ctx: AppContext;
  helpdesk: HelpdeskModule;
  centre: CentreService;
  people: PeopleService;
}

/** Today on the centre's calendar (Paris), from the app's clock. */
export function deskToday(ctx: AppContext): string {
  return parisDate(ctx.clock.now());
}

/** The active staff members (partners excluded) an opening or an absence can name. */
export async function staffChoices(ctx: AppContext, centerId: string): Promise<{ id: string; name: string }[]> {
  return (await ctx.auth.listUsers(centerId))
    .filter((u) => Boolean(u.active) && u.role !== 'partner')
    .map((u) => ({ id: u.id, name: u.displayName }));
}

/**
 * Field errors of a refused change (422 / 409), or the error again when it is something else.
 * Unlike `refusalOf`, a slot taken meanwhile keeps its full sentence (it names the slots still
 * free), which the desk forms show beside the slot choice.
 */
export function refusal(error: unknown, fallbackField: string): { status: 409 | 422; fields: FieldErrors } {
  if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
  const fields = Object.keys(error.fields).length ? { ...error.fields } : { [fallbackField]: error.messageKey };
  // A slot taken meanwhile says which slots are still free: keep the full sentence.
  if (error.code === 'slot_taken') fields.startAt = translate('fr', error.messageKey, error.params);
  return { status: error.status, fields };
}

/** The first days that have slots: a page of buttons, not eight weeks of them. */
export function firstDays(slots: PublicSlot[], days = 6): PublicSlot[] {
  const keep = new Set([...new Set(slots.map((s) => parisDate(s.startAt)))].slice(0, days));
  return slots.filter((s) => keep.has(parisDate(s.startAt)));
}
