import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import { registerBookingRoutes } from './booking.routes.tsx';
import { registerDeskRoutes } from './desk.routes.tsx';
import { registerHelpdeskApi } from './helpdesk.api.ts';
import { HelpdeskService } from './helpdesk.service.ts';

/** Reminder scan every 10 minutes: 48 h (and day-before) reminders go out within minutes of being due. */
const REMINDER_EVERY_MS = 10 * 60_000;

/**
 * The help desk module: resident booking (/rendez-vous), the staff desk (/permanences), the
 * JSON API, the reminder job, and the hooks that let the people module see a volunteer's
 * persons and export, merge or erase a person's appointments and records.
 */
export async function registerHelpdeskModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre: CentreService; people: PeopleService },
): Promise<HelpdeskService> {
  const helpdesk = new HelpdeskService(ctx, deps.centre, deps.people);
  ctx.personAccess.register((actor) => helpdesk.personIdsFor(actor));
  ctx.personData.register(helpdesk.personDataContributor());
  ctx.personLinks.register({ label: 'helpdesk.personLink.history', href: (id) => `/permanences/personnes/${id}`, permission: 'helpdesk.desk' });
  ctx.personLinks.register({ label: 'helpdesk.personLink.book', href: (id) => `/permanences/rendez-vous/nouveau?personne=${id}`, permission: 'helpdesk.desk' });
  ctx.scheduler.register({ name: 'helpdesk-reminders', everyMs: REMINDER_EVERY_MS, run: () => helpdesk.sendReminders() });
  await registerBookingRoutes(app, ctx, helpdesk);
  await registerDeskRoutes(app, ctx, helpdesk, deps.centre, deps.people);
  registerHelpdeskApi(app, helpdesk);
  return helpdesk;
}
