import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { registerAttendancePages } from './attendance.routes.tsx';
import { registerCalendarPages } from './calendar.routes.tsx';
import { registerPersonActivitiesPages } from './person-activities.routes.tsx';
import type { PeoplePort } from './ports.ts';
import { registerActivityForms, registerProgrammePages } from './programme.routes.tsx';
import { registerRegistrationPages } from './registration.routes.tsx';
import { registerSessionPages } from './session.routes.tsx';
import { registerSurveyPages } from './survey.routes.tsx';

/** Staff pages: programme, activity form, session (registrations, waiting list), attendance, calendar, a person's activities; the survey's pages. */
export async function registerActivitiesPages(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule, deps: { people: PeoplePort }): Promise<void> {
  registerProgrammePages(app, ctx, m);
  registerActivityForms(app, m);
  registerSessionPages(app, ctx, m);
  registerRegistrationPages(app, m, deps);
  registerAttendancePages(app, m);
  registerCalendarPages(app, ctx, m);
  registerPersonActivitiesPages(app, m, deps);
  registerSurveyPages(app, m);
}
