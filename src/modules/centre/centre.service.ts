/**
 * The centre module owns the tenant itself: the centre's details and opening hours, its
 * sites (lieux), its partner communes, its staff accounts and its API tokens.
 *
 * Rules: every staff role may read the centre and its sites (`centre.read`); only admins
 * change them (`centre.manage`) or manage accounts and tokens (`users.manage`). Everything is
 * scoped to the actor's centre, and another centre's id answers 404. A commune is an INSEE
 * code resolved from what was typed; a name shared by several communes asks for the postal
 * code. Opening hours must be valid OSM `opening_hours` (the format of the national listing
 * of digital mediation places) and are stored in the library's canonical spelling. Archived
 * sites are kept, because past sessions and visits point at them, but are left out of
 * choices. A partner account is tied to one of the centre's partner communes, and a partner
 * commune with active partner accounts cannot be removed. Accounts are invited by e-mail with
 * a link to choose a password (the admin never knows it). An admin cannot deactivate or
 * demote themselves, and a centre always keeps one active admin, so nobody locks the centre
 * out. An API token is shown once and only its hash is stored. Every change is audited,
 * in the same transaction as the change.
 *
 * What other modules call (no actor, no permission check — they already have one):
 *   getCentre(centerId) → CentreDetails (404 AppError when unknown)
 *   listSites(centerId, { includeArchived? }) → Site[] (active only unless asked)
 *   getSite(centerId, id) → Site | undefined (undefined for another centre's site)
 *   listPartnerCommunes(centerId) → PartnerCommune[]
 * For the CLI and demo data: createCentre(NewCentre), createSite(centerId, SiteInput),
 * addPartnerCommune(centerId, PartnerCommuneInput).
 * For pages and the API (actor first, permission checked): getCentreAs, updateCentre,
 * overviewAs, listSitesAs, getSiteAs, createSiteAs, updateSiteAs, listPartnerCommunesAs,
 * getPartnerCommuneAs, addPartnerCommuneAs, updatePartnerCommuneAs, removePartnerCommuneAs,
 * listStaffAs, getStaffAs, inviteStaffAs, updateStaffAs, resendInvitationAs, listTokensAs,
 * createTokenAs, revokeTokenAs.
 */
import { compareFrench } from '../../platform/text.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { ApiTokenRow, UserRow } from '../../platform/auth/auth.repository.ts';
import { can, isRole, type Permission, type Role } from '../../platform/auth/roles.ts';
import { audit } from '../../platform/audit.ts';
import { communeByCode, communeLabel, resolveCommune as resolvePlatformCommune, type Commune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { forgetCentres } from '../../platform/tenancy.ts';
import * as repo from './centre.repository.ts';
import { SITE_KINDS, type SiteKind } from './centre.schemas.ts';
import { describeOpeningHours, normalizeOpeningHours } from './opening-hours.ts';

export type { SiteKind } from './centre.schemas.ts';

/** The centre as pages and the API show it: its row, with the commune's name and the hours in words. */
export type CentreDetails = repo.CentreRow & {
  communeName: string;
  /** "lundi : 9 h – 12 h, 14 h – 17 h 30" … for a usual week; null when no hours are set. */
  openingHoursText: string[] | null;
};

export interface Site {
  id: string;
  centerId: string;
  name: string;
  kind: SiteKind;
  address: string | null;
  communeInsee: string | null;
  communeName: string | null;
  /** Free text: "plain-pied, toilettes adaptées…" */
  accessibility: string | null;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerCommune {
  id: string;
  centerId: string;
  communeInsee: string;
  communeName: string;
  postalCode: string | null;
  /** "Cambrai (59400)" */
  label: string;
  contactName: string | null;
  contactEmail: string | null;
  createdAt: string;
}

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

export interface CentreOverview {
  centre: CentreDetails;
  sites: { active: number; archived: number };
  partnerCommunes: number;
  staff: { active: number; total: number };
  tokens: number;
}

/** A commune is given either as typed text (pages) or as an INSEE code (API, CLI). */
interface CommuneChoice {
  /** What a person typed: a name, "Name (59400)", a postal code or an INSEE code. */
  commune?: string | null;
  communeInsee?: string | null;
}

export interface CentreInput extends CommuneChoice {
  name: string;
  address?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
  openingHours?: string | null;
}
export type CentrePatch = Partial<CentreInput>;

export interface NewCentre {
  slug: string;
  name: string;
  communeInsee: string;
  address?: string | null;
  postalCode?: string | null;
  openingHours?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface SiteInput extends CommuneChoice {
  name: string;
  kind: SiteKind;
  address?: string | null;
  accessibility?: string | null;
}
export type SitePatch = Partial<SiteInput> & { archived?: boolean };

export interface PartnerCommuneInput extends CommuneChoice {
  contactName?: string | null;
  contactEmail?: string | null;
}

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

/**
 * Several communes match what was typed: the form asks which one. `candidates` lets a page
 * offer them as choices.
 */
export class AmbiguousCommuneError extends AppError {
  constructor(
    field: string,
    readonly candidates: Commune[],
  ) {
    super(422, 'invalid', 'errors.invalid', { [field]: 'admin.commune.ambiguous' });
  }
}

const SLUG = /^[a-z0-9-]{2,40}$/;

function toSite(row: repo.SiteRow): Site {
  return {
    ...row,
    kind: (SITE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as SiteKind) : 'other',
    communeName: communeByCode(row.communeInsee)?.name ?? null,
    archived: row.archivedAt !== null,
  };
}

function toPartnerCommune(row: repo.PartnerCommuneRow): PartnerCommune {
  const commune = communeByCode(row.communeInsee);
  return {
    ...row,
    communeName: commune?.name ?? row.communeInsee,
    postalCode: commune?.postalCodes[0] ?? null,
    label: commune ? communeLabel(commune) : row.communeInsee,
  };
}

function toCentre(row: repo.CentreRow, now: Date): CentreDetails {
  return {
    ...row,
    communeName: communeByCode(row.communeInsee)?.name ?? row.communeInsee,
    openingHoursText: describeOpeningHours(row.openingHours, now),
  };
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

/**
 * Resolves a commune from typed text or an INSEE code. A postal code, when the form has one,
 * settles homonyms. Errors are raised on the field that carried the value.
 */
export function resolveCommune(choice: CommuneChoice, postalCode?: string | null): Commune | null {
  if (choice.communeInsee !== undefined && choice.communeInsee !== null) {
    const commune = communeByCode(choice.communeInsee);
    if (!commune) throw invalid({ communeInsee: 'admin.commune.unknown' });
    return commune;
  }
  const resolved = resolvePlatformCommune(choice.commune, { postalCode });
  if (resolved.kind === 'empty') return null;
  if (resolved.kind === 'unknown') throw invalid({ commune: 'admin.commune.unknown' });
  if (resolved.kind === 'ambiguous') {
    throw new AmbiguousCommuneError('commune', [...resolved.candidates].sort((a, b) => a.code.localeCompare(b.code)));
  }
  return resolved.commune;
}

function checkOpeningHours(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const normalized = normalizeOpeningHours(value);
  if (!normalized) throw invalid({ openingHours: 'admin.centre.openingHoursInvalid' });
  return normalized;
}

function requiredName(value: string | undefined, key: string, max = 120): string {
  const name = value?.trim() ?? '';
  if (!name) throw invalid({ name: key });
  if (name.length > max) throw invalid({ name: 'admin.tooLong' });
  return name;
}

function cleanText(value: string | null | undefined, max: number, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw invalid({ [field]: 'admin.tooLong' });
  return text || null;
}

export class CentreService {
  private readonly db: Kysely<Database>;

  constructor(private readonly ctx: AppContext) {
    this.db = ctx.kysely;
  }

  private require(actor: Actor, permission: Permission): void {
    if (!can(actor.role, permission)) throw forbidden();
  }

  // — The centre —

  async getCentre(centerId: string): Promise<CentreDetails> {
    const row = await repo.findCentre(this.db, centerId);
    if (!row) throw notFound();
    return toCentre(row, this.ctx.clock.now());
  }

  async getCentreAs(actor: Actor): Promise<CentreDetails> {
    this.require(actor, 'centre.read');
    return this.getCentre(actor.centerId);
  }

  /** Creates a centre (CLI, demo): slug `[a-z0-9-]{2,40}` and unique, a known commune, valid hours. */
  async createCentre(input: NewCentre): Promise<CentreDetails> {
    const slug = input.slug.trim();
    if (!SLUG.test(slug)) throw invalid({ slug: 'admin.centre.slugInvalid' });
    const name = requiredName(input.name, 'admin.centre.nameRequired');
    const commune = resolveCommune({ communeInsee: input.communeInsee });
    const postalCode = cleanText(input.postalCode, 5, 'postalCode');
    if (postalCode && !/^\d{5}$/.test(postalCode)) throw invalid({ postalCode: 'admin.postalCodeInvalid' });
    const now = this.ctx.clock.nowIso();
    const row: repo.CentreRow = {
      id: newId(),
      slug,
      name,
      address: cleanText(input.address, 200, 'address'),
      postalCode: postalCode ?? commune!.postalCodes[0] ?? null,
      communeInsee: commune!.code,
      openingHours: checkOpeningHours(input.openingHours),
      email: cleanText(input.email, 254, 'email')?.toLowerCase() ?? null,
      phone: cleanText(input.phone, 30, 'phone'),
      createdAt: now,
      updatedAt: now,
    };
    if (await repo.findCentreBySlug(this.db, slug)) throw conflict('admin.centre.slugTaken', { slug: 'admin.centre.slugTaken' });
    try {
      await repo.insertCentre(this.db, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('admin.centre.slugTaken', { slug: 'admin.centre.slugTaken' });
      throw error;
    }
    return toCentre(row, this.ctx.clock.now());
  }

  /** Changes the centre's details; fields left out stay as they are. */
  async updateCentre(actor: Actor, patch: CentrePatch): Promise<CentreDetails> {
    this.require(actor, 'centre.manage');
    const updated = await this.db.transaction().execute(async (trx) => {
      const current = await repo.findCentre(trx, actor.centerId);
      if (!current) throw notFound();
      const changes: Partial<repo.CentreRow> = {};
      if (patch.name !== undefined) changes.name = requiredName(patch.name, 'admin.centre.nameRequired');
      if (patch.address !== undefined) changes.address = cleanText(patch.address, 200, 'address');
      if (patch.postalCode !== undefined) changes.postalCode = patch.postalCode || null;
      if (patch.phone !== undefined) changes.phone = patch.phone || null;
      if (patch.email !== undefined) changes.email = patch.email || null;
      if (patch.openingHours !== undefined) changes.openingHours = checkOpeningHours(patch.openingHours);
      if (patch.commune !== undefined || patch.communeInsee !== undefined) {
        const postal = changes.postalCode !== undefined ? changes.postalCode : current.postalCode;
        const commune = resolveCommune(patch, postal);
        if (!commune) throw invalid({ commune: 'admin.commune.required' });
        changes.communeInsee = commune.code;
      }
      const fields = Object.keys(changes).filter((k) => changes[k as keyof repo.CentreRow] !== current[k as keyof repo.CentreRow]);
      if (fields.length === 0) return toCentre(current, this.ctx.clock.now());
      const updatedAt = this.ctx.clock.nowIso();
      await repo.updateCentre(trx, actor.centerId, { ...changes, updatedAt });
      await audit(trx, this.ctx.clock, actor, 'update', 'centre', actor.centerId, { fields });
      return toCentre({ ...current, ...changes, updatedAt }, this.ctx.clock.now());
    });
    // Pages read the centre through a short cache: forget it once the change is committed.
    forgetCentres(this.db);
    return updated;
  }

  async overviewAs(actor: Actor): Promise<CentreOverview> {
    this.require(actor, 'centre.manage');
    const [centre, sites, communes, users, tokens] = await Promise.all([
      this.getCentre(actor.centerId),
      repo.listSites(this.db, actor.centerId, true),
      repo.listPartnerCommunes(this.db, actor.centerId),
      this.ctx.auth.listUsers(actor.centerId),
      this.ctx.auth.listTokens(actor.centerId),
    ]);
    const archived = sites.filter((s) => s.archivedAt !== null).length;
    return {
      centre,
      sites: { active: sites.length - archived, archived },
      partnerCommunes: communes.length,
      staff: { active: users.filter((u) => u.active).length, total: users.length },
      tokens: tokens.filter((t) => t.revokedAt === null).length,
    };
  }

  // — Sites —

  async listSites(centerId: string, options: { includeArchived?: boolean } = {}): Promise<Site[]> {
    return (await repo.listSites(this.db, centerId, options.includeArchived ?? false)).map(toSite);
  }

  async getSite(centerId: string, id: string): Promise<Site | undefined> {
    const row = await repo.findSite(this.db, centerId, id);
    return row && toSite(row);
  }

  listSitesAs(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<Site[]> {
    this.require(actor, 'centre.read');
    return this.listSites(actor.centerId, options);
  }

  async getSiteAs(actor: Actor, id: string): Promise<Site> {
    this.require(actor, 'centre.read');
    const site = await this.getSite(actor.centerId, id);
    if (!site) throw notFound();
    return site;
  }

  private buildSite(centerId: string, input: SiteInput): repo.SiteRow {
    if (!(SITE_KINDS as readonly string[]).includes(input.kind)) throw invalid({ kind: 'admin.site.kindRequired' });
    const commune = resolveCommune(input);
    const now = this.ctx.clock.nowIso();
    return {
      id: newId(),
      centerId,
      name: requiredName(input.name, 'admin.site.nameRequired'),
      kind: input.kind,
      address: cleanText(input.address, 200, 'address'),
      communeInsee: commune?.code ?? null,
      accessibility: cleanText(input.accessibility, 1000, 'accessibility'),
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Creates a site without an actor (CLI, demo data). */
  async createSite(centerId: string, input: SiteInput): Promise<Site> {
    const row = this.buildSite(centerId, input);
    await repo.insertSite(this.db, row);
    return toSite(row);
  }

  async createSiteAs(actor: Actor, input: SiteInput): Promise<Site> {
    this.require(actor, 'centre.manage');
    const row = this.buildSite(actor.centerId, input);
    await this.db.transaction().execute(async (trx) => {
      await repo.insertSite(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'site', row.id, { kind: row.kind });
    });
    return toSite(row);
  }

  /** Changes a site; `archived: true` archives it (kept, hidden from choices), false brings it back. */
  async updateSiteAs(actor: Actor, id: string, patch: SitePatch): Promise<Site> {
    this.require(actor, 'centre.manage');
    return this.db.transaction().execute(async (trx) => {
      const current = await repo.findSite(trx, actor.centerId, id);
      if (!current) throw notFound();
      const changes: Partial<repo.SiteRow> = {};
      if (patch.name !== undefined) changes.name = requiredName(patch.name, 'admin.site.nameRequired');
      if (patch.kind !== undefined) {
        if (!(SITE_KINDS as readonly string[]).includes(patch.kind)) throw invalid({ kind: 'admin.site.kindRequired' });
        changes.kind = patch.kind;
      }
      if (patch.address !== undefined) changes.address = cleanText(patch.address, 200, 'address');
      if (patch.accessibility !== undefined) changes.accessibility = cleanText(patch.accessibility, 1000, 'accessibility');
      if (patch.commune !== undefined || patch.communeInsee !== undefined) {
        changes.communeInsee = resolveCommune(patch)?.code ?? null;
      }
      if (patch.archived !== undefined && patch.archived !== (current.archivedAt !== null)) {
        changes.archivedAt = patch.archived ? this.ctx.clock.nowIso() : null;
      }
      const fields = Object.keys(changes).filter((k) => changes[k as keyof repo.SiteRow] !== current[k as keyof repo.SiteRow]);
      if (fields.length === 0) return toSite(current);
      const updatedAt = this.ctx.clock.nowIso();
      await repo.updateSite(trx, actor.centerId, id, { ...changes, updatedAt });
      await audit(trx, this.ctx.clock, actor, 'update', 'site', id, { fields });
      return toSite({ ...current, ...changes, updatedAt });
    });
  }

  // — Partner communes —

  async listPartnerCommunes(centerId: string): Promise<PartnerCommune[]> {
    const rows = (await repo.listPartnerCommunes(this.db, centerId)).map(toPartnerCommune);
    return rows.sort((a, b) => compareFrench(a.communeName, b.communeName));
  }

  listPartnerCommunesAs(actor: Actor): Promise<PartnerCommune[]> {
    this.require(actor, 'centre.read');
    return this.listPartnerCommunes(actor.centerId);
  }

  async getPartnerCommuneAs(actor: Actor, id: string): Promise<PartnerCommune> {
    this.require(actor, 'centre.read');
    const row = await repo.findPartnerCommune(this.db, actor.centerId, id);
    if (!row) throw notFound();
    return toPartnerCommune(row);
  }

  private async insertPartnerCommune(db: Kysely<Database>, centerId: string, input: PartnerCommuneInput): Promise<repo.PartnerCommuneRow> {
    const commune = resolveCommune(input);
    const field = input.communeInsee !== undefined && input.communeInsee !== null ? 'communeInsee' : 'commune';
    if (!commune) throw invalid({ [field]: 'admin.commune.required' });
    const duplicate = () => conflict('admin.partner.duplicate', { [field]: 'admin.partner.duplicate' });
    if (await repo.findPartnerCommuneByInsee(db, centerId, commune.code)) throw duplicate();
    const row: repo.PartnerCommuneRow = {
      id: newId(),
      centerId,
      communeInsee: commune.code,
      contactName: cleanText(input.contactName, 120, 'contactName'),
      contactEmail: cleanText(input.contactEmail, 254, 'contactEmail')?.toLowerCase() ?? null,
      createdAt: this.ctx.clock.nowIso(),
    };
    try {
      await repo.insertPartnerCommune(db, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
    return row;
  }

  /** Adds a partner commune without an actor (CLI, demo data). */
  async addPartnerCommune(centerId: string, input: PartnerCommuneInput): Promise<PartnerCommune> {
    return toPartnerCommune(await this.insertPartnerCommune(this.db, centerId, input));
  }

  async addPartnerCommuneAs(actor: Actor, input: PartnerCommuneInput): Promise<PartnerCommune> {
    this.require(actor, 'centre.manage');
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await this.insertPartnerCommune(trx, actor.centerId, input);
      await audit(trx, this.ctx.clock, actor, 'create', 'partner_commune', inserted.id, { communeInsee: inserted.communeInsee });
      return inserted;
    });
    return toPartnerCommune(row);
  }

  async updatePartnerCommuneAs(
    actor: Actor,
    id: string,
    patch: Pick<PartnerCommuneInput, 'contactName' | 'contactEmail'>,
  ): Promise<PartnerCommune> {
    this.require(actor, 'centre.manage');
    return this.db.transaction().execute(async (trx) => {
      const current = await repo.findPartnerCommune(trx, actor.centerId, id);
      if (!current) throw notFound();
      const changes: Partial<repo.PartnerCommuneRow> = {};
      if (patch.contactName !== undefined) changes.contactName = cleanText(patch.contactName, 120, 'contactName');
      if (patch.contactEmail !== undefined) changes.contactEmail = cleanText(patch.contactEmail, 254, 'contactEmail')?.toLowerCase() ?? null;
      const fields = Object.keys(changes).filter(
        (k) => changes[k as keyof repo.PartnerCommuneRow] !== current[k as keyof repo.PartnerCommuneRow],
      );
      if (fields.length === 0) return toPartnerCommune(current);
      await repo.updatePartnerCommune(trx, actor.centerId, id, changes);
      await audit(trx, this.ctx.clock, actor, 'update', 'partner_commune', id, { fields });
      return toPartnerCommune({ ...current, ...changes });
    });
  }

  /** Ends a partnership. Refused while active partner accounts are tied to the commune. */
  async removePartnerCommuneAs(actor: Actor, id: string): Promise<void> {
    this.require(actor, 'centre.manage');
    const row = await repo.findPartnerCommune(this.db, actor.centerId, id);
    if (!row) throw notFound();
    const users = await this.ctx.auth.listUsers(actor.centerId);
    if (users.some((u) => u.active && u.role === 'partner' && u.partnerCommuneInsee === row.communeInsee)) {
      throw conflict('admin.partner.inUse');
    }
    await this.db.transaction().execute(async (trx) => {
      if ((await repo.deletePartnerCommune(trx, actor.centerId, id)) === 0) throw notFound();
      await audit(trx, this.ctx.clock, actor, 'revoke', 'partner_commune', id, { communeInsee: row.communeInsee });
    });
  }

  // — Staff accounts —

  async listStaffAs(actor: Actor): Promise<StaffMember[]> {
    this.require(actor, 'users.manage');
    return (await this.ctx.auth.listUsers(actor.centerId)).map(toStaffMember);
  }

  async getStaffAs(actor: Actor, id: string): Promise<StaffMember> {
    this.require(actor, 'users.manage');
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
    this.require(actor, 'users.manage');
    if (!isRole(input.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const displayName = input.displayName.trim();
    if (!displayName) throw invalid({ displayName: 'admin.team.nameRequired' });
    const partnerCommuneInsee = await this.partnerCommuneFor(actor.centerId, input.role, input.partnerCommuneInsee);
    const centre = await this.getCentre(actor.centerId);
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
    this.require(actor, 'users.manage');
    const current = await this.ctx.auth.findUser(actor.centerId, id);
    if (patch.role !== undefined && !isRole(patch.role)) throw invalid({ role: 'admin.user.roleInvalid' });
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
    this.require(actor, 'users.manage');
    const user = await this.ctx.auth.findUser(actor.centerId, id);
    if (!user.active || user.passwordHash !== null) throw conflict('admin.team.invitationNotPending');
    const centre = await this.getCentre(actor.centerId);
    await this.db.transaction().execute(async (trx) => {
      await this.ctx.auth.sendInvitation(user, { locale, centreName: centre.name, invitedBy: actor.label }, trx);
      await audit(trx, this.ctx.clock, actor, 'update', 'user', id, { invitationResent: true });
    });
  }

  // — API tokens —

  listTokensAs(actor: Actor): Promise<ApiToken[]> {
    this.require(actor, 'users.manage');
    return this.ctx.auth.listTokens(actor.centerId);
  }

  /** Creates a token; its clear value is in the answer and nowhere else, ever. */
  async createTokenAs(actor: Actor, input: { name: string; role: Role }): Promise<{ id: string; token: string; name: string; role: Role }> {
    this.require(actor, 'users.manage');
    const name = input.name.trim();
    if (!name) throw invalid({ name: 'admin.tokens.nameRequired' });
    if (name.length > 80) throw invalid({ name: 'admin.tooLong' });
    if (!isRole(input.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const created = await this.ctx.auth.createToken(actor.centerId, input.role, name);
    await audit(this.db, this.ctx.clock, actor, 'grant', 'api_token', created.id, { role: input.role });
    return { ...created, name, role: input.role };
  }

  async revokeTokenAs(actor: Actor, id: string): Promise<void> {
    this.require(actor, 'users.manage');
    await this.ctx.auth.revokeToken(actor.centerId, id);
    await audit(this.db, this.ctx.clock, actor, 'revoke', 'api_token', id);
  }
}
