import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerCentreApi } from './centre.api.ts';
import { CentreService } from './centre.service.ts';
import { registerCentrePages } from './routes/centre-pages.tsx';
import { registerPartnerCommunePages } from './routes/partner-commune-pages.tsx';
import { registerSitePages } from './routes/site-pages.tsx';
import { registerStaffActions, registerStaffPages } from './routes/staff-pages.tsx';
import { registerTokenPages } from './routes/token-pages.tsx';
import { registerTeamTwoStepPages } from './two-step.routes.tsx';

/**
 * The admin's pages for the centre (/centre/…) and the JSON API (/api/v1/centre, sites,
 * partner-communes, users), one file per resource under routes/. Answers the CentreService
 * that later modules receive.
 */
export async function registerCentreModule(app: FastifyInstance, ctx: AppContext): Promise<CentreService> {
  const service = new CentreService(ctx);
  registerCentrePages(app, service);
  registerSitePages(app, service);
  registerPartnerCommunePages(app, service);
  registerStaffPages(app, service);
  registerStaffActions(app, service);
  registerTokenPages(app, service);
  registerTeamTwoStepPages(app, ctx, service);
  registerCentreApi(app, service);
  return service;
}
