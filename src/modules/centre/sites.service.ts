/**
 * Sites (lieux) and partner communes of a centre.
 *
 * Rules: every staff role may read the sites (`centre.read`); only admins change them or the
 * partner communes (`centre.manage`). Everything is scoped to the actor's centre, another
 * centre's id answers 404. A site's commune is an INSEE code resolved from what was typed.
 * Archived sites are kept, because past sessions and visits point at them, but are left out
 * of choices. A commune is a partner once (the unique index decides between two admins
 * adding it at once), and a partner commune with active partner accounts cannot be removed.
 * Every change is audited, in the same transaction as the change.
 *
 * What other modules call (no actor, no permission check — they already have one), through
 * CentreService: listSites, getSite, listPartnerCommunes; the CLI and demo data createSite and
 * addPartnerCommune.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { ALL_CENTRES } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { audit } from '../../platform/audit.ts';
import { communeByCode, communeLabel } from '../../platform/communes.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { compareFrench } from '../../platform/text.ts';
import * as repo from './centre.repository.ts';
import { cleanText, communeOfChoice, requiredName, type CommuneChoice } from './centre.rules.ts';
import { SITE_KINDS, type SiteKind } from './centre.schemas.ts';

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

/** How long a site read by id is kept (the same delay as the centre's, platform/tenancy.ts). */
const SITE_KEPT_MS = 10_000;

export class SiteService {
  private readonly db: Kysely<Database>;
  /**
   * Sites read by id lately, by centre: every message about a session names its place, and a
   * crowd registering for one session asked for the same site a thousand times. Forgotten at
   * any change of a centre's sites, here and in the other instances (ctx.changes, 'centre').
   */
  readonly #kept = new Map<string, Map<string, { site: Site; until: number }>>();
  /** Bumped by every change: a read that began before it does not keep what it read. */
  #generation = 0;

  constructor(private readonly ctx: AppContext) {
    this.db = ctx.kysely;
    ctx.changes.subscribe('centre', (centreId) => {
      this.#generation++;
      if (centreId === ALL_CENTRES) this.#kept.clear();
      else this.#kept.delete(centreId);
    });
  }

  // — Sites —

  async listSites(centerId: string, options: { includeArchived?: boolean } = {}): Promise<Site[]> {
    return (await repo.listSites(this.db, centerId, options.includeArchived ?? false)).map(toSite);
  }

  async getSite(centerId: string, id: string): Promise<Site | undefined> {
    // Process time, not the app's clock: how long a kept row may live, not a date.
    const hit = this.#kept.get(centerId)?.get(id);
    if (hit && hit.until > Date.now()) return { ...hit.site };
    const generation = this.#generation;
    const row = await repo.findSite(this.db, centerId, id);
    if (!row) return undefined;
    const site = toSite(row);
    if (generation === this.#generation) {
      let sites = this.#kept.get(centerId);
      if (!sites) this.#kept.set(centerId, (sites = new Map()));
      sites.set(id, { site, until: Date.now() + SITE_KEPT_MS });
    }
    return { ...site };
  }

  listSitesAs(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<Site[]> {
    requirePermission(actor, 'centre.read');
    return this.listSites(actor.centerId, options);
  }

  async getSiteAs(actor: Actor, id: string): Promise<Site> {
    requirePermission(actor, 'centre.read');
    const site = await this.getSite(actor.centerId, id);
    if (!site) throw notFound();
    return site;
  }

  private buildSite(centerId: string, input: SiteInput): repo.SiteRow {
    if (!(SITE_KINDS as readonly string[]).includes(input.kind)) throw invalid({ kind: 'admin.site.kindRequired' });
    const commune = communeOfChoice(input);
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
    await this.ctx.changes.publish('centre', centerId);
    return toSite(row);
  }

  async createSiteAs(actor: Actor, input: SiteInput): Promise<Site> {
    requirePermission(actor, 'centre.manage');
    const row = this.buildSite(actor.centerId, input);
    await this.db.transaction().execute(async (trx) => {
      await repo.insertSite(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'site', row.id, { kind: row.kind });
    });
    await this.ctx.changes.publish('centre', actor.centerId);
    return toSite(row);
  }

  /** Changes a site; `archived: true` archives it (kept, hidden from choices), false brings it back. */
  async updateSiteAs(actor: Actor, id: string, patch: SitePatch): Promise<Site> {
    requirePermission(actor, 'centre.manage');
    const site = await this.db.transaction().execute(async (trx) => {
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
        changes.communeInsee = communeOfChoice(patch)?.code ?? null;
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
    // Public pages name the sites: their cached copies, here and in other instances, go.
    await this.ctx.changes.publish('centre', actor.centerId);
    return site;
  }

  // — Partner communes —

  async listPartnerCommunes(centerId: string): Promise<PartnerCommune[]> {
    const rows = (await repo.listPartnerCommunes(this.db, centerId)).map(toPartnerCommune);
    return rows.sort((a, b) => compareFrench(a.communeName, b.communeName));
  }

  listPartnerCommunesAs(actor: Actor): Promise<PartnerCommune[]> {
    requirePermission(actor, 'centre.read');
    return this.listPartnerCommunes(actor.centerId);
  }

  async getPartnerCommuneAs(actor: Actor, id: string): Promise<PartnerCommune> {
    requirePermission(actor, 'centre.read');
    const row = await repo.findPartnerCommune(this.db, actor.centerId, id);
    if (!row) throw notFound();
    return toPartnerCommune(row);
  }

  private async insertPartnerCommune(db: Kysely<Database>, centerId: string, input: PartnerCommuneInput): Promise<repo.PartnerCommuneRow> {
    const commune = communeOfChoice(input);
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
    requirePermission(actor, 'centre.manage');
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
    requirePermission(actor, 'centre.manage');
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
    requirePermission(actor, 'centre.manage');
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

}
