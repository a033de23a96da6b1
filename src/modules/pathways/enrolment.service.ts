/**
 * Enrolments, evaluation times and the progress a learner can see. Rules owned here:
 * - a learner is a person (resident) or a staff account (a volunteer in training), enrolled
 *   once per pathway; withdrawing keeps the history, enrolling again picks it up;
 * - evaluations are append-only: a correction is a new evaluation, the history stays, and a
 *   skill's current state is derived from it (progress.ts), never stored;
 * - a facilitator evaluation concerns one module and only its target skills; a positioning
 *   checklist may cover every skill of the pathway and sets the starting module;
 * - completing a module (after a facilitator evaluation) issues its badge, completing every
 *   module issues the pathway's badge and marks the enrolment completed — in the same transaction;
 * - the learner reaches their progress through a signed, revocable link (no password); the link
 *   shows that enrolment and nothing about anyone else.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256, signLink, verifyLink } from '../../platform/crypto.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { t } from '../../platform/i18n/index.ts';
import { foldText } from '../../platform/text.ts';
import type { BadgeRow } from './badge.repository.ts';
import type { BadgeService } from './badge.service.ts';
import * as repo from './enrolment.repository.ts';
import type { PathwayDetail, PathwayService } from './pathway.service.ts';
import type { EvaluationInput } from './pathways.schemas.ts';
import type { EnrolmentSource, EnrolmentState, ModuleLevel, SelfAssessment } from './pathways.vocab.ts';
import type { PeoplePort } from './ports.ts';
import { deriveProgress, type Progress, type ProgressModule } from './progress.ts';
import { placeInModules } from './quiz-engine.ts';

export type Learner = { kind: 'person'; id: string; name: string; firstName: string | null; erased: boolean } | { kind: 'user'; id: string; name: string; firstName: string | null; erased: false };

export interface EnrolmentView {
  enrolment: repo.EnrolmentRow;
  pathway: PathwayDetail;
  learner: Learner;
  progress: Progress;
  badges: BadgeRow[];
}

export interface EnrolmentListItem {
  enrolment: repo.EnrolmentRow;
  learner: Learner;
  currentModuleTitle: string | null;
  acquired: number;
  total: number;
  pathwayTitle: string;
  state: EnrolmentState;
  /** The latest evaluation time of any kind (self-assessments and quizzes too), null before the first. */
  lastEvaluatedAt: string | null;
}

/** What the centre's list of enrolments is kept to (every field optional). */
export interface EnrolmentListQuery {
  pathwayId?: string;
  state?: EnrolmentState;
  /** Words of the learner's name (for a person also their phone, e-mail or commune, as the persons list searches). */
  q?: string;
}

export interface EnrolmentListPage {
  items: EnrolmentListItem[];
  total: number;
  limit: number;
  offset: number;
  /** The name search matched more persons than it reads: only the first ones are listed. */
  searchCapped: boolean;
}

/** A name search reads at most this many persons' ids (pages of 100 of the people search). */
export const SEARCH_PERSONS_CAP = 500;

/** Where an enrolment stands: completed (even if stopped later), else its stored status. */
export function enrolmentState(enrolment: Pick<repo.EnrolmentRow, 'status' | 'completedAt'>): EnrolmentState {
  return enrolment.completedAt ? 'completed' : enrolment.status === 'withdrawn' ? 'withdrawn' : 'active';
}

const LINK_PURPOSE = 'progression';
const LINK_VALID_DAYS = 3 * 365;

export class EnrolmentService {
  constructor(
    private readonly ctx: AppContext,
    private readonly pathways: PathwayService,
    private readonly badges: BadgeService,
    private readonly people: PeoplePort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  // ---------------------------------------------------------------- enrolling

  async enrol(actor: Actor, pathwayId: string, input: { personId?: string; userId?: string; source: EnrolmentSource }): Promise<repo.EnrolmentRow> {
    // Staff enrol anyone; any team member may enrol themselves in a training.
    const self = input.userId !== undefined && input.userId === actor.userId;
    if (!self) requirePermission(actor, 'pathways.enrol');
    else requirePermission(actor, 'pathways.read');
    const pathway = await this.pathways.detail(actor.centerId, pathwayId);
    if (pathway.archivedAt) throw conflict('pathways.enrolment.archived');
    if (pathway.modules.length === 0) throw conflict('pathways.pathway.modulesRequired');
    if (input.personId !== undefined) {
      const person = isUuid(input.personId) ? await this.people.getSummary(actor.centerId, input.personId) : undefined;
      if (!person || person.erased || person.id !== input.personId || !(await this.people.canSee(actor, person.id))) {
        throw invalid({ personId: 'pathways.enrolment.personUnknown' });
      }
    } else if (input.userId !== undefined) {
      const user = isUuid(input.userId) ? await this.findUser(actor.centerId, input.userId) : undefined;
      if (!user) throw invalid({ userId: 'pathways.enrolment.userUnknown' });
    } else throw invalid({ personId: 'pathways.enrolment.learnerRequired' });

    const learner = input.personId !== undefined ? { personId: input.personId } : { userId: input.userId! };
    return this.db.transaction().execute(async (trx) => {
      const existing = await repo.findEnrolmentOfLearner(trx, actor.centerId, pathwayId, learner);
      if (existing && existing.status === 'active') throw conflict('pathways.enrolment.already');
      if (existing) {
        await repo.updateEnrolment(trx, actor.centerId, existing.id, { status: 'active', withdrawnAt: null });
        return { ...existing, status: 'active', withdrawnAt: null };
      }
      const row: repo.EnrolmentRow = {
        id: newId(), centerId: actor.centerId, pathwayId, personId: input.personId ?? null, userId: input.userId ?? null,
        startModuleId: pathway.modules[0]!.id, status: 'active', source: input.source, enrolledAt: this.ctx.clock.nowIso(), enrolledBy: actor.userId,
        completedAt: null, withdrawnAt: null,
      };
      await repo.insertEnrolment(trx, row);
      return row;
    });
  }

  async withdraw(actor: Actor, enrolmentId: string): Promise<void> {
    requirePermission(actor, 'pathways.enrol');
    const enrolment = await this.find(actor.centerId, enrolmentId);
    if (enrolment.status !== 'active') return;
    await repo.updateEnrolment(this.db, actor.centerId, enrolment.id, { status: 'withdrawn', withdrawnAt: this.ctx.clock.nowIso() });
  }

  /** 404 for an unknown id or another centre's enrolment. */
  async find(centerId: string, id: string): Promise<repo.EnrolmentRow> {
    const row = isUuid(id) ? await repo.findEnrolment(this.db, centerId, id) : undefined;
    if (!row) throw notFound();
    return row;
  }

  /** Staff may open an enrolment if they may enrol, or if it is their own training. */
  async getForActor(actor: Actor, id: string): Promise<repo.EnrolmentRow> {
    const enrolment = await this.find(actor.centerId, id);
    if (enrolment.userId !== null && enrolment.userId === actor.userId) return enrolment;
    requirePermission(actor, 'pathways.enrol');
    if (enrolment.personId && !(await this.people.canSee(actor, enrolment.personId))) throw notFound();
    return enrolment;
  }

  async view(actor: Actor, id: string): Promise<EnrolmentView> {
    return this.viewOf(await this.getForActor(actor, id));
  }

  async viewOf(enrolment: repo.EnrolmentRow): Promise<EnrolmentView> {
    const pathway = await this.pathways.detail(enrolment.centerId, enrolment.pathwayId);
    const [learner, evaluations, badges] = await Promise.all([
      this.learnerOf(enrolment),
      repo.listEvaluations(this.db, enrolment.centerId, enrolment.id),
      this.badges.listForEnrolments(enrolment.centerId, [enrolment.id]),
    ]);
    const progress = deriveProgress({ enrolledAt: enrolment.enrolledAt, startModuleId: enrolment.startModuleId, modules: progressModules(pathway), evaluations });
    return { enrolment, pathway, learner, progress, badges };
  }

  async progress(actor: Actor, id: string): Promise<EnrolmentView> {
    return this.view(actor, id);
  }

  /** A pathway's enrolments the actor may see, newest first; `state` keeps those in that state only. */
  async listForPathway(actor: Actor, pathwayId: string, filter: { state?: EnrolmentState } = {}): Promise<EnrolmentListItem[]> {
    requirePermission(actor, 'pathways.enrol');
    const pathway = await this.pathways.detail(actor.centerId, pathwayId);
    const rows = (await repo.listEnrolmentsOfPathway(this.db, actor.centerId, pathwayId)).filter((e) => !filter.state || enrolmentState(e) === filter.state);
    return this.itemsOf(actor, rows, new Map([[pathway.id, pathway]]));
  }

  /**
   * The enrolments of every pathway of the centre, newest first, one page at a time; the same
   * rows as each pathway's own list (the same permission, the same persons hidden). A pathway
   * that is not the centre's is a 422 on `pathwayId`.
   */
  async listForCentre(actor: Actor, query: EnrolmentListQuery, page: { limit: number; offset: number }): Promise<EnrolmentListPage> {
    requirePermission(actor, 'pathways.enrol');
    if (query.pathwayId !== undefined) {
      const known = isUuid(query.pathwayId) && (await this.pathways.list(actor, { includeArchived: true })).some((p) => p.id === query.pathwayId);
      if (!known) throw invalid({ pathwayId: 'pathways.enrolmentList.pathwayUnknown' });
    }
    const words = query.q?.trim() ? query.q.trim().slice(0, 100) : undefined;
    const matching = words ? await this.learnersMatching(actor, words) : undefined;
    const filter: repo.EnrolmentFilter = { pathwayId: query.pathwayId, state: query.state, learners: matching };
    const total = await repo.countEnrolments(this.db, actor.centerId, filter);
    const rows = await repo.listEnrolments(this.db, actor.centerId, filter, page);
    return { items: await this.itemsOf(actor, rows, new Map()), total, limit: page.limit, offset: page.offset, searchCapped: matching?.capped ?? false };
  }

  /** Persons (through the people module's search and rules) and team members whose name starts with the words typed. */
  private async learnersMatching(actor: Actor, q: string): Promise<{ personIds: string[]; userIds: string[]; capped: boolean }> {
    const personIds: string[] = [];
    let cursor: string | undefined;
    let capped = false;
    do {
      const found = await this.people.search(actor, { q, cursor, pageSize: 100 });
      personIds.push(...found.items.map((p) => p.id));
      cursor = found.next ?? undefined;
      if (cursor && personIds.length >= SEARCH_PERSONS_CAP) capped = true;
    } while (cursor && !capped);
    const words = foldText(q).split(' ').filter(Boolean);
    const userIds = (await this.ctx.auth.listUsers(actor.centerId))
      .filter((u) => {
        const name = foldText(u.displayName).split(' ');
        return words.every((w) => name.some((n) => n.startsWith(w)));
      })
      .map((u) => u.id);
    return { personIds, userIds, capped };
  }

  /** List rows with their learner and progress; a person the actor may not see is left out. */
  private async itemsOf(actor: Actor, rows: readonly repo.EnrolmentRow[], pathways: Map<string, PathwayDetail>): Promise<EnrolmentListItem[]> {
    const visible: repo.EnrolmentRow[] = [];
    for (const enrolment of rows) {
      if (enrolment.personId && !(await this.people.canSee(actor, enrolment.personId))) continue;
      visible.push(enrolment);
    }
    const evaluations = await repo.listEvaluationsOfEnrolments(this.db, actor.centerId, visible.map((e) => e.id));
    const items: EnrolmentListItem[] = [];
    for (const enrolment of visible) {
      let pathway = pathways.get(enrolment.pathwayId);
      if (!pathway) {
        pathway = await this.pathways.detail(actor.centerId, enrolment.pathwayId);
        pathways.set(pathway.id, pathway);
      }
      const history = evaluations.get(enrolment.id) ?? [];
      const progress = deriveProgress({ enrolledAt: enrolment.enrolledAt, startModuleId: enrolment.startModuleId, modules: progressModules(pathway), evaluations: history });
      const all = new Map(progress.modules.flatMap((m) => m.skillStates.map((s) => [s.id, s.status] as const)));
      items.push({
        enrolment,
        learner: await this.learnerOf(enrolment),
        currentModuleTitle: progress.modules.find((m) => m.id === progress.currentModuleId)?.title ?? null,
        acquired: [...all.values()].filter((s) => s === 'acquis').length,
        total: all.size,
        pathwayTitle: pathway.title,
        state: enrolmentState(enrolment),
        lastEvaluatedAt: history.reduce<string | null>((last, e) => (last === null || e.recordedAt > last ? e.recordedAt : last), null),
      });
    }
    return items;
  }

  /** Every enrolment of a person (for their file, and the GDPR export). */
  async listForPerson(actor: Actor, personId: string): Promise<(repo.EnrolmentRow & { pathwayTitle: string })[]> {
    requirePermission(actor, 'pathways.enrol');
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw notFound();
    const rows = await repo.listEnrolmentsOfPerson(this.db, actor.centerId, personId);
    const titles = new Map((await this.pathways.list(actor, { includeArchived: true })).map((p) => [p.id, p.title]));
    return rows.map((r) => ({ ...r, pathwayTitle: titles.get(r.pathwayId) ?? '' }));
  }

  /** Persons to enrol, found by name, phone or e-mail (through the people module's rules). */
  async searchPersons(actor: Actor, q: string) {
    requirePermission(actor, 'pathways.enrol');
    return (await this.people.search(actor, { q, page: 1, pageSize: 20 })).items;
  }

  /** The trainings a team member follows ("Mes formations"). */
  listOwn(actor: Actor): Promise<repo.EnrolmentRow[]> {
    if (!actor.userId) return Promise.resolve([]);
    return repo.listEnrolmentsOfUsers(this.db, actor.centerId, [actor.userId]);
  }

  async learnerOf(enrolment: repo.EnrolmentRow): Promise<Learner> {
    if (enrolment.personId) {
      const person = await this.people.getSummary(enrolment.centerId, enrolment.personId);
      const erased = !person || person.erased;
      const name = erased ? '' : [person.firstName, person.lastName].filter(Boolean).join(' ');
      return { kind: 'person', id: enrolment.personId, name, firstName: erased ? null : person.firstName, erased };
    }
    const user = await this.findUser(enrolment.centerId, enrolment.userId!);
    return { kind: 'user', id: enrolment.userId!, name: user?.displayName ?? '', firstName: user?.displayName.split(' ')[0] ?? null, erased: false };
  }

  private async findUser(centerId: string, id: string) {
    try {
      return await this.ctx.auth.findUser(centerId, id);
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------- evaluations

  /**
   * Records an evaluation time. Bad input (a skill outside the module, the same skill twice,
   * a module of another pathway, a withdrawn enrolment) changes nothing.
   */
  async recordEvaluation(actor: Actor, enrolmentId: string, input: EvaluationInput): Promise<{ evaluationId: string; issued: BadgeRow[] }> {
    requirePermission(actor, 'pathways.evaluate');
    const enrolment = await this.find(actor.centerId, enrolmentId);
    if (enrolment.personId && !(await this.people.canSee(actor, enrolment.personId))) throw notFound();
    if (enrolment.status !== 'active') throw conflict('pathways.enrolment.notActive');
    const pathway = await this.pathways.detail(actor.centerId, enrolment.pathwayId);
    const errors: FieldErrors = {};
    let allowed: Set<string>;
    let moduleId: string | null = null;
    if (input.kind === 'facilitator') {
      const module = input.moduleId ? pathway.modules.find((m) => m.id === input.moduleId) : undefined;
      if (!module) throw invalid({ moduleId: 'pathways.evaluation.moduleUnknown' });
      moduleId = module.id;
      allowed = new Set(module.skills.map((s) => s.id));
    } else {
      allowed = new Set(pathway.modules.flatMap((m) => m.skills.map((s) => s.id)));
    }
    const seen = new Set<string>();
    for (const [i, r] of input.results.entries()) {
      if (!allowed.has(r.skillId)) errors[`results.${i}.skillId`] = input.kind === 'facilitator' ? 'pathways.evaluation.skillOutsideModule' : 'pathways.evaluation.skillOutsidePathway';
      else if (seen.has(r.skillId)) errors[`results.${i}.skillId`] = 'pathways.evaluation.skillTwice';
      seen.add(r.skillId);
    }
    if (Object.keys(errors).length > 0) throw invalid(errors, 'pathways.evaluation.invalid');
    // Read before the transaction: on SQLite the one connection is held by it.
    const learner = await this.learnerOf(enrolment);

    return this.db.transaction().execute(async (trx) => {
      const evaluationId = newId();
      const now = this.ctx.clock.nowIso();
      await repo.insertEvaluation(
        trx,
        { id: evaluationId, centerId: actor.centerId, enrolmentId: enrolment.id, moduleId, kind: input.kind, recordedAt: now, recordedBy: actor.userId, recordedByLabel: actor.label, comment: input.comment ?? null },
        input.results.map((r) => ({ id: newId(), skillId: r.skillId, status: r.status, autonomy: r.autonomy ?? null })),
      );
      if (input.kind === 'positioning_checklist') {
        const acquired = new Set(input.results.filter((r) => r.status === 'acquis').map((r) => r.skillId));
        const index = placeInModules(pathway.modules.map((m) => ({ skillIds: m.skills.map((s) => s.id) })), acquired);
        await repo.updateEnrolment(trx, actor.centerId, enrolment.id, { startModuleId: pathway.modules[index]!.id });
        return { evaluationId, issued: [] };
      }
      const issued = await this.issueCompletions(trx, enrolment, pathway, learner);
      return { evaluationId, issued };
    });
  }

  /** After a facilitator evaluation: badges for newly completed modules, and the pathway's. */
  private async issueCompletions(trx: Parameters<typeof repo.listEvaluations>[0], enrolment: repo.EnrolmentRow, pathway: PathwayDetail, learner: Learner): Promise<BadgeRow[]> {
    const evaluations = await repo.listEvaluations(trx, enrolment.centerId, enrolment.id);
    const progress = deriveProgress({ enrolledAt: enrolment.enrolledAt, startModuleId: enrolment.startModuleId, modules: progressModules(pathway), evaluations });
    const issued: BadgeRow[] = [];
    const now = this.ctx.clock.nowIso();
    for (const m of progress.modules) {
      // A module known before the start (validated at positioning) earns no badge of its own.
      if (!m.complete || m.state === 'valide_au_depart') continue;
      issued.push(
        await this.badges.issue(trx, {
          centerId: enrolment.centerId, enrolmentId: enrolment.id, scope: m.id, moduleId: m.id, pathwayId: pathway.id,
          title: `${m.title} – ${pathway.title}`,
          description: `Module « ${m.title} » du parcours « ${pathway.title} » (${levelLabel(m.level)}), suivi au centre social.`,
          criteria: criteriaOf(m.skillStates.map((s) => s.statement)),
          competences: competencesOf(m.skillStates), level: m.level as ModuleLevel, learnerName: learner.name, issuedAt: now,
        }),
      );
    }
    if (progress.complete) {
      const last = progress.modules.at(-1)!;
      const allSkills = progress.modules.flatMap((m) => m.skillStates);
      issued.push(
        await this.badges.issue(trx, {
          centerId: enrolment.centerId, enrolmentId: enrolment.id, scope: 'pathway', moduleId: null, pathwayId: pathway.id,
          title: pathway.title,
          description: pathway.description ?? `Parcours « ${pathway.title} » suivi au centre social, ${progress.modules.length} module(s).`,
          criteria: criteriaOf(allSkills.map((s) => s.statement)),
          competences: competencesOf(allSkills), level: last.level as ModuleLevel, learnerName: learner.name, issuedAt: now,
        }),
      );
      if (!enrolment.completedAt) await repo.updateEnrolment(trx, enrolment.centerId, enrolment.id, { completedAt: now });
    }
    // issue() answers existing badges too: report only the new ones.
    return issued.filter((b) => b.issuedAt === now);
  }

  /** The learner's own "je sais faire / pas encore", from their progress link. */
  async recordSelfAssessment(enrolment: repo.EnrolmentRow, answers: { skillId: string; value: SelfAssessment }[]): Promise<void> {
    if (enrolment.status !== 'active') throw conflict('pathways.enrolment.notActive');
    const pathway = await this.pathways.detail(enrolment.centerId, enrolment.pathwayId);
    const allowed = new Set(pathway.modules.flatMap((m) => m.skills.map((s) => s.id)));
    const kept = answers.filter((a) => allowed.has(a.skillId));
    if (kept.length === 0) throw invalid({ _form: 'pathways.self.nothing' });
    await this.db.transaction().execute((trx) =>
      repo.insertEvaluation(
        trx,
        { id: newId(), centerId: enrolment.centerId, enrolmentId: enrolment.id, moduleId: null, kind: 'self', recordedAt: this.ctx.clock.nowIso(), recordedBy: null, recordedByLabel: null, comment: null },
        kept.map((a) => ({ id: newId(), skillId: a.skillId, status: a.value, autonomy: null })),
      ),
    );
  }

  // ---------------------------------------------------------------- progress links

  linkUrl(link: { id: string; expiresAt: string }): string {
    return `${this.ctx.config.publicUrl}/progression/${this.linkToken(link)}`;
  }

  private linkToken(link: { id: string; expiresAt: string }): string {
    return signLink(this.ctx.config.secret, LINK_PURPOSE, link.id, new Date(link.expiresAt));
  }

  /** A new link (the previous ones stay valid until revoked). */
  async createLink(actor: Actor, enrolmentId: string): Promise<{ id: string; url: string }> {
    const enrolment = await this.getForActor(actor, enrolmentId);
    const id = newId();
    const now = this.ctx.clock.now();
    // Whole seconds: the signed expiry has a one-second resolution and must regenerate the same token.
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + LINK_VALID_DAYS * 86_400_000).toISOString();
    const token = this.linkToken({ id, expiresAt });
    await repo.insertProgressLink(this.db, { id, centerId: actor.centerId, enrolmentId: enrolment.id, tokenHash: sha256(token), expiresAt, createdBy: actor.userId, createdAt: now.toISOString(), lastUsedAt: null, revokedAt: null });
    return { id, url: `${this.ctx.config.publicUrl}/progression/${token}` };
  }

  async listLinks(actor: Actor, enrolmentId: string): Promise<(repo.ProgressLinkRow & { url: string })[]> {
    const enrolment = await this.getForActor(actor, enrolmentId);
    return (await repo.listProgressLinks(this.db, actor.centerId, enrolment.id)).map((l) => ({ ...l, url: this.linkUrl(l) }));
  }

  /** The current link to print (the newest valid one), made if there is none. */
  async currentLink(actor: Actor, enrolmentId: string): Promise<string> {
    const links = await this.listLinks(actor, enrolmentId);
    const usable = links.find((l) => !l.revokedAt && l.expiresAt > this.ctx.clock.nowIso());
    return usable ? usable.url : (await this.createLink(actor, enrolmentId)).url;
  }

  async revokeLink(actor: Actor, enrolmentId: string, linkId: string): Promise<void> {
    const enrolment = await this.getForActor(actor, enrolmentId);
    await repo.revokeProgressLinks(this.db, actor.centerId, [enrolment.id], this.ctx.clock.nowIso(), linkId);
  }

  /** The enrolment a progress link opens, or null: forged, expired, revoked or unknown. */
  async resolveLink(token: string): Promise<{ enrolment: repo.EnrolmentRow; linkId: string } | null> {
    if (token.length > 300) return null;
    const linkId = verifyLink(this.ctx.config.secret, LINK_PURPOSE, token, this.ctx.clock.now());
    if (!linkId || !isUuid(linkId)) return null;
    const link = await repo.findProgressLink(this.db, linkId);
    if (!link || link.revokedAt || link.tokenHash !== sha256(token) || link.expiresAt < this.ctx.clock.nowIso()) return null;
    const enrolment = await repo.findEnrolment(this.db, link.centerId, link.enrolmentId);
    if (!enrolment) return null;
    // Record that the link is used, at most once an hour: no write on every page view.
    const now = this.ctx.clock.nowIso();
    if (!link.lastUsedAt || Date.parse(now) - Date.parse(link.lastUsedAt) > 3_600_000) await repo.touchProgressLink(this.db, link.id, now);
    return { enrolment, linkId };
  }
}

export function progressModules(pathway: PathwayDetail): ProgressModule[] {
  return pathway.modules.map((m) => ({
    id: m.id,
    title: m.title,
    level: m.level,
    position: m.position,
    suggestedSessions: m.suggestedSessions,
    activities: m.activities,
    skills: m.skills.map((s) => ({ id: s.id, code: s.code, statement: s.statement, difficulty: s.difficulty, competenceCode: s.competenceCode, competenceTitle: s.competenceTitle })),
  }));
}

const LEVELS: Record<string, string> = { decouverte: 'découverte', debutant: 'débutant', intermediaire: 'intermédiaire', avance: 'avancé' };
function levelLabel(level: string): string {
  return `niveau ${LEVELS[level] ?? level}`;
}

function criteriaOf(statements: string[]): string {
  // The badge is read by the learner and by whoever they show it to: plain French, from the catalogue.
  return t('fr', 'pathways.badgePage.criteriaText', { skills: statements.map((s) => s.replace(/^Je sais /, '').replace(/\.$/, '')).join(' ; ') });
}

function competencesOf(skills: { competenceCode: string; competenceTitle: string }[]): { code: string; title: string }[] {
  const map = new Map<string, string>();
  for (const s of skills) map.set(s.competenceCode, s.competenceTitle);
  return [...map].map(([code, title]) => ({ code, title }));
}
