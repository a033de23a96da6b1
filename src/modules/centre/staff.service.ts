/**
 * Staff accounts and API tokens of a centre.
 *
 * Rules: only admins manage them (`users.manage`), within their own centre. Accounts are
 * invited by e-mail with a link to choose a password (the admin never knows it). A partner
 * account is tied to one of the centre's partner communes. An admin cannot deactivate or
 * demote themselves, and a centre always keeps one active admin, so nobody locks the centre
 * out. An API token is shown once and only its hash is stored. Every change is audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ApiTokenRow, UserRow } from '../../platform/auth/auth.repository.ts';
import { isCentreRole, type Role } from '../../platform/auth/roles.ts';
import { audit } from '../../platform/audit.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import * as repo from './centre.repository.ts';

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partnerCommuneInsee: string | null;
  active: boolean;
  /** The person has not chosen a password yet. */
  invitationPending: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export type ApiToken = ApiTokenRow;

export interface StaffInput {
  displayName: string;
  email: string;
  role: Role;
  partnerCommuneInsee?: string | null;
}

export interface StaffPatch {
  displayName?: string;
  role?: Role;
  partnerCommuneInsee?: string | null;
  active?: boolean;
}

export function toStaffMember(user: UserRow): StaffMember {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    partnerCommuneInsee: user.partnerCommuneInsee,
    active: user.active,
    invitationPending: user.passwordHash === null,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}

export class StaffService {
  private readonly db: Kysely<Database>;

  constructor(private readonly ctx: AppContext) {
    this.db = ctx.kysely;
  }

  /** The invitation names the centre. */
  private async centre(centerId: string): Promise<repo.CentreRow> {
    const row = await repo.findCentre(this.db, centerId);
    if (!row) throw notFound();
    return row;
  }

  // — Staff accounts —

  async listStaffAs(actor: Actor): Promise<StaffMember[]> {
    requirePermission(actor, 'users.manage');
    return (await this.ctx.auth.listUsers(actor.centerId)).map(toStaffMember);
  }

  async getStaffAs(actor: Actor, id: string): Promise<StaffMember> {
    requirePermission(actor, 'users.manage');
    return toStaffMember(await this.ctx.auth.findUser(actor.centerId, id));
  }

  /** A partner account needs one of the centre's partner communes; other roles have none. */
  private async partnerCommuneFor(centerId: string, role: Role, insee: string | null | undefined): Promise<string | null> {
    if (role !== 'partner') return null;
    const communes = await repo.listPartnerCommunes(this.db, centerId);
    if (!insee || !communes.some((c) => c.communeInsee === insee)) {
      throw invalid({ partnerCommuneInsee: communes.length ? 'admin.team.partnerCommuneRequired' : 'admin.team.noPartnerCommune' });
    }
    return insee;
  }

  /** Creates an account and e-mails the person a link to choose their password (valid 7 days). */
  async inviteStaffAs(actor: Actor, input: StaffInput, locale: Locale = 'fr'): Promise<StaffMember> {
    requirePermission(actor, 'users.manage');
    if (!isCentreRole(input.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const displayName = input.displayName.trim();
    if (!displayName) throw invalid({ displayName: 'admin.team.nameRequired' });
    const partnerCommuneInsee = await this.partnerCommuneFor(actor.centerId, input.role, input.partnerCommuneInsee);
    const centre = await this.centre(actor.centerId);
    const user = await this.db.transaction().execute(async (trx) => {
      const created = await this.ctx.auth.inviteUser(
        { centerId: actor.centerId, email: input.email, displayName, role: input.role, partnerCommuneInsee },
        { locale, centreName: centre.name, invitedBy: actor.label },
        trx,
      );
      await audit(trx, this.ctx.clock, actor, 'create', 'user', created.id, { role: created.role });
      return created;
    });
    return toStaffMember({ ...user, passwordHash: null });
  }

  /**
   * Changes an account's name, role, partner commune or active state. An admin cannot
   * deactivate or demote themselves, and the last active admin stays one.
   */
  async updateStaffAs(actor: Actor, id: string, patch: StaffPatch): Promise<StaffMember> {
    requirePermission(actor, 'users.manage');
    const current = await this.ctx.auth.findUser(actor.centerId, id);
    if (patch.role !== undefined && !isCentreRole(patch.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const role = patch.role ?? current.role;
    const active = patch.active ?? current.active;
    if (actor.userId === id) {
      if (!active) throw conflict('admin.team.cannotDeactivateSelf', { active: 'admin.team.cannotDeactivateSelf' });
      if (role !== 'admin') throw conflict('admin.team.cannotDemoteSelf', { role: 'admin.team.cannotDemoteSelf' });
    }
    if (current.role === 'admin' && current.active && (role !== 'admin' || !active)) {
      const others = (await this.ctx.auth.listUsers(actor.centerId)).filter((u) => u.id !== id && u.role === 'admin' && u.active);
      if (others.length === 0) throw conflict('admin.team.lastAdmin', { [role !== 'admin' ? 'role' : 'active']: 'admin.team.lastAdmin' });
    }
    const changes: StaffPatch = {};
    if (patch.displayName !== undefined) {
      const displayName = patch.displayName.trim();
      if (!displayName) throw invalid({ displayName: 'admin.team.nameRequired' });
      if (displayName !== current.displayName) changes.displayName = displayName;
    }
    if (role !== current.role) changes.role = role;
    if (active !== current.active) changes.active = active;
    if (patch.role !== undefined || patch.partnerCommuneInsee !== undefined) {
      const requested = patch.partnerCommuneInsee !== undefined ? patch.partnerCommuneInsee : current.partnerCommuneInsee;
      const partnerCommuneInsee = await this.partnerCommuneFor(actor.centerId, role, requested);
      if (partnerCommuneInsee !== current.partnerCommuneInsee) changes.partnerCommuneInsee = partnerCommuneInsee;
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) return toStaffMember(current);
    await this.db.transaction().execute(async (trx) => {
      await this.ctx.auth.updateUser(actor.centerId, id, changes, trx);
      const action = fields.length === 1 && changes.active !== undefined ? (changes.active ? 'grant' : 'revoke') : 'update';
      await audit(trx, this.ctx.clock, actor, action, 'user', id, {
        fields,
        ...(changes.role ? { role: { from: current.role, to: changes.role } } : {}),
      });
    });
    return toStaffMember({ ...current, ...changes } as UserRow);
  }

  /** Sends a fresh invitation link to an account that has not chosen its password yet. */
  async resendInvitationAs(actor: Actor, id: string, locale: Locale = 'fr'): Promise<void> {
    requirePermission(actor, 'users.manage');
    const user = await this.ctx.auth.findUser(actor.centerId, id);
    if (!user.active || user.passwordHash !== null) throw conflict('admin.team.invitationNotPending');
    const centre = await this.centre(actor.centerId);
    await this.db.transaction().execute(async (trx) => {
      await this.ctx.auth.sendInvitation(user, { locale, centreName: centre.name, invitedBy: actor.label }, trx);
      await audit(trx, this.ctx.clock, actor, 'update', 'user', id, { invitationResent: true });
    });
  }

  // — API tokens —

  listTokensAs(actor: Actor): Promise<ApiToken[]> {
    requirePermission(actor, 'users.manage');
    return this.ctx.auth.listTokens(actor.centerId);
  }

  /** One token of the actor's centre, revoked or not; 404 for another centre's. */
  findTokenAs(actor: Actor, id: string): Promise<ApiToken> {
    requirePermission(actor, 'users.manage');
    return this.ctx.auth.findToken(actor.centerId, id);
  }

  /** Creates a token; its clear value is in the answer and nowhere else, ever. */
  async createTokenAs(actor: Actor, input: { name: string; role: Role }): Promise<{ id: string; token: string; name: string; role: Role }> {
    requirePermission(actor, 'users.manage');
    const name = input.name.trim();
    if (!name) throw invalid({ name: 'admin.tokens.nameRequired' });
    if (name.length > 80) throw invalid({ name: 'admin.tooLong' });
    if (!isCentreRole(input.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const created = await this.ctx.auth.createToken(actor.centerId, input.role, name);
    await audit(this.db, this.ctx.clock, actor, 'grant', 'api_token', created.id, { role: input.role });
    return { ...created, name, role: input.role };
  }

  async revokeTokenAs(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'users.manage');
    await this.ctx.auth.revokeToken(actor.centerId, id);
    await audit(this.db, this.ctx.clock, actor, 'revoke', 'api_token', id);
  }
}
