import type { FastifyInstance } from 'fastify';
import type { ForumService } from './forum.service.ts';
import { registerConsultationsApi } from './routes/consultations.api.ts';
import { registerProposalsApi } from './routes/proposals.api.ts';
import { registerVotesApi } from './routes/votes.api.ts';

/**
 * The JSON API of consultations, over the same service as the pages, one file per resource
 * under routes/. Reading needs forums.read; consultations and moderation forums.manage; paper
 * entries forums.enter. Residents propose, vote, report and read the results without an account.
 */
export function registerForumsApi(app: FastifyInstance, forums: ForumService): void {
  registerConsultationsApi(app, forums);
  registerProposalsApi(app, forums);
  registerVotesApi(app, forums);
}
