import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { PeopleService } from './person.service.ts';

export async function registerPeopleModule(_app: FastifyInstance, ctx: AppContext, deps: { centre: CentreService }): Promise<PeopleService> {
  return new PeopleService(ctx, deps.centre);
}
