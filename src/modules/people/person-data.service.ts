/**
 * A person's data rights (GDPR). Rules owned here: the access export holds the file, its audit
 * entries, the files merged into it and each registered module's section (PersonDataRegistry),
 * and is audited; erasure clears names, contacts, birth year, accessibility needs and household
 * link of the file and of every file merged into it, and every registered module erases what
 * identifies them, in one transaction; age bracket, commune, social status, gender,
 * memberships and consent dates stay, so that statistics stay true. A file is erased once (409).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit, listAudit } from '../../platform/audit.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import type { PersonAccess } from './person-access.ts';
import * as repo from './person.repository.ts';
import type { PersonExport } from './person.types.ts';

export class PersonDataService {
  constructor(
    private readonly ctx: AppContext,
    private readonly files: PersonAccess,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  /**
   * The GDPR access export (permission persons.export): the file, its audit entries, and
   * each registered module's section. Writes an `export` audit row.
   */
  async exportData(actor: Actor, id: string): Promise<PersonExport> {
    await this.files.requireFiles(actor, 'persons.export');
    const row = await this.files.visibleRow(actor, id);
    const person = await this.files.fileOf(actor, row, { all: true });
    const auditEntries = (await listAudit(this.db, actor.centerId, 'person', row.id)).map(({ actorLabel, action, details, at }) => ({
      actorLabel,
      action,
      details,
      at,
    }));
    const modules: Record<string, unknown> = {};
    for (const contributor of this.ctx.personData.contributors) {
      modules[contributor.name] = await contributor.export(this.db, actor.centerId, row.id);
    }
    const mergedRecords = await this.files.mergedChain(this.db, actor.centerId, row.id);
    await audit(this.db, this.ctx.clock, actor, 'export', 'person', row.id);
    return { exportedAt: this.ctx.clock.nowIso(), person, auditEntries, mergedRecords, modules };
  }

  /**
   * Erases a person (permission persons.erase), in one transaction: names, contacts, birth
   * year, accessibility needs and household link are cleared, and so are those of the files
   * merged into it; every registered module erases what identifies them. Age bracket,
   * commune, social status, gender, memberships and consent dates stay for the statistics.
   */
  async erase(actor: Actor, id: string): Promise<void> {
    await this.files.requireFiles(actor, 'persons.erase');
    const row = await this.files.visibleRow(actor, id);
    if (row.erasedAt) throw conflict('people.alreadyErased');
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      const ids = [row.id, ...(await this.files.mergedChain(trx, actor.centerId, row.id))];
      const rows = await repo.findPersons(trx, actor.centerId, ids);
      for (const person of rows) {
        await repo.updatePerson(trx, actor.centerId, person.id, {
          firstName: null,
          lastName: null,
          phone: null,
          email: null,
          birthYear: null,
          accessibilityNeeds: null,
          householdId: null,
          searchText: '',
          erasedAt: now,
          updatedAt: now,
        });
        if (person.householdId) await repo.deleteHouseholdIfEmpty(trx, actor.centerId, person.householdId);
        for (const contributor of this.ctx.personData.contributors) await contributor.erase(trx, actor.centerId, person.id);
      }
      await audit(trx, this.ctx.clock, actor, 'erase', 'person', row.id, { records: ids.length });
    });
  }

  /**
   * The retention purge of inactive files: a file neither created nor changed since the
   * cutoff, with no trace in any module since then (activeSince), is erased like any other
   * erasure, by the system, audited. Answers how many files were erased.
   */
  async eraseInactive(centerId: string, cutoff: string): Promise<number> {
    const candidates = await repo.filesUnchangedSince(this.db, centerId, cutoff);
    if (candidates.length === 0) return 0;
    const active = new Set<string>();
    for (const contributor of this.ctx.personData.contributors) {
      for (const id of (await contributor.activeSince?.(this.db, centerId, cutoff)) ?? []) active.add(id);
    }
    const system = systemActor(centerId);
    let erased = 0;
    for (const id of candidates) {
      if (active.has(id)) continue;
      // A file merged into this one since is part of its chain: erase() clears it too.
      await this.erase(system, id);
      erased++;
    }
    return erased;
  }
}
