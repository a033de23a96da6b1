import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';

/** The activities module: programme, catalogue, registrations with waiting list, attendance. */
export interface ActivitiesModule {
  readonly name: 'activities';
}

export async function registerActivitiesModule(
  _app: FastifyInstance,
  _ctx: AppContext,
  _deps: { centre: CentreService; people: PeopleService },
): Promise<ActivitiesModule> {
  return { name: 'activities' };
}
