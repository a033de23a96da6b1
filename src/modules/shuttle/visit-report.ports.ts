/**
 * What a visit report needs from the modules before the navette, as small interfaces, and the
 * adapters over the real modules (made once in shuttle.module.ts):
 * - people: who the person is (name, phone) and whether the writer may see them;
 * - help desk: the accompaniment record, written inside the report's own transaction, the
 *   appointment booked for the person, and the free slots the report can offer;
 * - pathways and equipment: what the follow-up links point at (pathways, tablets to lend).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import type { MediationEquipment, MediationTheme } from '../../platform/vocab/mediation.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { EquipmentModule } from '../equipment/equipment.module.ts';
import type { HelpdeskModule } from '../helpdesk/helpdesk.routes.tsx';
import type { Autonomy } from '../helpdesk/helpdesk.vocab.ts';
import type { PathwaysModule } from '../pathways/pathways.module.ts';

export interface VisitPerson {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  erased: boolean;
}

export interface VisitPeoplePort {
  canSee(actor: Actor, personId: string): Promise<boolean>;
  getSummary(centerId: string, id: string): Promise<VisitPerson | undefined>;
}

export interface HomeVisitRecord {
  personId: string;
  occurredAt: string;
  durationMinutes: number;
  themes: MediationTheme[];
  equipment: MediationEquipment[];
  autonomy: Autonomy;
  details: string;
  followUp: boolean;
}

/** A free help-desk slot the report can book for the person. */
export interface OfferedSlot {
  motifId: string;
  motifName: string;
  siteId: string;
  siteName: string;
  startAt: string;
}

export interface HelpdeskPort {
  /** The accompaniment (place type `domicile`), inside the caller's transaction. */
  recordHomeVisit(trx: Transaction<Database>, actor: Actor, record: HomeVisitRecord): Promise<{ id: string }>;
  /** Books a help-desk appointment for a known person; throws the help desk's refusal when the slot is gone. */
  book(actor: Actor, input: { motifId: string; siteId: string; startAt: string; personId: string }): Promise<{ id: string; startAt: string }>;
  /** The next free slots of each motif staff may book (a few per motif). */
  offeredSlots(actor: Actor): Promise<OfferedSlot[]>;
}

export interface FollowUpTargets {
  pathways: { id: string; title: string }[];
  tablets: { id: string; name: string; assetTag: string }[];
}

export interface FollowUpPort {
  /** Pathways open for enrolment and tablets free to lend, as far as the actor may use them. */
  targets(actor: Actor): Promise<FollowUpTargets>;
}

const SLOTS_PER_MOTIF = 4;

export function helpdeskPort(helpdesk: HelpdeskModule, centre: CentreService): HelpdeskPort {
  return {
    async recordHomeVisit(trx, actor, record) {
      const saved = await helpdesk.accompaniments.recordInTransaction(trx, actor, {
        ...record,
        placeType: 'domicile',
        procedureCategory: undefined,
        redirected: false,
        redirectStructure: undefined,
      });
      return { id: saved.id };
    },
    async book(actor, input) {
      const result = await helpdesk.booking.book(actor, actor.centerId, { ...input, note: null });
      return { id: result.appointment.id, startAt: result.appointment.startAt };
    },
    async offeredSlots(actor) {
      if (!can(actor.role, 'helpdesk.desk')) return [];
      const sites = new Map((await centre.listSites(actor.centerId)).map((s) => [s.id, s.name]));
      const out: OfferedSlot[] = [];
      for (const motif of await helpdesk.settings.listMotifs(actor)) {
        const { slots } = await helpdesk.availability.slots(actor.centerId, { motifId: motif.id }, 'staff');
        for (const slot of slots.slice(0, SLOTS_PER_MOTIF)) {
          out.push({ motifId: motif.id, motifName: motif.name, siteId: slot.siteId, siteName: sites.get(slot.siteId) ?? '', startAt: slot.startAt });
        }
      }
      return out;
    },
  };
}

export function followUpPort(pathways: PathwaysModule, equipment: EquipmentModule): FollowUpPort {
  return {
    async targets(actor) {
      const open = can(actor.role, 'pathways.enrol') ? await pathways.pathways.list(actor) : [];
      const items = can(actor.role, 'equipment.lend') ? await equipment.inventory.list(actor) : [];
      return {
        pathways: open.filter((p) => !p.archivedAt).map((p) => ({ id: p.id, title: p.title })),
        tablets: items
          .filter((i) => i.category === 'tablette' && i.lendable && i.displayStatus === 'available')
          .map((i) => ({ id: i.id, name: i.name, assetTag: i.assetTag })),
      };
    },
  };
}
