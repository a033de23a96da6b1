/**
 * Who sees which file. Rules owned here: volunteers see only the persons another module gives
 * them (PersonAccessRegistry) and those they registered; partners see none; another centre's
 * person, a merged-away file or one the actor may not see is the same 404, so nothing leaks;
 * a role that must complete a training first (TrainingGateRegistry) opens no file until then.
 * Also builds the full file of a person, household members filtered by the same rule.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can, seesAllPersons, type Permission } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { currentConsentStates, toSummary } from './person-helpers.ts';
import * as repo from './person.repository.ts';
import type { PersonRow } from './person.repository.ts';
import { CONSENT_KINDS, type ConsentKind, type Gender, type SocialStatus } from './person.schemas.ts';
import type { PersonFile } from './person.types.ts';

export type Access = { all: true } | { all: false; ids: Set<string>; userId: string | null };

export class PersonAccess {
  constructor(private readonly ctx: AppContext) {}

  private get db(): Kysely<Database> {
    return this.ctx.kysely;
  }

  /**
   * Staff who must follow a training first (registered by the pathways module, e.g. for
   * volunteers) may not open nor change files until it is completed: a 403 naming it.
   */
  async requireFiles(actor: Actor, permission: Permission): Promise<void> {
    requirePermission(actor, permission);
    await this.ctx.trainingGate.assertAllowed(actor);
  }

  async access(actor: Actor): Promise<Access> {
    if (seesAllPersons(actor.role)) return { all: true };
    if (!can(actor.role, 'persons.read')) return { all: false, ids: new Set(), userId: null };
    return { all: false, ids: await this.ctx.personAccess.personIdsFor(actor), userId: actor.userId };
  }

  static allows(access: Access, row: PersonRow): boolean {
    if (access.all) return true;
    return access.ids.has(row.id) || (access.userId !== null && row.createdBy === access.userId);
  }

  /**
   * The live row of a person the actor may see. Unknown, malformed, another centre's,
   * merged away or not visible to a volunteer: all the same 404, so nothing leaks.
   */
  async visibleRow(actor: Actor, id: string, access?: Access): Promise<PersonRow> {
    if (!isUuid(id)) throw notFound();
    const row = await repo.findPerson(this.db, actor.centerId, id);
    if (!row || row.mergedIntoId !== null) throw notFound();
    if (!PersonAccess.allows(access ?? (await this.access(actor)), row)) throw notFound();
    return row;
  }

  async liveOrFollow(centerId: string, id: string, trx?: Kysely<Database>): Promise<PersonRow | undefined> {
    if (!isUuid(id)) return undefined;
    const db = trx ?? this.db;
    let row = await repo.findPerson(db, centerId, id);
    for (let hops = 0; row?.mergedIntoId && hops < 20; hops++) row = await repo.findPerson(db, centerId, row.mergedIntoId);
    return row && !row.mergedIntoId ? row : undefined;
  }

  /** Every file merged (directly or not) into this one. */
  async mergedChain(db: Kysely<Database>, centerId: string, id: string): Promise<string[]> {
    const out: string[] = [];
    let frontier = [id];
    while (frontier.length > 0 && out.length < 1000) {
      const next: string[] = [];
      for (const f of frontier) next.push(...(await repo.listMergedInto(db, centerId, f)));
      out.push(...next);
      frontier = next;
    }
    return out;
  }

  async fileOf(_actor: Actor, row: PersonRow, access: Access): Promise<PersonFile> {
    const centerId = row.centerId;
    const history = await repo.listConsents(this.db, centerId, row.id);
    const memberships = (await repo.listMemberships(this.db, centerId, row.id)).map(({ year, amountCents, recordedAt }) => ({
      year,
      amountCents,
      recordedAt,
    }));
    let household: PersonFile['household'] = null;
    if (row.householdId && !row.erasedAt) {
      const found = await repo.findHousehold(this.db, centerId, row.householdId);
      if (found) {
        const members = (await repo.householdMembers(this.db, centerId, found.id))
          .filter((m) => m.id !== row.id && PersonAccess.allows(access, m))
          .map((m) => ({ id: m.id, firstName: m.firstName, lastName: m.lastName }));
        household = { id: found.id, name: found.name, members };
      }
    }
    return {
      ...toSummary(row),
      socialStatus: row.socialStatus as SocialStatus,
      gender: row.gender as Gender,
      accessibilityNeeds: row.accessibilityNeeds,
      household,
      memberships,
      consents: currentConsentStates(history),
      consentHistory: history
        .filter((h) => (CONSENT_KINDS as readonly string[]).includes(h.kind))
        .map((h) => ({ kind: h.kind as ConsentKind, granted: h.granted, wordingVersion: h.wordingVersion, recordedAt: h.recordedAt })),
      erasedAt: row.erasedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
