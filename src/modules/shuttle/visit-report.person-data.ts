/**
 * The visit reports' part in a person's data: exported with the rest, moved to the kept file
 * on a merge; on erasure the words written about the visit go, the figures stay.
 */
import type { AppContext } from '../../platform/context.ts';
import type { PersonDataContributor } from '../../platform/person-data.ts';
import * as repo from './visit-report.repository.ts';
import { toVisitReport } from './visit-report.service.ts';

export function visitReportPersonData(ctx: AppContext): PersonDataContributor {
  return {
    name: 'shuttle-reports',
    export: async (db, centerId, personId) => ({
      visitReports: (await repo.listForPerson(db, centerId, personId)).map((row) => {
        const { id: _id, personId: _p, clientId: _c, accompanimentId: _a, ...rest } = toVisitReport(row);
        return rest;
      }),
    }),
    merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
    erase: (trx, centerId, personId) => repo.clearPersonText(trx, centerId, personId, ctx.clock.nowIso()),
  };
}
