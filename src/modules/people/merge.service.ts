/**
 * Merging a duplicate file into the one kept. Rules owned here: both files must be live,
 * distinct and visible to the actor (an unknown duplicate is a 422 on `duplicateId`, an
 * erased one a 409); the kept file's empty fields are filled from the duplicate (merge-rule.ts),
 * memberships move except years already held, consents move, every module registered in the
 * PersonDataRegistry re-points its rows, and the duplicate (with files merged into it earlier)
 * then points at the kept file, all in one transaction; `merge` is audited on both files and
 * the preview audits a `view` of each.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { currentYear } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, invalid } from '../../platform/errors.ts';
import { ageBracket } from './age-bracket.ts';
import { mergeResult } from './merge-rule.ts';
import type { PersonAccess } from './person-access.ts';
import { currentConsentStates } from './person-helpers.ts';
import type { PersonWrites } from './person-writes.ts';
import * as repo from './person.repository.ts';
import type { PersonRow } from './person.repository.ts';
import type { MergePreview, PersonFile } from './person.types.ts';
import { searchTextOf } from './search-text.ts';

export class MergeService {
  constructor(
    private readonly ctx: AppContext,
    private readonly files: PersonAccess,
    private readonly writes: PersonWrites,
  ) {}

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  /** Both files side by side and what the merge would keep (permission persons.merge). */
  async mergePreview(actor: Actor, keepId: string, duplicateId: string): Promise<MergePreview> {
    await this.files.requireFiles(actor, 'persons.merge');
    const { keep, duplicate } = await this.mergePair(actor, keepId, duplicateId);
    const access = await this.files.access(actor);
    const [keepFile, dupFile] = [await this.files.fileOf(actor, keep, access), await this.files.fileOf(actor, duplicate, access)];
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', keep.id);
    await audit(this.db, this.ctx.clock, actor, 'view', 'person', duplicate.id);
    const { result, filled } = mergeResult(keep, duplicate);
    const resultFile = await this.files.fileOf(actor, { ...result, ageBracket: ageBracket(result.birthYear, this.writes.year()) }, access);
    const held = new Set(keepFile.memberships.map((m) => m.year));
    const consentHistory = [...keepFile.consentHistory, ...dupFile.consentHistory].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
    return {
      keep: keepFile,
      duplicate: dupFile,
      result: {
        ...resultFile,
        memberships: [...keepFile.memberships, ...dupFile.memberships.filter((m) => !held.has(m.year))].sort((a, b) => b.year - a.year),
        consentHistory,
        consents: currentConsentStates(consentHistory),
      },
      filled,
      membershipYearsMoved: dupFile.memberships.filter((m) => !held.has(m.year)).map((m) => m.year),
      consentsMoved: dupFile.consentHistory.length,
    };
  }

  /**
   * Merges a duplicate into the kept file (permission persons.merge), in one transaction:
   * fills the kept file's empty fields, moves memberships (except years already held) and
   * consents, lets every registered module re-point its rows, hides the duplicate
   * (merged_into_id) and audits `merge` on both.
   */
  async merge(actor: Actor, keepId: string, duplicateId: string): Promise<PersonFile> {
    await this.files.requireFiles(actor, 'persons.merge');
    const { keep, duplicate } = await this.mergePair(actor, keepId, duplicateId);
    const { result, filled } = mergeResult(keep, duplicate);
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      const birthYear = result.birthYear;
      await repo.updatePerson(trx, actor.centerId, keep.id, {
        firstName: result.firstName,
        lastName: result.lastName,
        phone: result.phone,
        email: result.email,
        birthYear,
        ageBracket: birthYear === null ? keep.ageBracket : ageBracket(birthYear, currentYear(new Date(now))),
        communeInsee: result.communeInsee,
        householdId: result.householdId,
        socialStatus: result.socialStatus,
        gender: result.gender,
        accessibilityNeeds: result.accessibilityNeeds,
        searchText: searchTextOf(result),
        updatedAt: now,
      });
      const memberships = await repo.moveMemberships(trx, actor.centerId, duplicate.id, keep.id);
      const consents = await repo.moveConsents(trx, actor.centerId, duplicate.id, keep.id);
      for (const contributor of this.ctx.personData.contributors) {
        await contributor.merge(trx, actor.centerId, keep.id, duplicate.id);
      }
      await repo.updatePerson(trx, actor.centerId, duplicate.id, { mergedIntoId: keep.id, updatedAt: now });
      // Files merged earlier into the duplicate follow it, so every chain ends at a live file.
      await repo.repointMerged(trx, actor.centerId, duplicate.id, keep.id, now);
      const details = { keepId: keep.id, duplicateId: duplicate.id, filled, memberships, consents };
      await audit(trx, this.ctx.clock, actor, 'merge', 'person', keep.id, details);
      await audit(trx, this.ctx.clock, actor, 'merge', 'person', duplicate.id, details);
    });
    return this.files.fileOf(actor, (await repo.findPerson(this.db, actor.centerId, keep.id))!, { all: true });
  }

  private async mergePair(actor: Actor, keepId: string, duplicateId: string) {
    if (keepId === duplicateId) throw invalid({ duplicateId: 'people.merge.same' });
    const keep = await this.files.visibleRow(actor, keepId);
    let duplicate: PersonRow;
    try {
      duplicate = await this.files.visibleRow(actor, duplicateId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw invalid({ duplicateId: 'people.merge.unknown' });
      throw error;
    }
    if (keep.erasedAt || duplicate.erasedAt) throw conflict('people.merge.erased');
    return { keep, duplicate };
  }
}
