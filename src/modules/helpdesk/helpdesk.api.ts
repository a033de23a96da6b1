import type { FastifyInstance } from 'fastify';
import { registerAccompanimentsApi } from './api/accompaniments.api.ts';
import { registerAppointmentsApi, registerBookingApi, registerDropInsApi } from './api/appointments.api.ts';
import { registerAbsencesApi, registerMotifsApi, registerOpeningsApi, registerSettingsApi } from './api/settings.api.ts';
import type { HelpdeskModule } from './helpdesk.routes.tsx';

/**
 * The JSON API of the help desk (/api/v1/helpdesk/…, /api/v1/accompaniments), one file per
 * resource under api/. Same services, same rules as the pages.
 */
export function registerHelpdeskApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  registerMotifsApi(app, helpdesk);
  registerOpeningsApi(app, helpdesk);
  registerAbsencesApi(app, helpdesk);
  registerBookingApi(app, helpdesk);
  registerAppointmentsApi(app, helpdesk);
  registerDropInsApi(app, helpdesk);
  registerSettingsApi(app, helpdesk);
  registerAccompanimentsApi(app, helpdesk);
}
