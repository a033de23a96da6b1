import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import { AccompanimentService } from './accompaniment.service.ts';
import { AppointmentReader } from './appointments.ts';
import { AvailabilityService } from './availability.service.ts';
import { registerBookingRoutes } from './booking.routes.tsx';
import { BookingService } from './booking.service.ts';
import { registerDeskRoutes } from './desk.routes.tsx';
import { DeskService } from './desk.service.ts';
import { registerHelpdeskApi } from './helpdesk.api.ts';
import * as repo from './helpdesk.repository.ts';
import { ManageLinkService } from './manage-link.service.ts';
import { Notifier } from './notifications.ts';
import { personDataContributor, personIdsFor } from './person-data.ts';
import { SettingsService } from './settings.service.ts';

/** Reminder scan every 10 minutes: 48 h (and day-before) reminders go out within minutes of being due. */
const REMINDER_EVERY_MS = 10 * 60_000;

/** The help desk's services, one per use case, for the routes, the CLI, the demo and tests. */
export interface HelpdeskModule {
  settings: SettingsService;
  availability: AvailabilityService;
  booking: BookingService;
  links: ManageLinkService;
  desk: DeskService;
  accompaniments: AccompanimentService;
  notifications: Notifier;
}

/**
 * The help desk module: resident booking (/rendez-vous), the staff desk (/permanences), the
 * JSON API, the reminder job, and the hooks that let the people module see a volunteer's
 * persons and export, merge or erase a person's appointments and records.
 */
export async function registerHelpdeskModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre: CentreService; people: PeopleService },
): Promise<HelpdeskModule> {
  const { centre, people } = deps;
  const appointments = new AppointmentReader(ctx, centre, people);
  const settings = new SettingsService(ctx, centre);
  const availability = new AvailabilityService(ctx, centre);
  const notifications = new Notifier(ctx, people, settings, appointments);
  const booking = new BookingService(ctx, centre, people, availability, appointments, notifications);
  const links = new ManageLinkService(ctx, people, settings, availability, appointments, booking);
  const desk = new DeskService(ctx, centre, people, appointments, booking);
  const accompaniments = new AccompanimentService(ctx, centre, people, appointments);
  const helpdesk: HelpdeskModule = { settings, availability, booking, links, desk, accompaniments, notifications };

  ctx.personAccess.register((actor) => personIdsFor(ctx, actor));
  ctx.personData.register(personDataContributor(ctx));
  ctx.retention.register({ kind: 'notes', owner: 'helpdesk', purge: (db, centerId, cutoff) => repo.clearNotesBefore(db, centerId, cutoff, ctx.clock.nowIso()) });
  ctx.personLinks.register({ label: 'helpdesk.personLink.history', href: (id) => `/permanences/personnes/${id}`, permission: 'helpdesk.desk' });
  ctx.personLinks.register({ label: 'helpdesk.personLink.book', href: (id) => `/permanences/rendez-vous/nouveau?personne=${id}`, permission: 'helpdesk.desk' });
  ctx.scheduler.register({ name: 'helpdesk-reminders', everyMs: REMINDER_EVERY_MS, run: () => notifications.sendReminders() });
  await registerBookingRoutes(app, ctx, helpdesk);
  await registerDeskRoutes(app, ctx, helpdesk, centre, people);
  registerHelpdeskApi(app, helpdesk);
  return helpdesk;
}
