// Reservations (equipment.lend): their list, reserving an item for dates, cancelling, and the pick-up that turns one into a loan.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, queryString, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { pickUpForm, reserveForm } from '../equipment.schemas.ts';
import type { ReservationStatus } from '../equipment.vocab.ts';
import { reservationsExport } from '../list-exports.ts';
import type { PeoplePort } from '../ports.ts';
import { PickUpPage, ReservationsPage, ReservePage } from '../views/equipment.view.tsx';
import { BASE, searchPeople } from './shared.ts';

/** The list's filters (?statut=): none is the reservations to come; the others, a status or all of them. */
const RESERVATION_LISTS = ['picked_up', 'cancelled', 'toutes'] as const;
type ReservationList = (typeof RESERVATION_LISTS)[number];

function reservationFilter(list: ReservationList | ''): { upcoming?: boolean; status?: ReservationStatus } {
  if (list === '') return { upcoming: true };
  return list === 'toutes' ? {} : { status: list };
}

/** Every item's reservations (/reservations), the page's filter applied to the page and to its downloads (?format=csv|xlsx). */
export function registerReservationListPage(app: FastifyInstance, m: EquipmentModule): void {
  app.get(`${BASE}/reservations`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const format = exportFormatOf(request);
    const asked = queryString(request, 'statut') ?? '';
    const list = RESERVATION_LISTS.includes(asked as ReservationList) ? (asked as ReservationList) : '';
    const reservations = await m.reservations.list(actor, reservationFilter(list));
    if (format) return sendListExport(request, reply, format, 'equipment-reservations', reservationsExport(reservations));
    return sendPage(reply, <ReservationsPage ctx={viewContext(request)} reservations={reservations} filter={list} filters={RESERVATION_LISTS} />);
  });
}

/** Reserving an item (/objets/:id/reserver) and cancelling a reservation (/reservations/:id/annuler). */
export function registerReservationPages(app: FastifyInstance, m: EquipmentModule, people: PeoplePort): void {
  const reservePage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const item = await m.inventory.get(actor, idOf(request));
    const q = queryString(request, 'q') ?? '';
    return sendPage(reply, <ReservePage ctx={viewContext(request)} item={item} q={q} results={await searchPeople(people, actor, q)} values={values} errors={errors} />, errors ? status : 200);
  };
  app.get(`${BASE}/objets/:id/reserver`, page('equipment.lend'), async (request, reply) => reservePage(request, reply, {}));
  app.post(`${BASE}/objets/:id/reserver`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const itemId = idOf(request);
    return handleForm(request, reply, {
      schema: reserveForm, statuses: [409], order: ['purpose', 'startsOn', 'endsOn', 'personId'], fallbackField: 'startsOn',
      run: (form) => m.reservations.reserve(actor, { itemId, personId: form.personId, purpose: form.purpose, startsOn: form.startsOn, endsOn: form.endsOn }),
      render: ({ values, errors, status }) => reservePage(request, reply, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${itemId}`, flash: 'equipment.reserve.done' }),
    });
  });

  app.post(`${BASE}/reservations/:id/annuler`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const reservation = await m.reservations.find(actor, idOf(request));
    await m.reservations.cancel(actor, reservation.id);
    setFlash(reply, t(request.locale, 'equipment.reserve.cancelled'));
    return redirectSeeOther(reply, `${BASE}/objets/${reservation.itemId}`);
  });
}

/** The pick-up (/reservations/:id/retrait): the borrower, due date and condition; the reservation becomes a loan. */
export function registerPickUpPages(app: FastifyInstance, m: EquipmentModule, people: PeoplePort): void {
  const pickUpPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const row = await m.reservations.find(actor, idOf(request));
    const [reservation] = (await m.reservations.list(actor, { itemId: row.itemId })).filter((r) => r.id === row.id);
    const item = await m.inventory.get(actor, row.itemId);
    const q = queryString(request, 'q') ?? '';
    return sendPage(reply, <PickUpPage ctx={viewContext(request)} reservation={reservation!} item={item} q={q} results={await searchPeople(people, actor, q)} values={values} errors={errors} />, errors ? status : 200);
  };
  app.get(`${BASE}/reservations/:id/retrait`, page('equipment.lend'), async (request, reply) => pickUpPage(request, reply, {}));
  app.post(`${BASE}/reservations/:id/retrait`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const row = await m.reservations.find(actor, idOf(request));
    return handleForm(request, reply, {
      schema: pickUpForm, statuses: [409], order: ['personId', 'dueOn', 'conditionOut'], fallbackField: 'personId',
      run: (form) => m.reservations.pickUp(actor, row.id, { personId: form.personId, dueOn: form.dueOn, conditionOut: form.conditionOut, reminders: form.reminders }),
      render: ({ values, errors, status }) => pickUpPage(request, reply, values, errors, status),
      done: () => ({ redirect: `${BASE}/objets/${row.itemId}`, flash: 'equipment.pickUp.done' }),
    });
  });
}
