import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerConfirmRoutes } from './booking/confirm.routes.tsx';
import { registerManageRoutes } from './booking/manage.routes.tsx';
import { registerWizardRoutes } from './booking/wizard.routes.tsx';
import type { HelpdeskModule } from './helpdesk.routes.tsx';

/**
 * The resident's pages, no account: /rendez-vous question pages, the confirmation, and the
 * signed "cancel or change" link. Choices travel in the address; contact details in a signed,
 * short-lived cookie until the booking (never in a URL: booking/draft.ts).
 */
export async function registerBookingRoutes(app: FastifyInstance, ctx: AppContext, helpdesk: HelpdeskModule): Promise<void> {
  registerWizardRoutes(app, ctx, helpdesk);
  registerConfirmRoutes(app, ctx, helpdesk);
  registerManageRoutes(app, helpdesk);
}
