// Loans (equipment.lend): lending an item, its return, its renewal, the loan agreement and the overdue list.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, queryString } from '../../../platform/http/request-context.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { checkInForm, lendForm, renewForm } from '../equipment.schemas.ts';
import { overdueExport } from '../list-exports.ts';
import { DEFAULT_LOAN_DAYS, type Category } from '../equipment.vocab.ts';
import type { PeoplePort } from '../ports.ts';
import { CheckInPage, LendPage, OverduePage, RenewPage } from '../views/equipment.view.tsx';
import { BASE, searchPeople } from './shared.ts';

/** Lending an item (/objets/:id/preter): find the borrower, the due date, the condition and the deposit. */
export function registerLendPages(app: FastifyInstance, m: EquipmentModule, people: PeoplePort): void {
  const lendPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const item = await m.inventory.get(actor, idOf(request));
    const q = queryString(request, 'q') ?? '';
    return sendPage(
      reply,
      <LendPage ctx={viewContext(request)} data={{ item, q, results: await searchPeople(people, actor, q), defaultDue: m.loans.defaultDueOn(item.category), values, errors }} />,
      errors ? status : 200,
    );
  };
  app.get(`${BASE}/objets/:id/preter`, page('equipment.lend'), async (request, reply) => lendPage(request, reply, {}));
  app.post(`${BASE}/objets/:id/preter`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const itemId = idOf(request);
    return handleForm(request, reply, {
      schema: lendForm, statuses: [409], order: ['personId', 'dueOn', 'conditionOut', 'deposit'], fallbackField: 'personId',
      run: (form) => m.loans.lend(actor, { itemId, personId: form.personId, dueOn: form.dueOn, conditionOut: form.conditionOut, depositCents: form.deposit, reminders: form.reminders }),
      render: ({ values, errors, status }) => lendPage(request, reply, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${itemId}`, flash: 'equipment.lend.done' }),
    });
  });
}

/** A loan (/prets/:id): check-in and renewal forms, the agreement PDF; and the overdue loans (/retards). */
export function registerLoanPages(app: FastifyInstance, m: EquipmentModule): void {
  const checkInPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const loan = await m.loans.view(actor, idOf(request));
    const item = await m.inventory.get(actor, loan.itemId);
    return sendPage(reply, <CheckInPage ctx={viewContext(request)} loan={loan} components={item.components} values={values} errors={errors} />, errors ? status : 200);
  };
  app.get(`${BASE}/prets/:id/retour`, page('equipment.lend'), async (request, reply) => checkInPage(request, reply, {}));
  app.post(`${BASE}/prets/:id/retour`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const loan = await m.loans.view(actor, idOf(request));
    return handleForm(request, reply, {
      schema: checkInForm, statuses: [409],
      run: (form) => m.loans.checkIn(actor, loan.id, { condition: form.condition, missingComponents: form.missingComponents, toRepair: form.toRepair }),
      render: ({ values, errors, status }) => checkInPage(request, reply, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${loan.itemId}`, flash: 'equipment.checkIn.done' }),
    });
  });

  const renewPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const loan = await m.loans.view(actor, idOf(request));
    const item = await m.inventory.find(actor.centerId, loan.itemId);
    return sendPage(reply, <RenewPage ctx={viewContext(request)} loan={loan} days={DEFAULT_LOAN_DAYS[item.category as Category] ?? 14} values={values} errors={errors} />, errors ? status : 200);
  };
  app.get(`${BASE}/prets/:id/prolonger`, page('equipment.lend'), async (request, reply) => renewPage(request, reply, {}));
  app.post(`${BASE}/prets/:id/prolonger`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const loan = await m.loans.view(actor, idOf(request));
    return handleForm(request, reply, {
      schema: renewForm, statuses: [409], fallbackField: 'dueOn',
      run: (form) => m.loans.renew(actor, loan.id, { dueOn: form.dueOn }),
      render: ({ values, errors, status }) => renewPage(request, reply, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${loan.itemId}`, flash: 'equipment.renew.done' }),
    });
  });

  app.get(`${BASE}/prets/:id/convention.pdf`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const bytes = await m.loans.agreement(actor, idOf(request), request.centre?.name ?? '');
    return reply.header('content-type', 'application/pdf').header('content-disposition', 'inline; filename="convention-de-pret.pdf"').header('cache-control', 'no-store').send(bytes);
  });

  app.get(`${BASE}/retards`, page('equipment.lend'), async (request, reply) => {
    const format = exportFormatOf(request);
    const loans = await m.loans.overdue(actorOf(request));
    if (format) return sendListExport(request, reply, format, 'overdue-loans', overdueExport(loans));
    return sendPage(reply, <OverduePage ctx={viewContext(request)} loans={loans} />);
  });
}
