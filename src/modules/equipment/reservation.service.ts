/**
 * Reservations of an item or of the studio (an item of category "espace") for a period of
 * days — for a workshop, a person, a partner village. Rules it owns:
 * - two active reservations of one item never share a day, nor does a reservation overlap the
 *   current loan's period: the item row is locked, then checked, inside one transaction;
 * - an item that requires a training is reserved for a person only once they completed it;
 * - at pick-up the reservation becomes a loan, in the same transaction.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { parisDate } from '../../platform/time.ts';
import * as repo from './equipment.repository.ts';
import type { ReservationStatus } from './equipment.vocab.ts';
import type { InventoryService } from './inventory.service.ts';
import { day, type LoanService } from './loan.service.ts';
import type { PeoplePort } from './ports.ts';

export interface ReserveInput {
  itemId: string;
  personId: string | null;
  purpose: string;
  startsOn: string;
  endsOn: string;
}

export interface ReservationView extends repo.ReservationRow {
  itemName: string;
  assetTag: string;
  personName: string | null;
}

export class ReservationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly inventory: InventoryService,
    private readonly loans: LoanService,
    private readonly people: PeoplePort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  async reserve(actor: Actor, input: ReserveInput): Promise<repo.ReservationRow> {
    requirePermission(actor, 'equipment.lend');
    const item = await this.inventory.find(actor.centerId, input.itemId);
    if (item.status === 'retired') throw invalid({ itemId: 'equipment.loan.unavailable' });
    const today = parisDate(this.ctx.clock.now());
    if (input.startsOn < today) throw invalid({ startsOn: 'equipment.reservation.inPast' });
    if (input.endsOn < input.startsOn) throw invalid({ endsOn: 'equipment.reservation.endBeforeStart' });
    if (input.personId) {
      if (!isUuid(input.personId) || !(await this.people.canSee(actor, input.personId))) throw invalid({ personId: 'equipment.loan.personUnknown' });
      await this.loans.assertTrained(actor.centerId, item, input.personId);
    }
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await repo.lockItem(trx, actor.centerId, item.id);
      const [clash] = await repo.overlappingReservations(trx, actor.centerId, item.id, input.startsOn, input.endsOn);
      if (clash) {
        const params = { from: day(clash.startsOn), to: day(clash.endsOn) };
        throw new AppError(409, 'conflict', 'equipment.reservation.overlap', { startsOn: translate('fr', 'equipment.reservation.overlap', params) }, params);
      }
      const loan = await repo.activeLoanOfItem(trx, actor.centerId, item.id);
      if (loan && loan.dueOn >= input.startsOn && loan.personId !== input.personId) {
        const params = { due: day(loan.dueOn) };
        throw new AppError(409, 'conflict', 'equipment.reservation.lent', { startsOn: translate('fr', 'equipment.reservation.lent', params) }, params);
      }
      const now = this.ctx.clock.nowIso();
      await repo.insertReservation(trx, {
        id, centerId: actor.centerId, itemId: item.id, personId: input.personId, purpose: input.purpose, startsOn: input.startsOn, endsOn: input.endsOn,
        status: 'active', loanId: null, createdBy: actor.userId, createdAt: now, updatedAt: now,
      });
      await audit(trx, this.ctx.clock, actor, 'create', 'equipment_reservation', id, { itemId: item.id, personId: input.personId });
    });
    return (await repo.findReservation(this.db, actor.centerId, id))!;
  }

  async find(actor: Actor, id: string): Promise<repo.ReservationRow> {
    requirePermission(actor, 'equipment.lend');
    const row = isUuid(id) ? await repo.findReservation(this.db, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    return row;
  }

  async cancel(actor: Actor, id: string): Promise<void> {
    const row = await this.find(actor, id);
    if (row.status !== 'active') throw new AppError(409, 'conflict', 'equipment.reservation.notActive');
    await repo.updateReservation(this.db, actor.centerId, id, { status: 'cancelled', updatedAt: this.ctx.clock.nowIso() });
  }

  /** The person comes to fetch the item: the reservation becomes a loan (due at its last day unless chosen). */
  async pickUp(actor: Actor, id: string, input: { personId?: string | null; dueOn?: string | null; conditionOut?: string | null; reminders: boolean }): Promise<repo.LoanRow> {
    const row = await this.find(actor, id);
    if (row.status !== 'active') throw new AppError(409, 'conflict', 'equipment.reservation.notActive');
    const personId = input.personId ?? row.personId;
    if (!personId) throw invalid({ personId: 'equipment.loan.personRequired' });
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw invalid({ personId: 'equipment.loan.personUnknown' });
    const item = await this.inventory.find(actor.centerId, row.itemId);
    await this.loans.assertTrained(actor.centerId, item, personId);
    const loanId = await this.db.transaction().execute(async (trx) => {
      const loanId = await this.loans.lendInTransaction(trx, actor, item, {
        itemId: item.id, personId, dueOn: input.dueOn ?? row.endsOn, conditionOut: input.conditionOut ?? null, reminders: input.reminders,
      }, row.id);
      await repo.updateReservation(trx, actor.centerId, id, { status: 'picked_up', loanId, personId, updatedAt: this.ctx.clock.nowIso() });
      return loanId;
    });
    return this.loans.find(actor, loanId);
  }

  /** Reservations by start date; `upcoming`: the active ones not over yet; `status`: those in that status. */
  async list(actor: Actor, filter: { itemId?: string; personId?: string; upcoming?: boolean; status?: ReservationStatus } = {}): Promise<ReservationView[]> {
    requirePermission(actor, 'equipment.lend');
    const rows = await repo.listReservations(this.db, actor.centerId, {
      itemId: filter.itemId, personId: filter.personId, fromDay: filter.upcoming ? parisDate(this.ctx.clock.now()) : undefined, status: filter.status,
    });
    const items = new Map((await repo.listItems(this.db, actor.centerId)).map((i) => [i.id, i]));
    const out: ReservationView[] = [];
    for (const r of rows) {
      let personName: string | null = null;
      if (r.personId) {
        const p = await this.people.getSummary(actor.centerId, r.personId);
        personName = !p || p.erased ? translate('fr', 'equipment.person.erased') : [p.firstName, p.lastName].filter(Boolean).join(' ');
      }
      const item = items.get(r.itemId);
      out.push({ ...r, itemName: item?.name ?? '', assetTag: item?.assetTag ?? '', personName });
    }
    return out;
  }
}
