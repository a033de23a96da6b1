/**
 * The navette numérique: visit requests, day tours and their road sheets (staff pages under
 * /navette, API under /api/v1/shuttle), the tour planner (API `POST /api/v1/shuttle/plan`,
 * command `lieudit plan-tour`), and the visit reports written in the car (page
 * `/navette/demandes/:id/visite`, offline through a service worker; API `/api/v1/shuttle/reports`).
 * Its routes: one file per resource under routes/.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { banGeocoder } from '../../platform/geocoder.ts';
import { osrmRoadTimes } from '../../platform/road-times.ts';
import type { NavetteGeo } from './geocode.ts';
import { registerMapAssets } from './routes/map-assets.ts';
import { shuttleSection } from './dashboard.ts';
import { personDataContributor } from './person-data.ts';
import { PlannerService } from './planner.service.ts';
import { followUpSection } from './follow-up-dashboard.ts';
import { registerDayPlanPages } from './routes/day-plan-pages.tsx';
import { registerPlanApi } from './routes/plan.api.ts';
import { registerRequestPages } from './routes/request-pages.tsx';
import { registerVisitRequestsApi } from './routes/requests.api.ts';
import { registerTourPages } from './routes/tour-pages.tsx';
import { registerToursApi } from './routes/tours.api.ts';
import { TourService } from './tour.service.ts';
import { VisitRequestService, type PeoplePort } from './visit-request.service.ts';
import { registerWeekPlanApi } from './routes/week-plan.api.ts';
import { registerWeekPlanPages } from './routes/week-plan-pages.tsx';
import { WeekPlanService } from './week-plan.service.ts';
// — visit reports —
import type { CentreService } from '../centre/centre.service.ts';
import type { EquipmentModule } from '../equipment/equipment.module.ts';
import type { HelpdeskModule } from '../helpdesk/helpdesk.routes.tsx';
import type { PathwaysModule } from '../pathways/pathways.module.ts';
import { registerVisitReportPages } from './routes/visit-report-pages.tsx';
import { registerVisitReportApi } from './routes/visit-reports.api.ts';
import { visitReportPersonData } from './visit-report.person-data.ts';
import { followUpPort, helpdeskPort, type VisitPeoplePort } from './visit-report.ports.ts';
import { VisitReportService } from './visit-report.service.ts';

export interface ShuttleModule {
  planner: PlannerService;
  requests: VisitRequestService;
  tours: TourService;
  weeks: WeekPlanService;
  reports: VisitReportService;
}

/** What the visit reports need from the modules before the navette. */
interface VisitReportDeps {
  people: PeoplePort & VisitPeoplePort;
  centre: CentreService;
  helpdesk: HelpdeskModule;
  pathways: PathwaysModule;
  equipment: EquipmentModule;
}

export async function registerShuttleModule(app: FastifyInstance, ctx: AppContext, deps: { people: PeoplePort } & VisitReportDeps): Promise<ShuttleModule> {
  // The outside services (GEOCODER_URL, OSRM_URL), each left out when not configured.
  const geo: NavetteGeo = {
    geocoder: ctx.config.geocoderUrl ? banGeocoder(ctx.config.geocoderUrl) : null,
    roads: ctx.config.osrmUrl ? osrmRoadTimes(ctx.config.osrmUrl) : null,
  };
  const tours = new TourService(ctx, deps.people, geo.roads);
  const services: ShuttleModule = {
    planner: new PlannerService(),
    requests: new VisitRequestService(ctx, deps.people, geo),
    tours,
    weeks: new WeekPlanService(tours),
    // — visit reports —
    reports: new VisitReportService(ctx, deps.people, helpdeskPort(deps.helpdesk, deps.centre), followUpPort(deps.pathways, deps.equipment)),
  };
  ctx.personData.register(personDataContributor(ctx));
  ctx.dashboard.register(shuttleSection(services.requests, services.tours));
  registerPlanApi(app, services);
  registerVisitRequestsApi(app, services);
  registerToursApi(app, services);
  registerRequestPages(app, services);
  registerDayPlanPages(app, services);
  registerTourPages(app, services);
  registerWeekPlanApi(app, services);
  registerWeekPlanPages(app, services);
  registerMapAssets(app);
  // — visit reports —
  ctx.personData.register(visitReportPersonData(ctx));
  ctx.dashboard.register(followUpSection(services.reports, deps.people));
  registerVisitReportApi(app, services.reports);
  registerVisitReportPages(app, services.reports, ctx.ficheLinks);
  return services;
}
