/**
 * The navette's part in the platform's person registries: a person's export lists their visit
 * requests; merging moves them to the kept file; erasure clears the address, position, words,
 * availability and notes, and keeps the anonymous figures (commune, theme, urgency, status).
 */
import type { AppContext } from '../../platform/context.ts';
import type { PersonDataContributor } from '../../platform/person-data.ts';
import * as repo from './visit-request.repository.ts';
import { toVisitRequest } from './visit-request.service.ts';

export function personDataContributor(ctx: AppContext): PersonDataContributor {
  return {
    name: 'shuttle',
    export: async (db, centerId, personId) => ({
      visitRequests: (await repo.listRequests(db, centerId, { personId, limit: 10_000 })).map((row) => {
        const { id: _id, personId: _p, ...rest } = toVisitRequest(row);
        return rest;
      }),
    }),
    merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
    erase: (trx, centerId, personId) => repo.clearPersonText(trx, centerId, personId, ctx.clock.nowIso()),
  };
}
