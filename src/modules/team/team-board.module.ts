import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { addDays, parisToUtc } from '../../platform/time.ts';
import type { ActivitiesModule } from '../activities/activities.module.ts';
import { NoticeBoardService } from './notice-board.service.ts';
import { registerNoticeBoardPages } from './routes/notice-pages.tsx';
import { registerNoticeBoardApi } from './routes/notices.api.ts';
import { registerVolunteerHoursPages } from './routes/volunteer-hours-pages.tsx';
import { registerVolunteerHoursApi } from './routes/volunteer-hours.api.ts';
import type { SessionsPort } from './volunteer-hours.ports.ts';
import { VolunteerHoursService } from './volunteer-hours.service.ts';

/** The notice board's and volunteer hours' services, for the CLI (demo) and tests. */
export interface TeamBoardModule {
  notices: NoticeBoardService;
  hours: VolunteerHoursService;
}

/** The programme seen through the port volunteer hours need, read as the system (titles and times only). */
function sessionsPort(activities: ActivitiesModule): SessionsPort {
  return {
    async between(centerId, from, to) {
      const rows = await activities.programme.upcoming(systemActor(centerId), { from: parisToUtc(from, '00:00'), to: parisToUtc(addDays(to, 1), '00:00'), limit: 500 });
      return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.startsAt }));
    },
    async find(centerId, id) {
      if (!isUuid(id)) return undefined;
      try {
        const { session, activity } = await activities.programme.session(centerId, id);
        return { id: session.id, title: activity.title, startsAt: session.startsAt };
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return undefined;
        throw error;
      }
    },
  };
}

/**
 * The team's notice board (posts, read receipts, the e-mail digest of unread posts) and the
 * volunteer hours with their valorisation. Registers the digest job, the home page's count of
 * unread posts, the pages and the API. Holds staff data only (no person's file): nothing for
 * ctx.personData.
 */
export async function registerTeamBoardModule(app: FastifyInstance, ctx: AppContext, deps: { activities: ActivitiesModule }): Promise<TeamBoardModule> {
  const notices = new NoticeBoardService(ctx);
  const hours = new VolunteerHoursService(ctx, sessionsPort(deps.activities));
  const module: TeamBoardModule = { notices, hours };

  // Hourly: each person's digest leaves once its day and hour have come (idempotent, see the service).
  ctx.scheduler.register({ name: 'team-notice-digest', everyMs: 60 * 60_000, run: () => notices.sendDigests() });
  ctx.dashboard.register({
    key: 'team-notices', title: 'board.dashboard.title', order: 5, permission: 'team.notices',
    async load(actor) {
      const unread = await notices.unreadCount(actor);
      return unread === 0 ? null : { todos: [{ label: { key: 'board.dashboard.unread', params: { count: unread } }, count: unread, href: '/equipe/annonces' }] };
    },
  });

  registerNoticeBoardPages(app, module);
  registerNoticeBoardApi(app, module);
  registerVolunteerHoursPages(app, module);
  registerVolunteerHoursApi(app, module);
  return module;
}
