import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ActivitiesModule } from '../activities/activities.module.ts';
import { formatPlace } from '../activities/activity.format.ts';
import type { HelpdeskModule } from '../helpdesk/helpdesk.routes.tsx';
import type { PathwaysModule } from '../pathways/pathways.module.ts';
import type { ShuttleModule } from '../shuttle/shuttle.module.ts';
import { tourSpan } from '../shuttle/tour.service.ts';
import { AssignmentService } from './assignment.service.ts';
import { CalendarService } from './calendar.service.ts';
import { assignmentsSection } from './dashboard.ts';
import type { CompetencePort, OpeningsPort, SessionsPort, ToursPort, TrainingPort } from './ports.ts';
import { ProfileService } from './profile.service.ts';
import { registerAbsencePages } from './routes/absence-pages.tsx';
import { registerAssignmentPages } from './routes/assignment-pages.tsx';
import { registerAssignmentsApi } from './routes/assignments.api.ts';
import { registerCalendarFeed } from './routes/calendar-feed.ts';
import { registerMemberPages } from './routes/member-pages.tsx';
import { registerMembersApi } from './routes/members.api.ts';
import { registerRequirementPages } from './routes/requirement-pages.tsx';
import { registerWeekPages } from './routes/week-pages.tsx';

/** The team module's services, for the CLI (demo), tests and the modules after it. */
export interface TeamModule {
  profiles: ProfileService;
  assignments: AssignmentService;
  calendar: CalendarService;
}

const notFound = (error: unknown) => error instanceof AppError && error.status === 404;

/** The programme's sessions, with their place, read as the system. */
function sessionsPort(activities: ActivitiesModule): SessionsPort {
  const place = async (centerId: string, siteId: string) => {
    const site = (await activities.programme.siteMap(centerId)).get(siteId);
    return site ? formatPlace(site) : null;
  };
  return {
    async sessions(centerId, from, to) {
      const rows = await activities.programme.upcoming(systemActor(centerId), { from, to, limit: 500 });
      const sites = await activities.programme.siteMap(centerId);
      return rows.map((s) => {
        const site = sites.get(s.siteId ?? s.activitySiteId);
        return { id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, place: site ? formatPlace(site) : null, cancelled: s.status === 'cancelled' };
      });
    },
    async session(centerId, id) {
      try {
        const { session, activity } = await activities.programme.session(centerId, id);
        return { id: session.id, title: activity.title, startsAt: session.startsAt, endsAt: session.endsAt, place: await place(centerId, session.siteId), cancelled: session.status === 'cancelled' };
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
  };
}

function openingsPort(helpdesk: HelpdeskModule): OpeningsPort {
  return {
    async openings(centerId) {
      const rows = await helpdesk.settings.listOpenings(systemActor(centerId));
      return rows.map((o) => ({ id: o.id, siteName: o.siteName, weekday: o.weekday, startTime: o.startTime, endTime: o.endTime, startsOn: o.startsOn, endsOn: o.endsOn, everyWeeks: o.everyWeeks }));
    },
  };
}

/** The navette's confirmed tours, read as the system (only their day, times and number of visits). */
function toursPort(shuttle: ShuttleModule): ToursPort {
  return {
    async tours(centerId, fromDay) {
      const rows = await shuttle.tours.list(systemActor(centerId), { from: fromDay, status: 'confirmed' });
      const visits = await Promise.all(rows.map(async (t) => (await shuttle.tours.get(systemActor(centerId), t.id)).stops.length));
      return rows.map((t, i) => ({ id: t.id, day: t.date, ...tourSpan(t), visits: visits[i]! }));
    },
    async tour(centerId, id) {
      try {
        const t = await shuttle.tours.get(systemActor(centerId), id);
        return t.status === 'confirmed' ? { id: t.id, day: t.date, ...tourSpan(t), visits: t.stops.length } : undefined;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
  };
}

/** Pathways as the team needs them: titles, who completed which, what a role requires. */
function trainingPort(pathways: PathwaysModule): TrainingPort {
  return {
    async pathways(centerId) {
      return (await pathways.pathways.list(systemActor(centerId))).map((p) => ({ id: p.id, title: p.title }));
    },
    completedPathwayIds: (centerId, userId) => pathways.training.completedBy(centerId, userId),
    async completions(centerId) {
      const view = await pathways.training.teamView(systemActor(centerId));
      return new Map(view.members.map((m) => [m.id, new Set(Object.entries(m.trainings).filter(([, t]) => t.status === 'termine').map(([id]) => id))]));
    },
    async requiredForRole(centerId, role) {
      return (await pathways.training.listRequirements(systemActor(centerId))).filter((r) => r.role === role).map((r) => r.pathwayId);
    },
  };
}

function competencePort(pathways: PathwaysModule): CompetencePort {
  return {
    async competences(centerId) {
      const tree = await pathways.framework.tree(systemActor(centerId));
      return tree.domains.flatMap((d) => d.competences.map((c) => ({ code: c.code, title: c.title })));
    },
  };
}

/**
 * The team module: profiles (skills, trainings, availability, absences, contact preferences),
 * assignments to sessions, help-desk openings and navette tours with their conflicts, "my week" and the
 * personal calendar feed. Its pages and API, one file per resource under routes/; the notice
 * board and volunteer hours register their own plugin (team-board.module.ts).
 */
export async function registerTeamModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { activities: ActivitiesModule; helpdesk: HelpdeskModule; pathways: PathwaysModule; shuttle: ShuttleModule },
): Promise<TeamModule> {
  const profiles = new ProfileService(ctx, trainingPort(deps.pathways), competencePort(deps.pathways));
  const assignments = new AssignmentService(ctx, profiles, sessionsPort(deps.activities), openingsPort(deps.helpdesk), toursPort(deps.shuttle));
  ctx.sessionChanges.register((trx, centerId, changes) => assignments.followSessions(trx, centerId, changes));
  ctx.dashboard.register(assignmentsSection(assignments));
  ctx.tourChanges.register((trx, centerId, changes) => assignments.followTours(trx, centerId, changes));
  ctx.assignedStaff.register((centerId, slot) => assignments.staffOf(centerId, slot));
  const calendar = new CalendarService(ctx);
  const module: TeamModule = { profiles, assignments, calendar };
  registerMembersApi(app, module);
  registerAssignmentsApi(app, module);
  // Static paths (/equipe/affecter, /equipe/formations-requises) before /equipe/:id.
  registerAssignmentPages(app, module);
  registerRequirementPages(app, module);
  registerMemberPages(app, module);
  registerAbsencePages(app, module);
  registerWeekPages(app, module);
  registerCalendarFeed(app, module);
  return module;
}
