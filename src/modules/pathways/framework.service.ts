/**
 * The competence framework of a centre. Rules owned here:
 * - a centre gets a copy of the embedded default (CRCN + "Premiers pas" + team practices) the
 *   first time it uses pathways; from then on it is the centre's own data;
 * - skills are never deleted (evaluations and badges point to them): they are retired, and a
 *   retired skill can come back;
 * - an import is all or nothing: the file is checked first (format, duplicate codes, every
 *   element attached to an existing parent) and a refused file changes nothing. Elements are
 *   matched by code: known codes are updated, new ones added, skills missing from the file retired;
 * - only admins change the framework; everyone with pathways.read may read and export it.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { defaultFramework } from './framework.default.ts';
import * as repo from './framework.repository.ts';
import { checkFramework, frameworkDocumentSchema, type FrameworkDocument } from './framework.ts';

export interface FrameworkTree {
  domains: (repo.DomainRow & {
    competences: (repo.CompetenceRow & {
      subjects: (repo.SubjectRow & { skills: repo.SkillRow[] })[];
    })[];
  })[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  retired: number;
}

export class FrameworkService {
  readonly #ready = new Set<string>();

  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.kysely;
  }

  /** Seeds the embedded default the first time a centre uses pathways (idempotent, race-safe). */
  async ensure(centerId: string): Promise<void> {
    if (this.#ready.has(centerId)) return;
    if (!(await repo.hasFramework(this.db, centerId))) {
      try {
        await this.db.transaction().execute((trx) => this.write(trx, centerId, defaultFramework()));
      } catch (error) {
        // Two first visits at once: the unique (centre, code) index lets one win; the other reads.
        if (!(await repo.hasFramework(this.db, centerId))) throw error;
      }
    }
    this.#ready.add(centerId);
  }

  async tree(actor: Actor, options: { includeRetired?: boolean } = {}): Promise<FrameworkTree> {
    requirePermission(actor, 'pathways.read');
    await this.ensure(actor.centerId);
    const [domains, competences, subjects, skills] = await Promise.all([
      repo.listDomains(this.db, actor.centerId),
      repo.listCompetences(this.db, actor.centerId),
      repo.listSubjects(this.db, actor.centerId),
      repo.listSkills(this.db, actor.centerId),
    ]);
    return {
      domains: domains.map((d) => ({
        ...d,
        competences: competences
          .filter((c) => c.domainId === d.id)
          .map((c) => ({
            ...c,
            subjects: subjects
              .filter((s) => s.competenceId === c.id)
              .map((s) => ({ ...s, skills: skills.filter((k) => k.subjectId === s.id && (options.includeRetired || k.retiredAt === null)) })),
          })),
      })),
    };
  }

  /** The framework as the JSON document that import accepts back. */
  async exportDocument(actor: Actor): Promise<FrameworkDocument> {
    const tree = await this.tree(actor, { includeRetired: true });
    const doc: FrameworkDocument = { format: 'lieudit-referentiel', version: 1, domains: [], competences: [], subjects: [], skills: [] };
    for (const d of tree.domains) {
      doc.domains.push({ code: d.code, title: d.title, layer: d.layer as FrameworkDocument['domains'][number]['layer'] });
      for (const c of d.competences) {
        doc.competences.push({ code: c.code, domain: d.code, title: c.title, mediationTheme: (c.mediationTheme ?? null) as FrameworkDocument['competences'][number]['mediationTheme'] });
        for (const s of c.subjects) {
          doc.subjects.push({ code: s.code, competence: c.code, title: s.title });
          for (const k of s.skills) {
            doc.skills.push({ code: k.code, subject: s.code, difficulty: k.difficulty, statement: k.statement, ...(k.retiredAt ? { retired: true } : {}) });
          }
        }
      }
    }
    return doc;
  }

  /** Checks the whole file, then writes it in one transaction; a refused file changes nothing. */
  async importDocument(actor: Actor, raw: unknown): Promise<ImportSummary> {
    requirePermission(actor, 'framework.manage');
    await this.ensure(actor.centerId);
    const parsed = frameworkDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || 'fichier'] ??= issue.message;
      throw new AppError(422, 'invalid', 'pathways.framework.importInvalid', fields);
    }
    const issues = checkFramework(parsed.data);
    if (issues.length > 0) {
      throw new AppError(422, 'invalid', 'pathways.framework.importInvalid', Object.fromEntries(issues.map((i) => [i.path, i.message])));
    }
    return this.db.transaction().execute((trx) => this.write(trx, actor.centerId, parsed.data));
  }

  /** Upserts by code. Positions follow the order of the file. */
  private async write(trx: Parameters<typeof repo.listDomains>[0], centerId: string, doc: FrameworkDocument): Promise<ImportSummary> {
    const now = this.ctx.clock.nowIso();
    const summary: ImportSummary = { created: 0, updated: 0, retired: 0 };
    const byCode = <T extends { code: string }>(rows: T[]) => new Map(rows.map((r) => [r.code, r]));
    const domains = byCode(await repo.listDomains(trx, centerId));
    const competences = byCode(await repo.listCompetences(trx, centerId));
    const subjects = byCode(await repo.listSubjects(trx, centerId));
    const skills = byCode(await repo.listSkills(trx, centerId));
    const domainIds = new Map<string, string>();
    const competenceIds = new Map<string, string>();
    const subjectIds = new Map<string, string>();

    for (const [position, d] of doc.domains.entries()) {
      const existing = domains.get(d.code);
      if (existing) {
        await repo.updateDomain(trx, centerId, existing.id, { title: d.title, layer: d.layer, position, updatedAt: now });
        domainIds.set(d.code, existing.id);
        summary.updated++;
      } else {
        const id = newId();
        await repo.insertDomain(trx, { id, centerId, code: d.code, title: d.title, layer: d.layer, position, createdAt: now, updatedAt: now });
        domainIds.set(d.code, id);
        summary.created++;
      }
    }
    for (const [position, c] of doc.competences.entries()) {
      const existing = competences.get(c.code);
      const domainId = domainIds.get(c.domain)!;
      const mediationTheme = c.mediationTheme ?? null;
      if (existing) {
        await repo.updateCompetence(trx, centerId, existing.id, { title: c.title, domainId, mediationTheme, position, updatedAt: now });
        competenceIds.set(c.code, existing.id);
        summary.updated++;
      } else {
        const id = newId();
        await repo.insertCompetence(trx, { id, centerId, domainId, code: c.code, title: c.title, mediationTheme, position, createdAt: now, updatedAt: now });
        competenceIds.set(c.code, id);
        summary.created++;
      }
    }
    for (const [position, s] of doc.subjects.entries()) {
      const existing = subjects.get(s.code);
      const competenceId = competenceIds.get(s.competence)!;
      if (existing) {
        await repo.updateSubject(trx, centerId, existing.id, { title: s.title, competenceId, position, updatedAt: now });
        subjectIds.set(s.code, existing.id);
        summary.updated++;
      } else {
        const id = newId();
        await repo.insertSubject(trx, { id, centerId, competenceId, code: s.code, title: s.title, position, createdAt: now, updatedAt: now });
        subjectIds.set(s.code, id);
        summary.created++;
      }
    }
    const kept: string[] = [];
    for (const [position, k] of doc.skills.entries()) {
      const existing = skills.get(k.code);
      const subjectId = subjectIds.get(k.subject)!;
      const retiredAt = k.retired ? (existing?.retiredAt ?? now) : null;
      if (existing) {
        await repo.updateSkill(trx, centerId, existing.id, { statement: k.statement, subjectId, difficulty: k.difficulty, position, retiredAt, updatedAt: now });
        kept.push(existing.id);
        summary.updated++;
      } else {
        const id = newId();
        await repo.insertSkill(trx, { id, centerId, subjectId, code: k.code, statement: k.statement, difficulty: k.difficulty, position, retiredAt, createdAt: now, updatedAt: now });
        kept.push(id);
        summary.created++;
      }
    }
    summary.retired = await repo.retireSkillsNotIn(trx, centerId, kept, now);
    return summary;
  }

  /** Adds a skill to a subject; its code is derived Pix-style ("@subject" + difficulty). */
  async addSkill(actor: Actor, input: { subjectId: string; statement: string; difficulty: number }): Promise<repo.SkillRow> {
    requirePermission(actor, 'framework.manage');
    const subject = isUuid(input.subjectId) ? await repo.findSubject(this.db, actor.centerId, input.subjectId) : undefined;
    if (!subject) throw invalid({ subjectId: 'pathways.skill.subjectUnknown' });
    let code = `@${subject.code}${input.difficulty}`;
    for (let n = 2; await repo.skillCodeTaken(this.db, actor.centerId, code); n++) code = `@${subject.code}${input.difficulty}-${n}`;
    const siblings = await repo.siblingsOfSkill(this.db, actor.centerId, subject.id);
    const now = this.ctx.clock.nowIso();
    const row = {
      id: newId(),
      centerId: actor.centerId,
      subjectId: subject.id,
      code,
      statement: input.statement,
      difficulty: input.difficulty,
      position: Math.max(-1, ...siblings.map((s) => s.position)) + 1,
      retiredAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertSkill(this.db, row);
    return row;
  }

  async getSkill(actor: Actor, id: string): Promise<repo.SkillInContext> {
    requirePermission(actor, 'pathways.read');
    const [skill] = isUuid(id) ? await repo.findSkillsInContext(this.db, actor.centerId, [id]) : [];
    if (!skill) throw notFound();
    return skill;
  }

  async rewordSkill(actor: Actor, id: string, input: { statement: string; difficulty: number }): Promise<void> {
    requirePermission(actor, 'framework.manage');
    await this.getSkill(actor, id);
    await repo.updateSkill(this.db, actor.centerId, id, { statement: input.statement, difficulty: input.difficulty, updatedAt: this.ctx.clock.nowIso() });
  }

  async setRetired(actor: Actor, id: string, retired: boolean): Promise<void> {
    requirePermission(actor, 'framework.manage');
    const skill = await this.getSkill(actor, id);
    const now = this.ctx.clock.nowIso();
    await repo.updateSkill(this.db, actor.centerId, id, { retiredAt: retired ? (skill.retiredAt ?? now) : null, updatedAt: now });
  }

  /** Moves a skill one place up or down among the skills of its subject. */
  async moveSkill(actor: Actor, id: string, direction: 'up' | 'down'): Promise<void> {
    requirePermission(actor, 'framework.manage');
    const skill = await this.getSkill(actor, id);
    await this.db.transaction().execute(async (trx) => {
      const siblings = await repo.siblingsOfSkill(trx, actor.centerId, skill.subjectId);
      const from = siblings.findIndex((s) => s.id === id);
      const to = direction === 'up' ? from - 1 : from + 1;
      if (from < 0 || to < 0 || to >= siblings.length) return;
      const order = [...siblings];
      [order[from], order[to]] = [order[to]!, order[from]!];
      const now = this.ctx.clock.nowIso();
      for (const [position, s] of order.entries()) {
        if (s.position !== position) await repo.updateSkill(trx, actor.centerId, s.id, { position, updatedAt: now });
      }
    });
  }

  /** Active skills with their place in the framework, for pickers and the quiz. */
  async activeSkills(centerId: string): Promise<repo.SkillInContext[]> {
    await this.ensure(centerId);
    return repo.listActiveSkillsInContext(this.db, centerId);
  }

  async skillsByIds(centerId: string, ids: readonly string[]): Promise<repo.SkillInContext[]> {
    return repo.findSkillsInContext(this.db, centerId, ids.filter(isUuid));
  }
}
