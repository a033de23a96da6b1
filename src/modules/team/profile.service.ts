/**
 * Team profiles. Rules owned here:
 * - the team is the centre's staff accounts except partners; everyone in it sees the team list
 *   and profiles (team.read), a member edits their own profile and absences, coordinators and
 *   admins anyone's (team.manage);
 * - skills are competences of the centre's framework (its codes, the pathways' vocabulary) and
 *   free tags; availability is a weekly pattern, absences are exceptions by whole days;
 * - trainings followed are the pathways a member completed (read from pathways); trainings
 *   required come from the member's role (pathways' setting) and from the kinds of assignment
 *   (this module's setting, e.g. the help desk requires « Accueillir et accompagner »);
 * - a phone number is needed when the member prefers to be called or texted.
 */
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { parisDate } from '../../platform/time.ts';
import type { CompetencePort, PathwayChoice, TrainingPort } from './ports.ts';
import type { AvailabilityWindow } from './schedule.ts';
import * as repo from './team.repository.ts';
import { isTeamRole, requireSelfOrManager, toProfile, type Profile, type StaffUser } from './team.model.ts';
import { ASSIGNMENT_KINDS, CONTACT_CHANNELS, type AssignmentKind, type ContactChannel } from './team.vocab.ts';
import { compareFrench } from '../../platform/text.ts';

export interface MemberSummary {
  id: string;
  displayName: string;
  role: string;
  active: boolean;
  profile: Profile;
  completed: PathwayChoice[];
}

export interface RequiredTraining {
  pathwayId: string;
  title: string;
  /** The role, or the kind of assignment, that requires it. */
  reason: { role: string } | { kind: AssignmentKind };
  done: boolean;
}

export interface MemberDetail extends MemberSummary {
  email: string;
  required: RequiredTraining[];
  absences: repo.AbsenceRow[];
}

export interface ProfileInput {
  skills: string[];
  tags: string[];
  availability: AvailabilityWindow[];
  contactChannel: ContactChannel;
  phone: string | null;
  contactNote: string | null;
}

export interface KindRequirementView extends repo.KindRequirementRow {
  title: string;
}

const MAX_TAGS = 20;

export class ProfileService {
  constructor(
    private readonly ctx: AppContext,
    readonly training: TrainingPort,
    readonly competences: CompetencePort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  /** A team member of the actor's centre (not a partner); 404 otherwise. */
  async user(centerId: string, userId: string): Promise<StaffUser> {
    if (!isUuid(userId)) throw notFound();
    const user = (await this.ctx.auth.listUsers(centerId)).find((u) => u.id === userId);
    if (!user || !isTeamRole(user.role)) throw notFound();
    return user;
  }

  async members(actor: Actor): Promise<MemberSummary[]> {
    requirePermission(actor, 'team.read');
    const [users, profiles, pathways, completions] = await Promise.all([
      this.ctx.auth.listUsers(actor.centerId),
      repo.listProfiles(this.db, actor.centerId),
      this.training.pathways(actor.centerId),
      this.training.completions(actor.centerId),
    ]);
    const byUser = new Map(profiles.map((p) => [p.userId, p]));
    const out: MemberSummary[] = [];
    for (const u of users.filter((x) => isTeamRole(x.role))) {
      const done = completions.get(u.id) ?? new Set<string>();
      out.push({ id: u.id, displayName: u.displayName, role: u.role, active: Boolean(u.active), profile: toProfile(byUser.get(u.id)), completed: pathways.filter((p) => done.has(p.id)) });
    }
    return out.sort((a, b) => Number(b.active) - Number(a.active) || compareFrench(a.displayName, b.displayName));
  }

  async member(actor: Actor, userId: string): Promise<MemberDetail> {
    requirePermission(actor, 'team.read');
    const user = await this.user(actor.centerId, userId);
    const [row, pathways, done, required, absences] = await Promise.all([
      repo.findProfile(this.db, actor.centerId, user.id),
      this.training.pathways(actor.centerId),
      this.training.completedPathwayIds(actor.centerId, user.id),
      this.requiredOf(actor.centerId, user.role),
      repo.listAbsences(this.db, actor.centerId, user.id, parisDate(this.ctx.clock.now())),
    ]);
    return {
      id: user.id, displayName: user.displayName, email: user.email, role: user.role, active: Boolean(user.active),
      profile: toProfile(row), completed: pathways.filter((p) => done.has(p.id)),
      required: required.map((r) => ({ ...r, done: done.has(r.pathwayId) })), absences,
    };
  }

  /** The trainings a role requires and those each kind of assignment requires. */
  private async requiredOf(centerId: string, role: string): Promise<Omit<RequiredTraining, 'done'>[]> {
    const titles = new Map((await this.training.pathways(centerId)).map((p) => [p.id, p.title]));
    const byRole = (await this.training.requiredForRole(centerId, role)).map((pathwayId) => ({ pathwayId, title: titles.get(pathwayId) ?? '', reason: { role } }));
    const byKind = (await repo.listKindRequirements(this.db, centerId)).map((r) => ({ pathwayId: r.pathwayId, title: titles.get(r.pathwayId) ?? '', reason: { kind: r.kind as AssignmentKind } }));
    return [...byRole, ...byKind];
  }

  /** Titles of the trainings required for this kind of assignment (or the person's role) that the person has not completed. */
  async missingTrainings(centerId: string, user: StaffUser, kind: AssignmentKind): Promise<string[]> {
    const done = await this.training.completedPathwayIds(centerId, user.id);
    const required = (await this.requiredOf(centerId, user.role)).filter((r) => !('kind' in r.reason) || r.reason.kind === kind);
    return [...new Set(required.filter((r) => !done.has(r.pathwayId)).map((r) => r.title))];
  }

  async profileOf(centerId: string, userId: string): Promise<Profile> {
    return toProfile(await repo.findProfile(this.db, centerId, userId));
  }

  async updateProfile(actor: Actor, userId: string, input: ProfileInput): Promise<Profile> {
    requireSelfOrManager(actor, userId);
    const user = await this.user(actor.centerId, userId);
    const errors: FieldErrors = {};
    const known = new Set((await this.competences.competences(actor.centerId)).map((c) => c.code));
    if (input.skills.some((s) => !known.has(s))) errors.skills = 'team.profile.skillUnknown';
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    if (tags.length > MAX_TAGS || tags.some((t) => t.length > 40)) errors.tags = 'team.profile.tagsTooMany';
    if (!(CONTACT_CHANNELS as readonly string[]).includes(input.contactChannel)) errors.contactChannel = 'team.profile.channelRequired';
    if ((input.contactChannel === 'phone' || input.contactChannel === 'sms') && !input.phone) errors.phone = 'team.profile.phoneRequired';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.saveProfile(trx, {
        id: newId(), centerId: actor.centerId, userId: user.id, skills: JSON.stringify([...new Set(input.skills)]), tags: JSON.stringify(tags),
        availability: JSON.stringify(input.availability), contactChannel: input.contactChannel, phone: input.phone, contactNote: input.contactNote,
        createdAt: now, updatedAt: now,
      });
      await audit(trx, this.ctx.clock, actor, 'update', 'team_profile', user.id, { fields: Object.keys(input) });
    });
    return this.profileOf(actor.centerId, user.id);
  }

  async addAbsence(actor: Actor, userId: string, input: { firstDay: string; lastDay: string; reason: string | null }): Promise<repo.AbsenceRow> {
    requireSelfOrManager(actor, userId);
    const user = await this.user(actor.centerId, userId);
    if (input.lastDay < input.firstDay) throw invalid({ lastDay: 'team.absence.lastBeforeFirst' });
    const row: repo.AbsenceRow = { id: newId(), centerId: actor.centerId, userId: user.id, ...input, createdBy: actor.userId, createdAt: this.ctx.clock.nowIso() };
    await repo.insertAbsence(this.db, row);
    return row;
  }

  async removeAbsence(actor: Actor, userId: string, absenceId: string): Promise<void> {
    requireSelfOrManager(actor, userId);
    const user = await this.user(actor.centerId, userId);
    if (!isUuid(absenceId) || (await repo.deleteAbsence(this.db, actor.centerId, user.id, absenceId)) === 0) throw notFound();
  }

  // — trainings required per kind of assignment (a centre setting) —

  async kindRequirements(actor: Actor): Promise<KindRequirementView[]> {
    requirePermission(actor, 'team.read');
    const titles = new Map((await this.training.pathways(actor.centerId)).map((p) => [p.id, p.title]));
    return (await repo.listKindRequirements(this.db, actor.centerId)).map((r) => ({ ...r, title: titles.get(r.pathwayId) ?? '' }));
  }

  async addKindRequirement(actor: Actor, input: { kind: string; pathwayId: string }): Promise<repo.KindRequirementRow> {
    requirePermission(actor, 'team.manage');
    const errors: FieldErrors = {};
    if (!(ASSIGNMENT_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'team.requirement.kindRequired';
    const pathways = await this.training.pathways(actor.centerId);
    if (!pathways.some((p) => p.id === input.pathwayId)) errors.pathwayId = 'team.requirement.pathwayRequired';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    if ((await repo.listKindRequirements(this.db, actor.centerId, input.kind)).some((r) => r.pathwayId === input.pathwayId)) {
      throw conflict('team.requirement.already', { pathwayId: 'team.requirement.already' });
    }
    const row: repo.KindRequirementRow = { id: newId(), centerId: actor.centerId, kind: input.kind, pathwayId: input.pathwayId, createdBy: actor.userId, createdAt: this.ctx.clock.nowIso() };
    try {
      await this.db.transaction().execute(async (trx) => {
        await repo.insertKindRequirement(trx, row);
        await audit(trx, this.ctx.clock, actor, 'create', 'team_requirement', row.id, { kind: row.kind, pathwayId: row.pathwayId });
      });
    } catch (error) {
      // The same requirement added twice at once: the unique index keeps one.
      if (isUniqueViolation(error)) throw conflict('team.requirement.already', { pathwayId: 'team.requirement.already' });
      throw error;
    }
    return row;
  }

  async removeKindRequirement(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'team.manage');
    if (!isUuid(id) || (await repo.deleteKindRequirement(this.db, actor.centerId, id)) === 0) throw notFound();
  }
}
