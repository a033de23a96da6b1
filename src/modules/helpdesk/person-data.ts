/**
 * The help desk's part in the platform's person registries. Rules owned here:
 * - a volunteer sees the persons of their own desks and records (PersonAccessRegistry);
 * - a person's export lists their appointments and records; merging moves them to the kept
 *   file; erasure clears the free text (notes, details) and keeps the anonymous counts.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { PersonDataContributor } from '../../platform/person-data.ts';
import * as repo from './helpdesk.repository.ts';
import { toAccompaniment } from './helpdesk.model.ts';

/** For PersonAccessRegistry: a volunteer sees the persons of their own desks and records. */
export async function personIdsFor(ctx: AppContext, actor: Actor): Promise<string[]> {
  if (!actor.userId) return [];
  return repo.personIdsForStaff(ctx.kysely, actor.centerId, actor.userId);
}

/** For PersonDataRegistry: export, merge and erasure of a person's help-desk data. */
export function personDataContributor(ctx: AppContext): PersonDataContributor {
  return {
    name: 'helpdesk',
    export: async (db, centerId, personId) => {
      const appointments = await repo.listAppointments(db, centerId, { personId, limit: 10_000 });
      const motifs = new Map((await repo.listMotifs(db, centerId, { includeArchived: true })).map((m) => [m.id, m.name]));
      const accompaniments = await repo.listAccompaniments(db, centerId, { personId, limit: 10_000 });
      return {
        appointments: appointments.map((a) => ({
          motif: motifs.get(a.motifId) ?? null,
          startAt: a.startAt,
          endAt: a.endAt,
          kind: a.kind,
          channel: a.channel,
          status: a.status,
          outcome: a.outcome,
          note: a.note,
          cancelledAt: a.cancelledAt,
          createdAt: a.createdAt,
        })),
        accompaniments: accompaniments.map((r) => {
          const { id: _id, personId: _p, recordedBy: _r, ...rest } = toAccompaniment(r);
          return rest;
        }),
      };
    },
    merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
    erase: (trx, centerId, personId) => repo.clearPersonText(trx, centerId, personId, ctx.clock.nowIso()),
    activeSince: (db, centerId, since) => repo.personsActiveSince(db, centerId, since),
  };
}
