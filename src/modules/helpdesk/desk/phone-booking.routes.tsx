import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { can } from '../../../platform/auth/roles.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { queryString, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { PersonListItem, PersonSummary } from '../../people/person.service.ts';
import { appointmentCreate, inFormOrder } from '../helpdesk.schemas.ts';
import type { PublicSlot } from '../helpdesk.model.ts';
import { StaffBookPage, type StaffBookState } from '../views/desk/phone-booking.view.tsx';
import { refusal, firstDays, type DeskDeps } from './shared.ts';

/** Booking by phone or at the counter: find or add the person, choose motif, place and slot. */
export function registerPhoneBookingRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk, centre, people } = deps;
  const bookPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, form?: { values: FormValues; errors: FieldErrors; status: number }) => {
    const view = viewContext(request);
    const source = form ? (form.values as Record<string, string>) : ((request.query ?? {}) as Record<string, string>);
    const personParam = form ? (source.personId ?? (source.firstName !== undefined ? 'nouvelle' : '')) : (source.personne ?? '');
    const motifId = (form ? source.motifId : source.motif) ?? '';
    const siteId = (form ? source.siteId : source.lieu) ?? '';
    let person: PersonSummary | null = null;
    if (isUuid(personParam) && (await people.canSee(actor, personParam))) person = (await people.getSummary(actor.centerId, personParam)) ?? null;
    const q = (queryString(request, 'q') ?? '').trim();
    let matches: PersonListItem[] | null = null;
    if (!person && personParam !== 'nouvelle' && q && can(actor.role, 'persons.read')) matches = (await people.search(actor, { q, pageSize: 10 })).items;
    const motifs = (await helpdesk.settings.listMotifs(actor)).filter((m) => !m.archived);
    const sites = (await centre.listSites(actor.centerId)).filter((s) => !s.archivedAt);
    let slots: PublicSlot[] | null = null;
    if (isUuid(motifId) && isUuid(siteId) && motifs.some((m) => m.id === motifId) && sites.some((s) => s.id === siteId)) {
      slots = firstDays((await helpdesk.availability.slots(actor.centerId, { motifId, siteId }, 'staff')).slots);
    }
    const state: StaffBookState = { person, newPerson: !person && personParam === 'nouvelle', q, matches, motifs, sites, motifId, siteId, slots };
    return sendPage(
      reply,
      <StaffBookPage ctx={view} s={state} values={form?.values} errors={form ? localizeErrors(view, form.errors) : {}} />,
      form?.status ?? 200,
    );
  };

  app.get('/permanences/rendez-vous/nouveau', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return bookPage(request, reply, actor);
  });

  app.post('/permanences/rendez-vous', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    const body = { ...((request.body ?? {}) as Record<string, unknown>) };
    if (!body.personId) body.consent = body.consent === 'oui';
    const parsed = parseForm(appointmentCreate, body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      const { appointment } = await helpdesk.booking.book(actor, actor.centerId, parsed.data);
      setFlash(reply, translate(request.locale, 'helpdesk.book.done'));
      return redirectSeeOther(reply, `/permanences/rendez-vous/${appointment.id}`);
    } catch (error) {
      const { status, fields } = refusal(error, 'startAt');
      const order = ['firstName', 'lastName', 'phone', 'email', 'consent', 'reminder', 'note', 'startAt'];
      return bookPage(request, reply, actor, { values: formValues(request.body), errors: inFormOrder(fields, order), status });
    }
  });
}
