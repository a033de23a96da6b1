/**
 * Training of the team and the volunteers. Rules owned here:
 * - an admin may require a training pathway for a role; a staff member of that role may not
 *   open persons' files until they have completed it (the people module asks the platform's
 *   training gate, which this service answers);
 * - completion is the enrolment's completion (every module acquired, recorded by a facilitator);
 * - API tokens and the system are not people in training: the gate lets them through;
 * - the team view shows who followed which training pathway, for admins and coordinators.
 *
 * The gate is asked at every request on a person's file, and most centres require nothing: each
 * instance keeps, per centre, the roles that have a requirement, and forgets them when one is
 * added or removed anywhere (the change bus). A role outside that set passes without a query; a
 * role inside it is always checked against the database.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { TrainingGateResult } from '../../platform/training-gate.ts';
import * as enrolments from './enrolment.repository.ts';
import * as pathwayRepo from './pathway.repository.ts';
import * as repo from './training.repository.ts';

export interface RequirementView extends repo.RequirementRow {
  pathwayTitle: string;
}

export type TrainingStatus = 'termine' | 'en_cours' | 'abandonne' | 'non_inscrit';

export interface TeamView {
  pathways: { id: string; title: string; requiredFor: string[] }[];
  members: { id: string; displayName: string; role: string; active: boolean; trainings: Record<string, { status: TrainingStatus; completedAt: string | null; enrolmentId: string | null }> }[];
}

const TEAM_AUDIENCES = ['benevoles', 'equipe'];

export class TrainingService {
  /** Per centre, the roles that must follow a training (the read that answers it; a failed read is not kept). */
  readonly #rolesRequired = new Map<string, Promise<Set<string>>>();

  constructor(private readonly ctx: AppContext) {
    // A read still running when a change arrives answers the requests that already wait for
    // it, and is not kept: the map no longer holds it.
    ctx.changes.subscribe('training', () => this.#rolesRequired.clear());
  }

  /** The roles of a centre that have a training requirement, from the kept read when there is one. */
  #rolesWithRequirement(centerId: string): Promise<Set<string>> {
    const kept = this.#rolesRequired.get(centerId);
    if (kept) return kept;
    const read = repo.listRequirements(this.db, centerId).then((rows) => new Set(rows.map((r) => r.role)));
    this.#rolesRequired.set(centerId, read);
    read.catch(() => {
      if (this.#rolesRequired.get(centerId) === read) this.#rolesRequired.delete(centerId);
    });
    return read;
  }

  private get db() {
    return this.ctx.kysely;
  }

  async listRequirements(actor: Actor): Promise<RequirementView[]> {
    requirePermission(actor, 'pathways.team');
    return this.requirementsOf(actor.centerId);
  }

  private async requirementsOf(centerId: string, role?: string): Promise<RequirementView[]> {
    const rows = await repo.listRequirements(this.db, centerId, role);
    // The gate asks at every request on a person's file, and most centres require nothing.
    if (rows.length === 0) return [];
    const titles = new Map((await pathwayRepo.listPathways(this.db, centerId, true)).map((p) => [p.id, p.title]));
    return rows.map((r) => ({ ...r, pathwayTitle: titles.get(r.pathwayId) ?? '' }));
  }

  async require(actor: Actor, input: { role: Role; pathwayId: string }): Promise<string> {
    requirePermission(actor, 'pathways.training');
    const pathway = isUuid(input.pathwayId) ? await pathwayRepo.findPathway(this.db, actor.centerId, input.pathwayId) : undefined;
    if (!pathway || pathway.archivedAt) throw invalid({ pathwayId: 'pathways.training.pathwayRequired' });
    if (await repo.findRequirement(this.db, actor.centerId, input.role, input.pathwayId)) throw conflict('pathways.training.already', { pathwayId: 'pathways.training.already' });
    const id = newId();
    await repo.insertRequirement(this.db, { id, centerId: actor.centerId, role: input.role, pathwayId: input.pathwayId, createdBy: actor.userId, createdAt: this.ctx.clock.nowIso() });
    await this.ctx.changes.publish('training', actor.centerId);
    return id;
  }

  async unrequire(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'pathways.training');
    if (!isUuid(id) || (await repo.deleteRequirement(this.db, actor.centerId, id)) === 0) throw notFound();
    await this.ctx.changes.publish('training', actor.centerId);
  }

  /** The training gate: may this actor open persons' files? */
  async gate(actor: Actor): Promise<TrainingGateResult> {
    if (actor.via !== 'session' || !actor.userId) return { allowed: true };
    if (!(await this.#rolesWithRequirement(actor.centerId)).has(actor.role)) return { allowed: true };
    const required = await this.requirementsOf(actor.centerId, actor.role);
    if (required.length === 0) return { allowed: true };
    const done = await repo.completedPathwayIds(this.db, actor.centerId, actor.userId);
    const missing = required.filter((r) => !done.has(r.pathwayId)).map((r) => ({ pathwayId: r.pathwayId, title: r.pathwayTitle }));
    return missing.length === 0 ? { allowed: true } : { allowed: false, missing };
  }

  /** The pathways a staff account has completed (for modules that check a training, read as the system). */
  completedBy(centerId: string, userId: string): Promise<Set<string>> {
    return repo.completedPathwayIds(this.db, centerId, userId);
  }

  /** Who followed which training pathway. */
  async teamView(actor: Actor): Promise<TeamView> {
    requirePermission(actor, 'pathways.team');
    const [users, pathways, requirements, rows] = await Promise.all([
      this.ctx.auth.listUsers(actor.centerId),
      pathwayRepo.listPathways(this.db, actor.centerId, false),
      repo.listRequirements(this.db, actor.centerId),
      enrolments.listEnrolmentsOfUsers(this.db, actor.centerId),
    ]);
    const enrolled = new Set(rows.map((r) => r.pathwayId));
    const shown = pathways.filter((p) => TEAM_AUDIENCES.includes(p.audience) || enrolled.has(p.id) || requirements.some((r) => r.pathwayId === p.id));
    return {
      pathways: shown.map((p) => ({ id: p.id, title: p.title, requiredFor: requirements.filter((r) => r.pathwayId === p.id).map((r) => r.role) })),
      members: users
        .filter((u) => u.role !== 'partner')
        .map((u) => ({
          id: u.id,
          displayName: u.displayName,
          role: u.role,
          active: u.active,
          trainings: Object.fromEntries(
            shown.map((p) => {
              const e = rows.find((r) => r.userId === u.id && r.pathwayId === p.id);
              const status: TrainingStatus = !e ? 'non_inscrit' : e.completedAt ? 'termine' : e.status === 'withdrawn' ? 'abandonne' : 'en_cours';
              return [p.id, { status, completedAt: e?.completedAt ?? null, enrolmentId: e?.id ?? null }];
            }),
          ),
        })),
    };
  }
}
