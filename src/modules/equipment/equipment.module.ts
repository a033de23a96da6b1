import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import type { PathwaysModule } from '../pathways/pathways.module.ts';
import * as repo from './equipment.repository.ts';
import { InventoryService } from './inventory.service.ts';
import { LoanService } from './loan.service.ts';
import type { CentrePort, PeoplePort, TrainingModule, TrainingPort } from './ports.ts';
import { ReservationService } from './reservation.service.ts';
import { registerItemFormPages } from './routes/item-form-pages.tsx';
import { registerItemActions, registerItemPages } from './routes/item-pages.tsx';
import { registerItemsApi } from './routes/items.api.ts';
import { registerLendPages, registerLoanPages } from './routes/loan-pages.tsx';
import { registerLoansApi } from './routes/loans.api.ts';
import { registerPersonLoansPages } from './routes/person-loans-pages.tsx';
import { registerPublicEquipmentPages } from './routes/public-pages.tsx';
import { registerPickUpPages, registerReservationListPage, registerReservationPages } from './routes/reservation-pages.tsx';
import { registerReservationsApi } from './routes/reservations.api.ts';

/** The equipment module's services, for the CLI (demo), tests and the modules after it (reports). */
export interface EquipmentModule {
  inventory: InventoryService;
  loans: LoanService;
  reservations: ReservationService;
}

/**
 * The pathways module seen through the port equipment needs: which modules exist and whether a
 * person completed one (all its target skills acquired, as the learner's progress says). Read
 * as the system: the check is the item's rule, not the staff member's right to see progress.
 */
function trainingPort(pathways: PathwaysModule): TrainingPort {
  const notFound = (error: unknown) => error instanceof AppError && error.status === 404;
  const module = async (centerId: string, moduleId: string): Promise<TrainingModule | undefined> => {
    if (!isUuid(moduleId)) return undefined;
    try {
      const found = await pathways.pathways.getModule(systemActor(centerId), moduleId);
      return { id: found.module.id, title: found.module.title, pathwayId: found.pathway.id, pathwayTitle: found.pathway.title };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  };
  return {
    module,
    async modules(centerId) {
      const system = systemActor(centerId);
      const out: TrainingModule[] = [];
      for (const p of await pathways.pathways.list(system)) {
        const detail = await pathways.pathways.detail(centerId, p.id);
        for (const m of detail.modules) out.push({ id: m.id, title: m.title, pathwayId: p.id, pathwayTitle: p.title });
      }
      return out;
    },
    async hasCompleted(centerId, personId, moduleId) {
      const target = await module(centerId, moduleId);
      if (!target) return false;
      const enrolments = await pathways.enrolments.listForPerson(systemActor(centerId), personId);
      for (const enrolment of enrolments.filter((e) => e.pathwayId === target.pathwayId)) {
        const view = await pathways.enrolments.viewOf(enrolment);
        if (view.progress.modules.some((m) => m.id === moduleId && m.complete)) return true;
      }
      return false;
    },
  };
}

/**
 * The equipment module: inventory, loans, reservations, items that require a training. Registers
 * its reminder job, its share of a person's data (export, merge, erasure), its pages (staff under
 * /materiel/gestion, the public catalogue /materiel) and its JSON API (/api/v1/equipment, over the
 * same services; another centre's ids answer 404, bad input 422 with the fields in French), one
 * file per resource under routes/.
 */
export async function registerEquipmentModule(
  app: FastifyInstance,
  ctx: AppContext,
  deps: { centre: CentrePort; people: PeoplePort; pathways: PathwaysModule },
): Promise<EquipmentModule> {
  const inventory = new InventoryService(ctx, deps.centre, trainingPort(deps.pathways));
  const loans = new LoanService(ctx, inventory, deps.people);
  const reservations = new ReservationService(ctx, inventory, loans, deps.people);
  const module: EquipmentModule = { inventory, loans, reservations };

  // 3 days before the due date and once overdue; each once (marked on the loan, outbox dedupe key).
  ctx.scheduler.register({ name: 'equipment-loan-reminders', everyMs: 60 * 60_000, run: () => loans.sendDueReminders() });

  ctx.personLinks.register({ label: 'equipment.personLink', href: (id) => `/materiel/gestion/personnes/${id}`, permission: 'equipment.lend' });
  ctx.personData.register({
    name: 'equipment',
    async export(db, centerId, personId) {
      const items = new Map((await repo.listItems(db, centerId)).map((i) => [i.id, `${i.name} (${i.assetTag})`]));
      const loansOf = await repo.listLoans(db, centerId, { personId });
      const reservationsOf = await repo.listReservations(db, centerId, { personId });
      return {
        loans: loansOf.map((l) => ({
          item: items.get(l.itemId) ?? null, lentAt: l.lentAt, dueOn: l.dueOn, returnedAt: l.returnedAt, renewals: l.renewals,
          conditionOut: l.conditionOut, conditionIn: l.conditionIn, missingComponents: l.missingComponents ? (JSON.parse(l.missingComponents) as string[]) : [],
          depositCents: l.depositCents,
        })),
        reservations: reservationsOf.map((r) => ({ item: items.get(r.itemId) ?? null, purpose: r.purpose, startsOn: r.startsOn, endsOn: r.endsOn, status: r.status })),
      };
    },
    async merge(trx, centerId, keepId, duplicateId) {
      await repo.mergeLoans(trx, centerId, keepId, duplicateId);
    },
    async erase(trx, centerId, personId) {
      await repo.eraseFreeText(trx, centerId, personId, translate('fr', 'equipment.erasedText'));
    },
  });

  registerItemsApi(app, module);
  registerLoansApi(app, module);
  registerReservationsApi(app, module);
  registerPublicEquipmentPages(app, module);
  registerItemPages(app, module, ctx.config.publicUrl);
  registerItemFormPages(app, module);
  registerItemActions(app, module);
  registerLendPages(app, module, deps.people);
  registerLoanPages(app, module);
  registerPersonLoansPages(app, module, deps.people);
  registerReservationListPage(app, module);
  registerReservationPages(app, module, deps.people);
  registerPickUpPages(app, module, deps.people);
  return module;
}
