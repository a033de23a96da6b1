import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { activitiesSection, communeSection, helpdeskSection } from './dashboard-sections.ts';
import { equipmentSection, forumsSection } from './dashboard-equipment-forums.ts';
import { coopActivitiesExport, funderReportExport } from './coop-export.ts';
import { registerCoopExportRoutes } from './coop.routes.ts';
import { registerExportJobPages } from './exports.routes.tsx';
import { registerFundersApi } from './funders.api.ts';
import { registerFunderPages } from './funders.routes.tsx';
import { FundersService } from './funders.service.ts';
import type { ActivitiesDashboardPort, CentreReportsPort, EquipmentReportsPort, ForumsDashboardPort, HelpdeskDashboardPort, VolunteeringPort } from './ports.ts';
import { registerOpenDataRoutes } from './open-data.routes.ts';
import { registerReportsApi } from './reports.api.ts';
import { registerFederationApi } from './federation.api.ts';
import { registerFederationPages } from './federation.routes.tsx';
import { FederationService } from './federation.service.ts';
import { registerFederationTokensApi } from './federation-tokens.api.ts';
import { registerFederationTokenPages } from './federation-tokens.routes.tsx';
import { FederationTokensService } from './federation-tokens.service.ts';
import { registerReportPages } from './reports.routes.tsx';
import { ReportsService } from './reports.service.ts';

/** The reports module's services, for the CLI and tests. */
export interface ReportsModule {
  reports: ReportsService;
  funders: FundersService;
  federation: FederationService;
  federationTokens: FederationTokensService;
}

export async function registerReportsModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre: CentreReportsPort; activities: ActivitiesDashboardPort; helpdesk: HelpdeskDashboardPort; equipment: EquipmentReportsPort; forums: ForumsDashboardPort; volunteering: VolunteeringPort },
): Promise<ReportsModule> {
  const reports = new ReportsService(ctx, deps.centre);
  ctx.dashboard.register(communeSection(reports));
  ctx.dashboard.register(activitiesSection(deps.activities));
  ctx.dashboard.register(helpdeskSection(deps.helpdesk));
  ctx.dashboard.register(equipmentSection(deps.equipment));
  ctx.dashboard.register(forumsSection(deps.forums));
  const funders = new FundersService(ctx, reports, deps.equipment, deps.volunteering);
  registerFunderPages(app, funders);
  registerReportPages(app, ctx, reports);
  registerReportsApi(app, reports);
  registerFundersApi(app, funders);
  registerOpenDataRoutes(app, ctx, deps.centre);
  const federation = new FederationService(ctx, reports);
  // The federations' current year counted ahead: a report then counts only the centres written
  // to in the last minutes (one instance at a time: the scheduler's guard).
  ctx.scheduler.register({ name: 'federation-figures', everyMs: 5 * 60_000, run: () => federation.countAhead() });
  registerFederationPages(app, federation);
  registerFederationApi(app, federation);
  const federationTokens = new FederationTokensService(ctx, federation);
  registerFederationTokenPages(app, federationTokens);
  registerFederationTokensApi(app, federationTokens);
  ctx.exports.register(coopActivitiesExport(ctx, reports));
  ctx.exports.register(funderReportExport(ctx, funders));
  registerCoopExportRoutes(app, ctx, reports);
  registerExportJobPages(app, ctx);
  return { reports, funders, federation, federationTokens };
}
