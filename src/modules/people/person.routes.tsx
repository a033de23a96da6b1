import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { registerPeopleApi } from './person.api.ts';
import { personsExport } from './person-export.ts';
import { PeopleService } from './person.service.ts';
import { registerMergePages } from './routes/merge-pages.tsx';
import { registerPersonEditPages, registerPersonNewPages } from './routes/person-form-pages.tsx';
import { registerPersonPages } from './routes/person-pages.tsx';
import { registerPersonRightsPages } from './routes/person-rights-pages.tsx';

/** The people module: pages under /personnes, the JSON API under /api/v1/persons, one file per resource under routes/. */
export async function registerPeopleModule(app: FastifyInstance, ctx: AppContext, deps: { centre: CentreService }): Promise<PeopleService> {
  const service = new PeopleService(ctx, deps.centre);
  ctx.retention.register({ kind: 'inactivePersons', owner: 'people', purge: (_db, centerId, cutoff) => service.eraseInactive(centerId, cutoff) });
  ctx.exports.register(personsExport(service));
  registerPersonPages(app, service, ctx.personLinks);
  registerPersonNewPages(app, service);
  registerPersonEditPages(app, service, ctx.clock);
  registerMergePages(app, service);
  registerPersonRightsPages(app, service);
  registerPeopleApi(app, service);
  return service;
}
