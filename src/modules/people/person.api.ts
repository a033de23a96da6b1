import type { FastifyInstance } from 'fastify';
import type { PeopleService } from './person.service.ts';
import { registerCommunesApi } from './routes/communes.api.ts';
import { registerMergeApi } from './routes/merge.api.ts';
import { registerPersonReadApi, registerPersonWriteApi } from './routes/persons.api.ts';
import { registerPersonRightsApi } from './routes/person-rights.api.ts';

/** The JSON API of the people module (/api/v1/persons, /api/v1/communes), one file per resource under routes/. */
export function registerPeopleApi(app: FastifyInstance, service: PeopleService): void {
  registerPersonReadApi(app, service);
  registerPersonWriteApi(app, service);
  registerPersonRightsApi(app, service);
  registerMergeApi(app, service);
  registerCommunesApi(app, service);
}
