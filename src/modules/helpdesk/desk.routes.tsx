import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import { registerAccompanimentRoutes, registerRecordRoutes } from './desk/accompaniments.routes.tsx';
import { registerAppointmentRoutes, registerMoveRoutes } from './desk/appointments.routes.tsx';
import { registerDayRoutes } from './desk/day.routes.tsx';
import { registerMotifRoutes } from './desk/motifs.routes.tsx';
import { registerAbsenceRoutes, registerOpeningRoutes } from './desk/openings.routes.tsx';
import { registerPhoneBookingRoutes } from './desk/phone-booking.routes.tsx';
import { registerPreferenceRoutes } from './desk/preferences.routes.tsx';
import type { HelpdeskModule } from './helpdesk.routes.tsx';

/**
 * The staff pages of the help desk (/permanences), one file per resource under desk/: the day
 * and drop-ins, the week, booking by phone, one appointment with its outcome and accompaniment
 * record, and the coordinator's settings (motifs, openings, absences, delay and reminders).
 */
export async function registerDeskRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  helpdesk: HelpdeskModule,
  centre: CentreService,
  people: PeopleService,
): Promise<void> {
  const deps = { ctx, helpdesk, centre, people };
  registerDayRoutes(app, deps);
  registerPhoneBookingRoutes(app, deps);
  registerAppointmentRoutes(app, deps);
  registerMoveRoutes(app, deps);
  registerRecordRoutes(app, deps);
  registerAccompanimentRoutes(app, deps);
  registerMotifRoutes(app, deps);
  registerOpeningRoutes(app, deps);
  registerAbsenceRoutes(app, deps);
  registerPreferenceRoutes(app, deps);
}
