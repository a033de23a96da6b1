/**
 * The inventory: items with their category, asset tag, funder and programme, purchase, site,
 * status and the pathway module a person must complete before using them; kits and their
 * components; the condition notes' history. "Réservé" is never stored: an item is shown
 * reserved when an active reservation covers today. Staff read with equipment.read, change
 * with equipment.manage; the public catalogue carries no personal data.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { newId, isUuid } from '../../platform/ids.ts';
import { parisDate } from '../../platform/time.ts';
import * as repo from './equipment.repository.ts';
import type { Category, ItemStatus } from './equipment.vocab.ts';
import type { CentrePort, TrainingModule, TrainingPort } from './ports.ts';

export interface ItemInput {
  name: string;
  category: Category;
  assetTag: string;
  serialNumber: string | null;
  funder: string | null;
  fundingProgramme: string | null;
  purchaseDate: string | null;
  purchaseValueCents: number | null;
  siteId: string | null;
  lendable: boolean;
  publicDescription: string | null;
  depositCents: number | null;
  requiredModuleId: string | null;
  components: { name: string; quantity: number }[];
}

export type DisplayStatus = ItemStatus | 'reserved';

export interface ItemSummary extends repo.ItemRow {
  displayStatus: DisplayStatus;
  components: repo.ComponentRow[];
  requiredModule: TrainingModule | null;
}

export class InventoryService {
  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentrePort,
    readonly training: TrainingPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  today(): string {
    return parisDate(this.ctx.clock.now());
  }

  async list(actor: Actor): Promise<ItemSummary[]> {
    requirePermission(actor, 'equipment.read');
    return this.summaries(actor.centerId, await repo.listItems(this.db, actor.centerId));
  }

  private async summaries(centerId: string, items: repo.ItemRow[]): Promise<ItemSummary[]> {
    const components = await repo.listComponents(this.db, centerId, items.map((i) => i.id));
    const today = this.today();
    const reservedToday = new Set((await repo.listReservations(this.db, centerId, { fromDay: today })).filter((r) => r.startsOn <= today).map((r) => r.itemId));
    const modules = new Map((await this.training.modules(centerId)).map((m) => [m.id, m]));
    return items.map((item) => ({
      ...item,
      displayStatus: item.status === 'available' && reservedToday.has(item.id) ? 'reserved' : (item.status as ItemStatus),
      components: components.filter((c) => c.itemId === item.id),
      requiredModule: item.requiredModuleId ? (modules.get(item.requiredModuleId) ?? null) : null,
    }));
  }

  /** One item of the actor's centre, or 404. */
  async find(centerId: string, id: string): Promise<repo.ItemRow> {
    const item = isUuid(id) ? await repo.findItem(this.db, centerId, id) : undefined;
    if (!item) throw notFound();
    return item;
  }

  async get(actor: Actor, id: string): Promise<ItemSummary & { notes: repo.NoteRow[] }> {
    requirePermission(actor, 'equipment.read');
    const item = await this.find(actor.centerId, id);
    const [summary] = await this.summaries(actor.centerId, [item]);
    return { ...summary!, notes: await repo.listNotes(this.db, actor.centerId, id) };
  }

  /** What residents may borrow or use, and how (no personal data). */
  async publicCatalogue(centerId: string): Promise<ItemSummary[]> {
    const items = (await repo.listItems(this.db, centerId)).filter((i) => i.status !== 'retired');
    return this.summaries(centerId, items);
  }

  async sites(centerId: string) {
    return (await this.centre.listSites(centerId)).filter((s) => !s.archivedAt);
  }

  async create(actor: Actor, input: ItemInput): Promise<repo.ItemRow> {
    requirePermission(actor, 'equipment.manage');
    await this.check(actor.centerId, input);
    const now = this.ctx.clock.nowIso();
    const id = newId();
    const { components, ...fields } = input;
    try {
      await this.db.transaction().execute(async (trx) => {
        await repo.insertItem(trx, { id, centerId: actor.centerId, ...fields, status: 'available', createdAt: now, updatedAt: now });
        await repo.replaceComponents(trx, actor.centerId, id, this.componentRows(actor.centerId, id, components));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw invalid({ assetTag: 'equipment.item.assetTagTaken' });
      throw error;
    }
    return this.find(actor.centerId, id);
  }

  async update(actor: Actor, id: string, input: ItemInput): Promise<repo.ItemRow> {
    requirePermission(actor, 'equipment.manage');
    await this.find(actor.centerId, id);
    await this.check(actor.centerId, input);
    const { components, ...fields } = input;
    try {
      await this.db.transaction().execute(async (trx) => {
        await repo.updateItem(trx, actor.centerId, id, { ...fields, updatedAt: this.ctx.clock.nowIso() });
        await repo.replaceComponents(trx, actor.centerId, id, this.componentRows(actor.centerId, id, components));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw invalid({ assetTag: 'equipment.item.assetTagTaken' });
      throw error;
    }
    return this.find(actor.centerId, id);
  }

  /** Sends an item to repair, retires it or makes it available again (never while it is lent). */
  async setStatus(actor: Actor, id: string, status: 'available' | 'repair' | 'retired'): Promise<void> {
    requirePermission(actor, 'equipment.manage');
    const item = await this.find(actor.centerId, id);
    if (item.status === 'on_loan') throw new AppError(409, 'conflict', 'equipment.item.onLoan');
    await repo.updateItem(this.db, actor.centerId, id, { status, updatedAt: this.ctx.clock.nowIso() });
  }

  async addNote(actor: Actor, id: string, note: string, loanId: string | null = null): Promise<void> {
    requirePermission(actor, 'equipment.lend');
    await this.find(actor.centerId, id);
    await repo.insertNote(this.db, { id: newId(), centerId: actor.centerId, itemId: id, loanId, note, recordedBy: actor.userId, recordedAt: this.ctx.clock.nowIso() });
  }

  private componentRows(centerId: string, itemId: string, components: ItemInput['components']): repo.ComponentRow[] {
    return components.map((c, position) => ({ id: newId(), centerId, itemId, name: c.name, quantity: c.quantity, position }));
  }

  private async check(centerId: string, input: ItemInput): Promise<void> {
    if (input.siteId && !(await this.sites(centerId)).some((s) => s.id === input.siteId)) throw invalid({ siteId: 'equipment.item.siteUnknown' });
    if (input.requiredModuleId && !(await this.training.module(centerId, input.requiredModuleId))) throw invalid({ requiredModuleId: 'equipment.item.moduleUnknown' });
  }
}
