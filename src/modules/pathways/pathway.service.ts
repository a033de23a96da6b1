/**
 * Pathways and their modules. Rules owned here:
 * - a pathway always has at least one module, in an order the coordinator chooses;
 * - a module has a level (découverte → avancé), a suggested number of sessions, at least one
 *   target skill taken from the centre's active framework, and the activities where it is taught;
 * - a module that already carries evaluations, placements or badges cannot be removed (the
 *   history must keep its meaning); a pathway is archived, never deleted;
 * - coordinators and admins build pathways; every staff role may read them.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { SkillInContext } from './framework.repository.ts';
import type { FrameworkService } from './framework.service.ts';
import * as repo from './pathway.repository.ts';
import type { ModuleInput, PathwayInput } from './pathways.schemas.ts';
import type { ActivitiesPort, ActivityChoice } from './ports.ts';

export interface ModuleDetail extends repo.ModuleRow {
  skills: SkillInContext[];
  activities: ActivityChoice[];
}

export interface PathwayDetail extends repo.PathwayRow {
  modules: ModuleDetail[];
}

export interface PathwaySummary extends repo.PathwayRow {
  moduleCount: number;
  activeEnrolments: number;
}

type Tx = Parameters<typeof repo.insertModule>[0];

export class PathwayService {
  constructor(
    private readonly ctx: AppContext,
    private readonly framework: FrameworkService,
    private readonly activities?: ActivitiesPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  async list(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<PathwaySummary[]> {
    requirePermission(actor, 'pathways.read');
    const pathways = await repo.listPathways(this.db, actor.centerId, options.includeArchived ?? false);
    const modules = await repo.listModules(this.db, actor.centerId, pathways.map((p) => p.id));
    const enrolments = await repo.countEnrolmentsByPathway(this.db, actor.centerId);
    return pathways.map((p) => ({
      ...p,
      moduleCount: modules.filter((m) => m.pathwayId === p.id).length,
      activeEnrolments: enrolments.get(p.id) ?? 0,
    }));
  }

  async get(actor: Actor, id: string): Promise<PathwayDetail> {
    requirePermission(actor, 'pathways.read');
    return this.detail(actor.centerId, id);
  }

  /** The pathway with its modules, target skills and activities; 404 if not the centre's. */
  async detail(centerId: string, id: string): Promise<PathwayDetail> {
    const pathway = isUuid(id) ? await repo.findPathway(this.db, centerId, id) : undefined;
    if (!pathway) throw notFound();
    const modules = await repo.listModules(this.db, centerId, [id]);
    const moduleIds = modules.map((m) => m.id);
    const [links, activityLinks] = await Promise.all([repo.listModuleSkills(this.db, centerId, moduleIds), repo.listModuleActivities(this.db, centerId, moduleIds)]);
    const skills = new Map((await this.framework.skillsByIds(centerId, [...new Set(links.map((l) => l.skillId))])).map((s) => [s.id, s]));
    const titles = new Map((await this.activityChoices(centerId)).map((a) => [a.id, a.title]));
    return {
      ...pathway,
      modules: modules.map((m) => ({
        ...m,
        skills: links.filter((l) => l.moduleId === m.id).map((l) => skills.get(l.skillId)!).filter(Boolean),
        activities: activityLinks.filter((l) => l.moduleId === m.id).map((l) => ({ id: l.activityId, title: titles.get(l.activityId) ?? '' })),
      })),
    };
  }

  /** The programme's activities, when the activities module offers them. */
  async activityChoices(centerId: string): Promise<ActivityChoice[]> {
    return this.activities ? this.activities.listActivityChoices(centerId) : [];
  }

  async create(actor: Actor, input: PathwayInput): Promise<PathwayDetail> {
    requirePermission(actor, 'pathways.manage');
    if (input.modules.length === 0) throw invalid({ modules: 'pathways.pathway.modulesRequired' });
    for (const [i, m] of input.modules.entries()) await this.checkModule(actor.centerId, m, `modules.${i}.`);
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertPathway(trx, {
        id, centerId: actor.centerId, title: input.title, audience: input.audience, description: input.description ?? null,
        archivedAt: null, createdBy: actor.userId, createdAt: now, updatedAt: now,
      });
      for (const [position, m] of input.modules.entries()) await this.insertModule(trx, actor.centerId, id, position, m);
    });
    return this.detail(actor.centerId, id);
  }

  async update(actor: Actor, id: string, patch: { title: string; audience: string; description: string | null }): Promise<void> {
    requirePermission(actor, 'pathways.manage');
    await this.detail(actor.centerId, id);
    await repo.updatePathway(this.db, actor.centerId, id, { ...patch, updatedAt: this.ctx.clock.nowIso() });
  }

  async setArchived(actor: Actor, id: string, archived: boolean): Promise<void> {
    requirePermission(actor, 'pathways.manage');
    const pathway = await this.detail(actor.centerId, id);
    const now = this.ctx.clock.nowIso();
    await repo.updatePathway(this.db, actor.centerId, id, { archivedAt: archived ? (pathway.archivedAt ?? now) : null, updatedAt: now });
  }

  async addModule(actor: Actor, pathwayId: string, input: ModuleInput): Promise<string> {
    requirePermission(actor, 'pathways.manage');
    const pathway = await this.detail(actor.centerId, pathwayId);
    await this.checkModule(actor.centerId, input);
    const position = Math.max(-1, ...pathway.modules.map((m) => m.position)) + 1;
    return this.db.transaction().execute((trx) => this.insertModule(trx, actor.centerId, pathwayId, position, input));
  }

  async getModule(actor: Actor, moduleId: string): Promise<{ pathway: PathwayDetail; module: ModuleDetail }> {
    requirePermission(actor, 'pathways.read');
    const row = isUuid(moduleId) ? await repo.findModule(this.db, actor.centerId, moduleId) : undefined;
    if (!row) throw notFound();
    const pathway = await this.detail(actor.centerId, row.pathwayId);
    return { pathway, module: pathway.modules.find((m) => m.id === moduleId)! };
  }

  async updateModule(actor: Actor, moduleId: string, input: ModuleInput): Promise<void> {
    requirePermission(actor, 'pathways.manage');
    await this.getModule(actor, moduleId);
    await this.checkModule(actor.centerId, input);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateModule(trx, actor.centerId, moduleId, {
        title: input.title, level: input.level, suggestedSessions: input.suggestedSessions, description: input.description ?? null, updatedAt: this.ctx.clock.nowIso(),
      });
      await repo.replaceModuleSkills(trx, actor.centerId, moduleId, unique(input.skillIds), newId);
      await repo.replaceModuleActivities(trx, actor.centerId, moduleId, unique(input.activityIds), newId);
    });
  }

  async moveModule(actor: Actor, moduleId: string, direction: 'up' | 'down'): Promise<void> {
    requirePermission(actor, 'pathways.manage');
    const { pathway } = await this.getModule(actor, moduleId);
    const order = [...pathway.modules];
    const from = order.findIndex((m) => m.id === moduleId);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      for (const [position, m] of order.entries()) {
        if (m.position !== position) await repo.updateModule(trx, actor.centerId, m.id, { position, updatedAt: now });
      }
    });
  }

  async removeModule(actor: Actor, moduleId: string): Promise<void> {
    requirePermission(actor, 'pathways.manage');
    const { pathway } = await this.getModule(actor, moduleId);
    if (pathway.modules.length <= 1) throw conflict('pathways.module.lastOne');
    if (await repo.moduleInUse(this.db, actor.centerId, moduleId)) throw conflict('pathways.module.inUse');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteModule(trx, actor.centerId, moduleId);
      const rest = pathway.modules.filter((m) => m.id !== moduleId);
      for (const [position, m] of rest.entries()) if (m.position !== position) await repo.updateModule(trx, actor.centerId, m.id, { position });
    });
  }

  /** Target skills must be active skills of the centre; activities, when checkable, its own. */
  private async checkModule(centerId: string, input: ModuleInput, prefix = ''): Promise<void> {
    const errors: FieldErrors = {};
    const wanted = unique(input.skillIds);
    const found = await this.framework.skillsByIds(centerId, wanted);
    if (wanted.length === 0) errors[`${prefix}skillIds`] = 'pathways.module.skillsRequired';
    else if (found.length !== wanted.length || found.some((s) => s.retiredAt !== null)) errors[`${prefix}skillIds`] = 'pathways.module.skillUnknown';
    if (input.activityIds.some((id) => !isUuid(id))) errors[`${prefix}activityIds`] = 'pathways.module.activityUnknown';
    else if (this.activities && input.activityIds.length > 0) {
      const known = new Set((await this.activities.listActivityChoices(centerId)).map((a) => a.id));
      if (input.activityIds.some((id) => !known.has(id))) errors[`${prefix}activityIds`] = 'pathways.module.activityUnknown';
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);
  }

  private async insertModule(trx: Tx, centerId: string, pathwayId: string, position: number, m: ModuleInput): Promise<string> {
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await repo.insertModule(trx, {
      id, centerId, pathwayId, position, title: m.title, level: m.level, suggestedSessions: m.suggestedSessions,
      description: m.description ?? null, createdAt: now, updatedAt: now,
    });
    await repo.replaceModuleSkills(trx, centerId, id, unique(m.skillIds), newId);
    await repo.replaceModuleActivities(trx, centerId, id, unique(m.activityIds), newId);
    return id;
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
