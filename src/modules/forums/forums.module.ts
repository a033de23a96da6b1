import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './forum.repository.ts';
import { ForumService } from './forum.service.ts';
import { registerForumsApi } from './forums.api.ts';
import type { PeoplePort, ProgrammePort, SitesPort } from './ports.ts';
import type { ActivitiesModule } from '../activities/activities.module.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { registerConsultationPages } from './routes/consultation-pages.tsx';
import { registerForumHomePages } from './routes/home-pages.tsx';
import { registerPaperProposalPages, registerTallyPages } from './routes/paper-pages.tsx';
import { registerProposalPages } from './routes/proposal-pages.tsx';
import { draftCookie } from './routes/public-shared.ts';
import { registerForumResultsPages } from './routes/results-pages.tsx';
import { registerModerationPages, registerThemeProgrammePages } from './routes/theme-pages.tsx';
import { registerVoteContactPages, registerVoteThemePages } from './routes/vote-pages.tsx';

/** The forums module's services, for the CLI (demo) and tests. */
export interface ForumsModule {
  forums: ForumService;
}

export async function registerForumsModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { people: PeopleService; centre: CentreService; activities: ActivitiesModule },
): Promise<ForumsModule> {
  const people: PeoplePort = deps.people;
  const programme: ProgrammePort = deps.activities.programme;
  const sites: SitesPort = deps.centre;
  const forums = new ForumService(ctx, people, programme);

  ctx.personData.register({
    name: 'forums',
    async export(db, centerId, personId) {
      const voters = await repo.votersOfPerson(db, centerId, personId);
      const votes = await repo.votesOfVoters(db, centerId, voters.map((v) => v.id));
      return {
        votes: voters.map((v) => ({
          consultation: v.consultation, firstName: v.firstName, lastName: v.lastName, email: v.email, communeInsee: v.communeInsee, consentAt: v.consentAt,
          themes: votes.filter((x) => x.voterId === v.id).map((x) => ({ title: x.title, at: x.createdAt })),
        })),
        proposals: await repo.proposalsOfPerson(db, centerId, personId),
      };
    },
    async merge(trx, centerId, keepId, duplicateId) {
      await repo.mergePerson(trx, centerId, keepId, duplicateId);
    },
    async erase(trx, centerId, personId) {
      await repo.erasePerson(trx, centerId, personId);
    },
  });

  // The contacts left with proposals, cleared some time after the votes close (idempotent: a few ticks a day suffice).
  ctx.scheduler.register({ name: 'forum-contacts', everyMs: 6 * 3_600_000, run: () => forums.forgetContacts() });

  registerForumsApi(app, forums);

  // Residents' pages, no account (/forums/…): what they type between pages is kept in a signed cookie.
  const drafts = draftCookie(ctx);
  registerForumHomePages(app, forums);
  registerVoteThemePages(app, forums, drafts);
  registerVoteContactPages(app, forums, drafts);
  registerProposalPages(app, forums, drafts);
  registerForumResultsPages(app, forums);

  // Staff pages (/consultations/…): consultations, moderation, programming a theme, paper entries.
  registerConsultationPages(app, forums);
  registerModerationPages(app, forums);
  registerThemeProgrammePages(app, forums, sites);
  registerPaperProposalPages(app, forums);
  registerTallyPages(app, forums);
  return { forums };
}
