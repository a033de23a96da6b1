import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerEnrolmentDocuments, registerEnrolmentPages } from './enrolment.routes.tsx';
import { registerEvaluationPages, registerQuizPages } from './evaluation.routes.tsx';
import { registerFrameworkPages, registerSkillPages } from './framework.routes.tsx';
import { registerModulePages } from './module.routes.tsx';
import { registerPathwayPages } from './pathway.routes.tsx';
import type { PathwaysModule } from './pathways.module.ts';
import { registerQuestionPages } from './question.routes.tsx';
import { registerTrainingPages } from './training.routes.tsx';

/** The staff pages of the pathways module, one route file per resource, in this order. */
export function registerPathwaysPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  registerPathwayPages(app, ctx, s);
  registerModulePages(app, s);
  registerEnrolmentPages(app, ctx, s);
  registerEvaluationPages(app, s);
  registerQuizPages(app, ctx, s);
  registerEnrolmentDocuments(app, ctx, s);
  registerFrameworkPages(app, s);
  registerSkillPages(app, s);
  registerQuestionPages(app, s);
  registerTrainingPages(app, s);
}
