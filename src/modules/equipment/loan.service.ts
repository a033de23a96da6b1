/**
 * Loans: an item lent to a person until a due date (the category's default unless staff choose
 * one), with its condition and accessories at check-out, renewals, check-in with the condition
 * and the missing components, the overdue list, and reminders through the outbox 3 days
 * before the due date and once overdue. Rules it owns:
 * - one active loan per item: the item row is locked, then checked, and a partial unique index
 *   (equipment_loans_active_uq) refuses a second one whatever happens;
 * - an item that requires a training is lent only to a person who completed that module;
 * - a loan may not run over another person's reservation of the item.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { isMobilePhone } from '../../platform/text.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { formatDate } from '../../ui/format.ts';
import * as repo from './equipment.repository.ts';
import { buildLoanAgreement } from './loan-agreement.ts';
import { DEFAULT_LOAN_DAYS, MAX_RENEWALS, REMINDER_DAYS_BEFORE, type Category } from './equipment.vocab.ts';
import type { InventoryService } from './inventory.service.ts';
import type { PeoplePort, PersonSummary } from './ports.ts';

/** A calendar date in words ("lundi 8 décembre 2026"). */
export function day(date: string): string {
  return formatDate(`${date}T12:00:00Z`);
}

export interface LendInput {
  itemId: string;
  personId: string;
  dueOn?: string | null;
  conditionOut?: string | null;
  depositCents?: number | null;
  reminders: boolean;
}

export interface CheckInInput {
  condition: string | null;
  missingComponents: string[];
  toRepair: boolean;
}

export interface LoanView extends repo.LoanRow {
  itemName: string;
  assetTag: string;
  personName: string;
  overdue: boolean;
}

export class LoanService {
  constructor(
    private readonly ctx: AppContext,
    private readonly inventory: InventoryService,
    private readonly people: PeoplePort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  private today(): string {
    return parisDate(this.ctx.clock.now());
  }

  defaultDueOn(category: string, from = this.today()): string {
    return addDays(from, DEFAULT_LOAN_DAYS[category as Category] ?? 14);
  }

  /**
   * Refuses, with the module to follow, a person who has not completed the training an item
   * requires. Staff see why and where to record it.
   */
  async assertTrained(centerId: string, item: repo.ItemRow, personId: string): Promise<void> {
    if (!item.requiredModuleId) return;
    const module = await this.inventory.training.module(centerId, item.requiredModuleId);
    if (!module) return;
    if (await this.inventory.training.hasCompleted(centerId, personId, module.id)) return;
    const params = { module: module.title, pathway: module.pathwayTitle, item: item.name };
    throw new AppError(422, 'training_required', 'equipment.training.required', { personId: translate('fr', 'equipment.training.requiredField', params) }, params);
  }

  private async person(actor: Actor, personId: string): Promise<PersonSummary> {
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw invalid({ personId: 'equipment.loan.personUnknown' });
    const person = await this.people.getSummary(actor.centerId, personId);
    if (!person || person.erased) throw invalid({ personId: 'equipment.loan.personUnknown' });
    return person;
  }

  async lend(actor: Actor, input: LendInput): Promise<repo.LoanRow> {
    requirePermission(actor, 'equipment.lend');
    const item = await this.inventory.find(actor.centerId, input.itemId);
    const person = await this.person(actor, input.personId);
    await this.assertTrained(actor.centerId, item, person.id);
    const id = await this.db.transaction().execute((trx) => this.lendInTransaction(trx, actor, item, { ...input, personId: person.id }, null));
    return (await repo.findLoan(this.db, actor.centerId, id))!;
  }

  /** The loan's writes, inside the caller's transaction (a reservation picked up uses it too). */
  async lendInTransaction(trx: Kysely<Database>, actor: Actor, item: repo.ItemRow, input: LendInput, reservationId: string | null): Promise<string> {
    const today = this.today();
    const dueOn = input.dueOn ?? this.defaultDueOn(item.category, today);
    if (dueOn < today) throw invalid({ dueOn: 'equipment.loan.dueInPast' });
    if (!item.lendable) throw invalid({ itemId: 'equipment.loan.notLendable' });
    await repo.lockItem(trx, actor.centerId, item.id);
    const current = await repo.findItem(trx, actor.centerId, item.id);
    if (current?.status === 'repair' || current?.status === 'retired') throw invalid({ itemId: 'equipment.loan.unavailable' });
    if (await repo.activeLoanOfItem(trx, actor.centerId, item.id)) throw new AppError(409, 'conflict', 'equipment.loan.alreadyOut', { itemId: 'equipment.loan.alreadyOut' });
    const clash = (await repo.overlappingReservations(trx, actor.centerId, item.id, today, dueOn)).find((r) => r.id !== reservationId && r.personId !== input.personId);
    if (clash) {
      const params = { from: day(clash.startsOn), to: day(clash.endsOn) };
      throw new AppError(409, 'conflict', 'equipment.loan.reserved', { dueOn: translate('fr', 'equipment.loan.reserved', params) }, params);
    }
    const now = this.ctx.clock.nowIso();
    const id = newId();
    try {
      await repo.insertLoan(trx, {
        id, centerId: actor.centerId, itemId: item.id, personId: input.personId, reservationId, lentAt: now, dueOn, returnedAt: null,
        conditionOut: input.conditionOut ?? null, conditionIn: null, missingComponents: null, depositCents: input.depositCents ?? item.depositCents,
        reminders: input.reminders, reminderBeforeAt: null, reminderOverdueAt: null, lentBy: actor.userId, returnedBy: null, createdAt: now, updatedAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, 'conflict', 'equipment.loan.alreadyOut', { itemId: 'equipment.loan.alreadyOut' });
      throw error;
    }
    await repo.updateItem(trx, actor.centerId, item.id, { status: 'on_loan', updatedAt: now });
    await audit(trx, this.ctx.clock, actor, 'create', 'equipment_loan', id, { itemId: item.id, personId: input.personId });
    return id;
  }

  async find(actor: Actor, id: string): Promise<repo.LoanRow> {
    requirePermission(actor, 'equipment.lend');
    const loan = isUuid(id) ? await repo.findLoan(this.db, actor.centerId, id) : undefined;
    if (!loan) throw notFound();
    return loan;
  }

  async view(actor: Actor, id: string): Promise<LoanView> {
    const [view] = await this.views(actor.centerId, [await this.find(actor, id)]);
    return view!;
  }

  /** The loan agreement to print and sign (PDF). */
  async agreement(actor: Actor, id: string, centreName: string): Promise<Buffer> {
    const loan = await this.view(actor, id);
    const item = await this.inventory.find(actor.centerId, loan.itemId);
    const components = await repo.listComponents(this.db, actor.centerId, [item.id]);
    const tr = (key: string, params?: Record<string, string>) => translate('fr', key, params);
    const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
    const facts = [
      tr('equipment.agreement.between', { centre: centreName, name: loan.personName }),
      tr('equipment.agreement.item', { item: item.name, tag: item.assetTag }),
      ...(components.length > 0 ? [tr('equipment.agreement.components', { list: components.map((c) => (c.quantity > 1 ? `${c.quantity} × ${c.name}` : c.name)).join(', ') })] : []),
      ...(loan.conditionOut ? [tr('equipment.agreement.condition', { condition: loan.conditionOut })] : []),
      tr('equipment.agreement.dates', { lent: day(parisDate(loan.lentAt)), due: day(loan.dueOn) }),
      loan.depositCents ? tr('equipment.agreement.deposit', { amount: euros(loan.depositCents) }) : tr('equipment.agreement.noDeposit'),
      ...(item.funder ? [tr('equipment.agreement.funder', { funder: item.funder })] : []),
    ];
    return buildLoanAgreement({
      centreName, title: tr('equipment.agreement.title'), createdAt: loan.lentAt, facts,
      rulesTitle: tr('equipment.agreement.rulesTitle'), rules: tr('equipment.agreement.rules'),
      signatures: tr('equipment.agreement.signatures'), signCentre: tr('equipment.agreement.signCentre'), signPerson: tr('equipment.agreement.signPerson'),
    });
  }

  /** Another period of the category's length from the current due date (or the date chosen). */
  async renew(actor: Actor, id: string, input: { dueOn?: string | null }): Promise<repo.LoanRow> {
    const loan = await this.find(actor, id);
    if (loan.returnedAt) throw new AppError(409, 'conflict', 'equipment.loan.returned');
    if (loan.renewals >= MAX_RENEWALS) throw invalid({ dueOn: 'equipment.loan.tooManyRenewals' });
    const item = await this.inventory.find(actor.centerId, loan.itemId);
    const dueOn = input.dueOn ?? this.defaultDueOn(item.category, loan.dueOn > this.today() ? loan.dueOn : this.today());
    if (dueOn <= loan.dueOn) throw invalid({ dueOn: 'equipment.loan.renewEarlier' });
    await this.db.transaction().execute(async (trx) => {
      await repo.lockItem(trx, actor.centerId, item.id);
      const clash = (await repo.overlappingReservations(trx, actor.centerId, item.id, addDays(loan.dueOn, 1), dueOn)).find((r) => r.personId !== loan.personId);
      if (clash) {
        const params = { from: day(clash.startsOn), to: day(clash.endsOn) };
        throw new AppError(409, 'conflict', 'equipment.loan.reserved', { dueOn: translate('fr', 'equipment.loan.reserved', params) }, params);
      }
      await repo.updateLoan(trx, actor.centerId, id, {
        dueOn, renewals: loan.renewals + 1, reminderBeforeAt: null, reminderOverdueAt: null, updatedAt: this.ctx.clock.nowIso(),
      });
      await audit(trx, this.ctx.clock, actor, 'update', 'equipment_loan', id, { renewedTo: dueOn });
    });
    return (await repo.findLoan(this.db, actor.centerId, id))!;
  }

  /** The item comes back: its condition and missing components go to the item's history. */
  async checkIn(actor: Actor, id: string, input: CheckInInput): Promise<repo.LoanRow> {
    const loan = await this.find(actor, id);
    if (loan.returnedAt) throw new AppError(409, 'conflict', 'equipment.loan.returned');
    const components = await repo.listComponents(this.db, actor.centerId, [loan.itemId]);
    const known = new Set(components.map((c) => c.name));
    if (input.missingComponents.some((m) => !known.has(m))) throw invalid({ missingComponents: 'equipment.checkIn.componentUnknown' });
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateLoan(trx, actor.centerId, id, {
        returnedAt: now, returnedBy: actor.userId, conditionIn: input.condition,
        missingComponents: input.missingComponents.length > 0 ? JSON.stringify(input.missingComponents) : null, updatedAt: now,
      });
      await repo.updateItem(trx, actor.centerId, loan.itemId, { status: input.toRepair ? 'repair' : 'available', updatedAt: now });
      const notes = [
        input.condition,
        input.missingComponents.length > 0 ? translate('fr', 'equipment.checkIn.missingNote', { list: input.missingComponents.join(', ') }) : null,
      ].filter((n): n is string => Boolean(n));
      if (notes.length > 0) {
        await repo.insertNote(trx, { id: newId(), centerId: actor.centerId, itemId: loan.itemId, loanId: id, note: notes.join(' — '), recordedBy: actor.userId, recordedAt: now });
      }
      await audit(trx, this.ctx.clock, actor, 'update', 'equipment_loan', id, { returned: true });
    });
    return (await repo.findLoan(this.db, actor.centerId, id))!;
  }

  async list(actor: Actor, filter: { itemId?: string; personId?: string; active?: boolean } = {}): Promise<LoanView[]> {
    requirePermission(actor, 'equipment.lend');
    return this.views(actor.centerId, await repo.listLoans(this.db, actor.centerId, filter));
  }

  /** Active loans past their due date, the most late first. */
  async overdue(actor: Actor): Promise<LoanView[]> {
    requirePermission(actor, 'equipment.lend');
    const rows = await repo.listLoans(this.db, actor.centerId, { active: true, dueBefore: this.today() });
    return (await this.views(actor.centerId, rows)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  }

  /**
   * The loans that started in a period (UTC instants, end excluded), with the item's category and
   * no name: what the funders' reports count (read for the reports module, which checks its own right).
   */
  lentBetween(centerId: string, from: string, to: string): Promise<{ personId: string; category: string; lentAt: string; returnedAt: string | null }[]> {
    return repo.loansStartedBetween(this.db, centerId, from, to);
  }

  private async views(centerId: string, rows: repo.LoanRow[]): Promise<LoanView[]> {
    const items = new Map((await repo.listItems(this.db, centerId)).map((i) => [i.id, i]));
    const today = this.today();
    const names = new Map<string, string>();
    for (const personId of new Set(rows.map((r) => r.personId))) {
      const p = await this.people.getSummary(centerId, personId);
      names.set(personId, !p || p.erased ? translate('fr', 'equipment.person.erased') : [p.firstName, p.lastName].filter(Boolean).join(' '));
    }
    return rows.map((r) => ({
      ...r,
      itemName: items.get(r.itemId)?.name ?? '',
      assetTag: items.get(r.itemId)?.assetTag ?? '',
      personName: names.get(r.personId) ?? '',
      overdue: !r.returnedAt && r.dueOn < today,
    }));
  }

  /**
   * The reminder job: a message 3 days before the due date and one once overdue, each once
   * (marked on the loan, and a dedupe key in the outbox). A person without an e-mail or a
   * mobile number gets none; the loan is marked all the same so that it is not scanned again.
   */
  async sendDueReminders(): Promise<number> {
    const today = this.today();
    let sent = 0;
    for (const loan of await repo.loansToRemind(this.db, addDays(today, REMINDER_DAYS_BEFORE))) {
      const overdue = loan.dueOn < today;
      if (overdue ? loan.reminderOverdueAt : loan.reminderBeforeAt) continue;
      const kind = overdue ? 'overdue' : 'before';
      const item = await repo.findItem(this.db, loan.centerId, loan.itemId);
      const person = await this.people.getSummary(loan.centerId, loan.personId);
      const now = this.ctx.clock.nowIso();
      await this.db.transaction().execute(async (trx) => {
        if (person && !person.erased && item) {
          const channel = person.email ? 'email' : person.phone && isMobilePhone(person.phone) ? 'sms' : null;
          if (channel) {
            const params = { name: person.firstName ?? '', item: item.name, due: day(loan.dueOn) };
            const queued = await this.ctx.outbox.queue({
              centerId: loan.centerId, channel, recipient: channel === 'email' ? person.email! : person.phone!,
              subject: channel === 'email' ? translate('fr', `equipment.mail.${kind}.subject`, params) : undefined,
              body: translate('fr', `equipment.${channel === 'email' ? 'mail' : 'sms'}.${kind}.body`, params),
              dedupeKey: `equipment-loan-${kind}:${loan.id}:${loan.dueOn}`, relatedType: 'equipment_loan', relatedId: loan.id, personId: loan.personId,
            }, trx);
            if (queued) sent += 1;
          }
        }
        await repo.updateLoan(trx, loan.centerId, loan.id, overdue ? { reminderOverdueAt: now, reminderBeforeAt: loan.reminderBeforeAt ?? now } : { reminderBeforeAt: now });
      });
    }
    return sent;
  }
}
