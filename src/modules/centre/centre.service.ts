/**
 * The centre module owns the tenant itself. This file: the centre's details and opening hours,
 * and the admin's overview; the sites and partner communes are in sites.service.ts, the staff
 * accounts and API tokens in staff.service.ts, reached as `centre.sites` and `centre.staff`.
 *
 * Rules: every staff role may read the centre (`centre.read`); only admins change it
 * (`centre.manage`). Everything is scoped to the actor's centre. A centre's slug is
 * `[a-z0-9-]{2,40}` and unique (the unique index decides between two creations at once). Its
 * commune is an INSEE code resolved from what was typed; a name shared by several communes
 * asks for the postal code. Opening hours must be valid OSM `opening_hours` (the format of the
 * national listing of digital mediation places) and are stored in the library's canonical
 * spelling. Every change is audited, in the same transaction as the change, and forgets the
 * cached centre of this process.
 *
 * What other modules call (no actor, no permission check — they already have one):
 *   getCentre(centerId) → CentreDetails (404 AppError when unknown)
 *   listSites(centerId, { includeArchived? }) → Site[] (active only unless asked)
 *   getSite(centerId, id) → Site | undefined (undefined for another centre's site)
 *   listPartnerCommunes(centerId) → PartnerCommune[]
 * For the CLI and demo data: createCentre(NewCentre), createSite(centerId, SiteInput),
 * addPartnerCommune(centerId, PartnerCommuneInput).
 * For pages and the API (actor first, permission checked): getCentreAs, updateCentre,
 * overviewAs here; the `…As` methods of `sites` and `staff`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { audit } from '../../platform/audit.ts';
import { communeByCode } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { forgetCentres } from '../../platform/tenancy.ts';
import * as repo from './centre.repository.ts';
import { checkOpeningHours, checkSiret, cleanText, communeOfChoice, requiredName, type CommuneChoice } from './centre.rules.ts';
import { describeOpeningHours } from './opening-hours.ts';
import { SiteService, type PartnerCommune, type PartnerCommuneInput, type Site, type SiteInput } from './sites.service.ts';
import { StaffService } from './staff.service.ts';

export { AmbiguousCommuneError } from './centre.rules.ts';
export type { PartnerCommune, PartnerCommuneInput, Site, SiteInput } from './sites.service.ts';
export type { ApiToken, StaffMember } from './staff.service.ts';

/** The centre as pages and the API show it: its row, with the commune's name and the hours in words. */
export type CentreDetails = repo.CentreRow & {
  communeName: string;
  /** "lundi : 9 h – 12 h, 14 h – 17 h 30" … for a usual week; null when no hours are set. */
  openingHoursText: string[] | null;
};

export interface CentreOverview {
  centre: CentreDetails;
  sites: { active: number; archived: number };
  partnerCommunes: number;
  staff: { active: number; total: number };
  tokens: number;
}

export interface CentreInput extends CommuneChoice {
  name: string;
  address?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
  siret?: string | null;
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
  siret?: string | null;
  /**
   * The roles that must use two-step sign-in. A new centre requires it of its administrators
   * unless told otherwise (the demo centre is made without, so that anyone can try it).
   */
  twoStepRoles?: readonly Role[];
}

const SLUG = /^[a-z0-9-]{2,40}$/;
function toCentre(row: repo.CentreRow, now: Date): CentreDetails {
  return {
    ...row,
    communeName: communeByCode(row.communeInsee)?.name ?? row.communeInsee,
    openingHoursText: describeOpeningHours(row.openingHours, now),
  };
}

export class CentreService {
  private readonly db: Kysely<Database>;
  /** Sites and partner communes (sites.service.ts). */
  readonly sites: SiteService;
  /** Staff accounts and API tokens (staff.service.ts). */
  readonly staff: StaffService;

  constructor(private readonly ctx: AppContext) {
    this.db = ctx.kysely;
    this.sites = new SiteService(ctx);
    this.staff = new StaffService(ctx);
  }

  // — The centre —

  async getCentre(centerId: string): Promise<CentreDetails> {
    const row = await repo.findCentre(this.db, centerId);
    if (!row) throw notFound();
    return toCentre(row, this.ctx.clock.now());
  }

  async getCentreAs(actor: Actor): Promise<CentreDetails> {
    requirePermission(actor, 'centre.read');
    return this.getCentre(actor.centerId);
  }

  /** Creates a centre (CLI, demo): slug `[a-z0-9-]{2,40}` and unique, a known commune, valid hours. */
  async createCentre(input: NewCentre): Promise<CentreDetails> {
    const slug = input.slug.trim();
    if (!SLUG.test(slug)) throw invalid({ slug: 'admin.centre.slugInvalid' });
    const name = requiredName(input.name, 'admin.centre.nameRequired');
    const commune = communeOfChoice({ communeInsee: input.communeInsee });
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
      siret: checkSiret(input.siret),
      twoStepRoles: (input.twoStepRoles ?? ['admin']).join(','),
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
    requirePermission(actor, 'centre.manage');
    const updated = await this.db.transaction().execute(async (trx) => {
      const current = await repo.findCentre(trx, actor.centerId);
      if (!current) throw notFound();
      const changes: Partial<repo.CentreRow> = {};
      if (patch.name !== undefined) changes.name = requiredName(patch.name, 'admin.centre.nameRequired');
      if (patch.address !== undefined) changes.address = cleanText(patch.address, 200, 'address');
      if (patch.postalCode !== undefined) changes.postalCode = patch.postalCode || null;
      if (patch.phone !== undefined) changes.phone = patch.phone || null;
      if (patch.email !== undefined) changes.email = patch.email || null;
      if (patch.siret !== undefined) changes.siret = checkSiret(patch.siret);
      if (patch.openingHours !== undefined) changes.openingHours = checkOpeningHours(patch.openingHours);
      if (patch.commune !== undefined || patch.communeInsee !== undefined) {
        const postal = changes.postalCode !== undefined ? changes.postalCode : current.postalCode;
        const commune = communeOfChoice(patch, postal);
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
    // Pages read the centre through a short cache: forget it once the change is committed
    // (other instances forget theirs when the change bus tells them).
    forgetCentres(this.db);
    await this.ctx.changes.publish('centre', actor.centerId);
    return updated;
  }

  async overviewAs(actor: Actor): Promise<CentreOverview> {
    requirePermission(actor, 'centre.manage');
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
  // — What other modules, the CLI and demo data call (see sites.service.ts) —

  listSites(centerId: string, options: { includeArchived?: boolean } = {}): Promise<Site[]> {
    return this.sites.listSites(centerId, options);
  }

  getSite(centerId: string, id: string): Promise<Site | undefined> {
    return this.sites.getSite(centerId, id);
  }

  listPartnerCommunes(centerId: string): Promise<PartnerCommune[]> {
    return this.sites.listPartnerCommunes(centerId);
  }

  createSite(centerId: string, input: SiteInput): Promise<Site> {
    return this.sites.createSite(centerId, input);
  }

  addPartnerCommune(centerId: string, input: PartnerCommuneInput): Promise<PartnerCommune> {
    return this.sites.addPartnerCommune(centerId, input);
  }
}
