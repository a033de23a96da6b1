import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './activity.repository.ts';
import { ProgrammeService } from './activity.service.ts';
import { registerActivitiesApi } from './activities.api.ts';
import { registerActivitiesPages } from './activities.routes.tsx';
import { AttendanceService } from './attendance.service.ts';
import { CatalogueService } from './catalogue.service.ts';
import { FeedService } from './feeds.service.ts';
import { Notifier } from './notifications.ts';
import type { CentrePort, PeoplePort } from './ports.ts';
import { registerPublicRoutes } from './public.routes.tsx';
import { RegistrationLinkService } from './registration-link.service.ts';
import { RegistrationService } from './registration.service.ts';
import { ReminderService } from './reminder.service.ts';
import { RosterService } from './roster.service.ts';
import { SurveyService } from './survey.service.ts';
import * as surveyRepo from './survey.repository.ts';
import { WaitlistService } from './waitlist.service.ts';

/** The activities module's services, for other modules (forums, reports), the CLI and tests. */
export interface ActivitiesModule {
  programme: ProgrammeService;
  /** The public catalogue (kept a few seconds). */
  catalogue: CatalogueService;
  /** Registering (forms, API, CLI) and confirming a public match. */
  registrations: RegistrationService;
  /** The staff's lists, one registration, cancelling it, a person's history. */
  roster: RosterService;
  /** Freed seats to the waiting list (cancellation, capacity raised, erasure). */
  waitlist: WaitlistService;
  /** The resident's signed link: see, calendar, cancel. */
  links: RegistrationLinkService;
  reminders: ReminderService;
  attendance: AttendanceService;
  feeds: FeedService;
  /** "Votre avis" after a session: invitations, answers, paper entry, results. */
  surveys: SurveyService;
}

/** Volunteers see the persons of the sessions they ran in the last 90 days and ahead. */
const ACCESS_DAYS = 90;

export async function registerActivitiesModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre: CentreService; people: PeopleService },
): Promise<ActivitiesModule> {
  const centre: CentrePort = deps.centre;
  const people: PeoplePort = deps.people;
  const notifier = new Notifier(ctx, people);
  const programme = new ProgrammeService(ctx, centre, notifier);
  const registrations = new RegistrationService(ctx, programme, people, notifier);
  const waitlist = new WaitlistService(ctx, programme, people, notifier);
  programme.waitlist = waitlist;
  const roster = new RosterService(ctx, programme, people, notifier, waitlist);
  const links = new RegistrationLinkService(ctx, programme, people, notifier, waitlist);
  const reminders = new ReminderService(ctx, programme, people, notifier);
  const attendance = new AttendanceService(ctx, programme, roster, registrations, people);
  const feeds = new FeedService(ctx, programme);
  const catalogue = new CatalogueService(ctx, programme);
  const surveys = new SurveyService(ctx, programme, people, notifier);
  const module: ActivitiesModule = { programme, catalogue, registrations, roster, waitlist, links, reminders, attendance, feeds, surveys };

  // Reminders 48 h ahead; idempotent through the outbox dedupe key, so every 10 minutes is fine.
  ctx.scheduler.register({ name: 'activity-reminders', everyMs: 10 * 60_000, run: () => reminders.sendDueReminders() });
  // "Votre avis" once a session has ended; idempotent the same way (one invitation per registration).
  ctx.scheduler.register({ name: 'activity-surveys', everyMs: 10 * 60_000, run: () => surveys.sendDueInvitations() });

  ctx.personAccess.register(async (actor) => {
    if (!actor.userId) return [];
    const since = new Date(ctx.clock.now().getTime() - ACCESS_DAYS * 86_400_000).toISOString();
    return repo.personIdsOfFacilitator(ctx.kysely, actor.centerId, actor.userId, since);
  });

  ctx.personLinks.register({ label: 'activities.personLink.history', href: (id) => `/personnes/${id}/activites`, permission: 'activities.read' });
  ctx.personLinks.register({ label: 'activities.personLink.register', href: (id) => `/personnes/${id}/inscrire`, permission: 'activities.register' });
  ctx.personData.register({
    name: 'activities',
    async export(db, centerId, personId) {
      const [registered, attended, surveyed] = await Promise.all([
        repo.listRegistrationsOfPerson(db, centerId, personId),
        repo.listAttendanceOfPerson(db, centerId, personId),
        surveyRepo.listInvitationsOfPerson(db, centerId, personId),
      ]);
      return {
        registrations: registered.map((r) => ({
          activity: r.title, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status, sessionStatus: r.sessionStatus,
          source: r.source, guardianName: r.guardianName, contactPhone: r.contactPhone, contactEmail: r.contactEmail,
          parentalAuthorisation: r.parentalAuthorisation, remindersConsent: r.remindersConsent, createdAt: r.createdAt, cancelledAt: r.cancelledAt,
        })),
        attendance: attended.map((a) => ({ activity: a.title, startsAt: a.sessionStartsAt, status: a.status, walkIn: a.walkIn, theme: a.theme, durationMinutes: a.durationMinutes })),
        // Whether a survey was sent and answered, not the answer: it was promised anonymous to the team.
        surveys: surveyed.map((s) => ({ activity: s.title, startsAt: s.startsAt, sentAt: s.createdAt, answered: s.answered })),
      };
    },
    async merge(trx, centerId, keepId, duplicateId) {
      await repo.mergePersonRegistrations(trx, centerId, keepId, duplicateId, ctx.clock.nowIso());
      await programme.changed(centerId, trx);
    },
    async erase(trx, centerId, personId) {
      await surveyRepo.erasePersonSurvey(trx, centerId, personId);
      await waitlist.eraseInTransaction(trx, centerId, personId);
    },
    activeSince: (db, centerId, since) => repo.personsActiveSince(db, centerId, since),
  });

  await registerActivitiesApi(app, ctx, module);
  await registerPublicRoutes(app, ctx, module);
  await registerActivitiesPages(app, ctx, module, { people: deps.people });
  return module;
}
