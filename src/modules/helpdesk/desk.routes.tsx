import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../../platform/http/access.ts';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { idOf, queryDate, queryString, redirectSeeOther, requirePermission, setFlash } from '../../platform/http/request-context.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { localizeErrors, type FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService, PersonListItem, PersonSummary } from '../people/person.service.ts';
import {
  absenceInput, accompanimentInput, appointmentCreate, dropInInput, inFormOrder, isoInstant, motifInput, openingInput, settingsInput,
} from './helpdesk.schemas.ts';
import type { PublicSlot } from './helpdesk.model.ts';
import type { HelpdeskModule } from './helpdesk.routes.tsx';
import { OUTCOMES } from './helpdesk.vocab.ts';
import { parisDate } from '../../platform/time.ts';
import { AppointmentPage, DayPage, MoveAppointmentPage, PersonHistoryPage, StaffBookPage, WeekPage, type StaffBookState } from './views/desk.view.tsx';
import { recordDefaults, RecordFormPage, RecordsPage } from './views/record.view.tsx';
import { AbsenceFormPage, MotifFormPage, MotifsPage, motifValues, OpeningFormPage, OpeningsPage, SettingsPage } from './views/settings.view.tsx';


/** Field errors of a refused change (422 / 409), or the error again when it is something else. */
function refusal(error: unknown, fallbackField: string): { status: 409 | 422; fields: FieldErrors } {
  if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
  const fields = Object.keys(error.fields).length ? { ...error.fields } : { [fallbackField]: error.messageKey };
  // A slot taken meanwhile says which slots are still free: keep the full sentence.
  if (error.code === 'slot_taken') fields.startAt = translate('fr', error.messageKey, error.params);
  return { status: error.status, fields };
}

/** The first days that have slots: a page of buttons, not eight weeks of them. */
function firstDays(slots: PublicSlot[], days = 6): PublicSlot[] {
  const keep = new Set([...new Set(slots.map((s) => parisDate(s.startAt)))].slice(0, days));
  return slots.filter((s) => keep.has(parisDate(s.startAt)));
}

/**
 * The staff pages of the help desk (/permanences): the day, the week, one appointment with
 * its outcome and accompaniment record, booking by phone, drop-ins, and the coordinator's
 * settings (motifs, openings, absences, cancellation delay and reminders).
 */
export async function registerDeskRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  helpdesk: HelpdeskModule,
  centre: CentreService,
  people: PeopleService,
): Promise<void> {
  const today = () => parisDate(ctx.clock.now());
  const staffChoices = async (centerId: string) =>
    (await ctx.auth.listUsers(centerId))
      .filter((u) => Boolean(u.active) && u.role !== 'partner')
      .map((u) => ({ id: u.id, name: u.displayName }));

  // ---------------------------------------------------------------- the day and drop-ins

  const dayPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, date: string, siteId?: string, form?: { values: FormValues; errors: FieldErrors }) => {
    const view = viewContext(request);
    const [day, sites, motifs] = await Promise.all([
      helpdesk.desk.day(actor, date, siteId),
      centre.listSites(actor.centerId),
      helpdesk.settings.listMotifs(actor),
    ]);
    return sendPage(
      reply,
      <DayPage ctx={view} day={day} sites={sites} motifs={motifs} values={form?.values} errors={form ? localizeErrors(view, form.errors) : {}} />,
      form ? 422 : 200,
    );
  };

  app.get('/permanences', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const date = queryDate(request, 'date');
    const siteId = queryString(request, 'lieu');
    return dayPage(request, reply, actor, date ?? today(), siteId && isUuid(siteId) ? siteId : undefined);
  });

  app.post('/permanences/passages', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const parsed = parseForm(dropInInput, request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      const dropIn = await helpdesk.desk.recordDropIn(actor, parsed.data);
      setFlash(reply, translate(request.locale, 'helpdesk.dropIn.added'));
      return redirectSeeOther(reply, `/permanences?date=${today()}&lieu=${dropIn.siteId}`);
    } catch (error) {
      const { fields } = refusal(error, 'motifId');
      return dayPage(request, reply, actor, today(), undefined, { values: formValues(request.body), errors: fields });
    }
  });

  app.get('/permanences/semaine', page('helpdesk.overview'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.overview');
    const week = await helpdesk.desk.week(actor, queryDate(request, 'date') ?? today());
    return sendPage(reply, <WeekPage ctx={viewContext(request)} week={week} />);
  });

  // ---------------------------------------------------------------- booking by phone

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
    const actor = requirePermission(request, 'helpdesk.desk');
    return bookPage(request, reply, actor);
  });

  app.post('/permanences/rendez-vous', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
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

  // ---------------------------------------------------------------- one appointment

  const appointmentPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, errors: FieldErrors = {}, status = 200) => {
    const view = viewContext(request);
    const appointment = await helpdesk.desk.getAppointment(actor, id);
    const record = appointment.accompanimentId ? await helpdesk.accompaniments.getAccompaniment(actor, appointment.accompanimentId).catch(() => null) : null;
    return sendPage(
      reply,
      <AppointmentPage ctx={view} appointment={appointment} record={record} canManage errors={localizeErrors(view, errors)} />,
      status,
    );
  };

  app.get('/permanences/rendez-vous/:id', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    return appointmentPage(request, reply, actor, idOf(request));
  });

  app.post('/permanences/rendez-vous/:id/issue', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const id = idOf(request);
    const parsed = parseForm(z.object({ outcome: z.enum(OUTCOMES, { error: 'helpdesk.outcome.required' }) }), request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.desk.setOutcome(actor, id, parsed.data.outcome);
    } catch (error) {
      const { status, fields } = refusal(error, 'outcome');
      return appointmentPage(request, reply, actor, id, fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.outcomeSaved'));
    return redirectSeeOther(reply, parsed.data.outcome === 'seen' ? `/permanences/rendez-vous/${id}/compte-rendu` : `/permanences/rendez-vous/${id}`);
  });

  app.post('/permanences/rendez-vous/:id/annuler', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const id = idOf(request);
    try {
      await helpdesk.booking.cancel(actor, id);
    } catch (error) {
      const { status, fields } = refusal(error, 'outcome');
      return appointmentPage(request, reply, actor, id, fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.cancelled'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });

  const movePage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, error?: string, status = 200) => {
    const appointment = await helpdesk.desk.getAppointment(actor, id);
    const { slots } = await helpdesk.availability.slots(actor.centerId, { motifId: appointment.motifId, siteId: appointment.siteId }, 'staff');
    return sendPage(
      reply,
      <MoveAppointmentPage ctx={viewContext(request)} appointment={appointment} slots={firstDays(slots.filter((s) => s.startAt !== appointment.startAt))} error={error} />,
      status,
    );
  };

  app.get('/permanences/rendez-vous/:id/deplacer', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    return movePage(request, reply, actor, idOf(request));
  });

  app.post('/permanences/rendez-vous/:id/deplacer', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const id = idOf(request);
    const chosen = isoInstant('helpdesk.public.errorSlot').safeParse(formValues(request.body).creneau ?? '');
    try {
      if (!chosen.success) throw new AppError(422, 'invalid', 'errors.invalid', { startAt: 'helpdesk.public.errorSlot' });
      await helpdesk.booking.move(actor, id, chosen.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'startAt');
      return movePage(request, reply, actor, id, translate(request.locale, fields.startAt ?? Object.values(fields)[0]!), status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.moved'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });

  // ---------------------------------------------------------------- accompaniment records

  app.get('/permanences/rendez-vous/:id/compte-rendu', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const appointment = await helpdesk.desk.getAppointment(actor, idOf(request));
    if (appointment.accompanimentId) return redirectSeeOther(reply, `/permanences/rendez-vous/${appointment.id}`);
    return sendPage(
      reply,
      <RecordFormPage
        ctx={viewContext(request)}
        action={`/permanences/rendez-vous/${appointment.id}/compte-rendu`}
        appointment={appointment}
        person={null}
        sites={[]}
        values={recordDefaults(appointment)}
        errors={{}}
      />,
    );
  });

  app.post('/permanences/rendez-vous/:id/compte-rendu', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const id = idOf(request);
    const parsed = parseForm(accompanimentInput, { ...((request.body ?? {}) as object), appointmentId: id });
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.accompaniments.recordAccompaniment(actor, parsed.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'details');
      const view = viewContext(request);
      const appointment = await helpdesk.desk.getAppointment(actor, id);
      return sendPage(
        reply,
        <RecordFormPage
          ctx={view}
          action={`/permanences/rendez-vous/${id}/compte-rendu`}
          appointment={appointment}
          person={null}
          sites={[]}
          values={formValues(request.body)}
          errors={localizeErrors(view, fields)}
        />,
        status,
      );
    }
    setFlash(reply, translate(request.locale, 'helpdesk.appointment.recordDone'));
    return redirectSeeOther(reply, `/permanences/rendez-vous/${id}`);
  });

  app.get('/permanences/accompagnements', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const records = await helpdesk.accompaniments.listAccompaniments(actor, { limit: 100 });
    const names = new Map<string, string>();
    for (const id of new Set(records.map((r) => r.personId).filter((p): p is string => p !== null))) {
      const person = await people.getSummary(actor.centerId, id);
      if (person && !person.erased) names.set(id, `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim());
    }
    return sendPage(reply, <RecordsPage ctx={viewContext(request)} records={records} names={names} />);
  });

  const standaloneRecordPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, personId: string | undefined, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const person = personId && isUuid(personId) && (await people.canSee(actor, personId)) ? ((await people.getSummary(actor.centerId, personId)) ?? null) : null;
    const sites = (await centre.listSites(actor.centerId)).filter((s) => !s.archivedAt);
    return sendPage(
      reply,
      <RecordFormPage ctx={view} action="/permanences/accompagnements" appointment={null} person={person} sites={sites} values={values} errors={localizeErrors(view, errors)} />,
      status,
    );
  };

  app.get('/permanences/accompagnements/nouveau', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    return standaloneRecordPage(request, reply, actor, queryString(request, 'personne'), recordDefaults(null), {});
  });

  app.post('/permanences/accompagnements', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const parsed = parseForm(accompanimentInput.safeExtend({ appointmentId: z.undefined().optional() }), request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.accompaniments.recordAccompaniment(actor, { ...parsed.data, appointmentId: undefined });
    } catch (error) {
      const { status, fields } = refusal(error, 'details');
      const values = formValues(request.body);
      return standaloneRecordPage(request, reply, actor, values.personId as string | undefined, values, fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.record.saved'));
    return redirectSeeOther(reply, '/permanences/accompagnements');
  });

  app.get('/permanences/personnes/:id', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const id = idOf(request);
    const history = await helpdesk.desk.personHistory(actor, id);
    const person = await people.getSummary(actor.centerId, id);
    if (!person) throw notFound();
    return sendPage(reply, <PersonHistoryPage ctx={viewContext(request)} person={person} history={history} />);
  });

  // ---------------------------------------------------------------- settings: motifs

  app.get('/permanences/motifs', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    return sendPage(reply, <MotifsPage ctx={viewContext(request)} motifs={await helpdesk.settings.listMotifs(actor, { includeArchived: true })} />);
  });

  app.get('/permanences/motifs/nouveau', page('helpdesk.manage'), async (request, reply) => {
    requirePermission(request, 'helpdesk.manage');
    return sendPage(reply, <MotifFormPage ctx={viewContext(request)} motifId={null} values={{}} errors={{}} />);
  });

  const saveMotif = async (request: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const parsed = parseForm(motifInput, request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      if (id) await helpdesk.settings.updateMotif(actor, id, { ...parsed.data, archived: formValues(request.body).archived === 'oui' });
      else await helpdesk.settings.createMotif(actor, parsed.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'name');
      const view = viewContext(request);
      return sendPage(reply, <MotifFormPage ctx={view} motifId={id} values={formValues(request.body)} errors={localizeErrors(view, fields)} />, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.motif.saved'));
    return redirectSeeOther(reply, '/permanences/motifs');
  };

  app.post('/permanences/motifs', page('helpdesk.manage'), (request, reply) => saveMotif(request, reply, null));

  app.get('/permanences/motifs/:id', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const motif = await helpdesk.settings.getMotif(actor, idOf(request));
    return sendPage(reply, <MotifFormPage ctx={viewContext(request)} motifId={motif.id} values={motifValues(motif)} errors={{}} />);
  });

  app.post('/permanences/motifs/:id', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const motif = await helpdesk.settings.getMotif(actor, idOf(request));
    return saveMotif(request, reply, motif.id);
  });

  // ---------------------------------------------------------------- settings: openings and absences

  app.get('/permanences/horaires', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const [openings, absences, motifs] = await Promise.all([
      helpdesk.settings.listOpenings(actor, { current: true }),
      helpdesk.settings.listAbsences(actor, { fromDate: today() }),
      helpdesk.settings.listMotifs(actor),
    ]);
    return sendPage(reply, <OpeningsPage ctx={viewContext(request)} openings={openings} absences={absences} motifCount={motifs.length} />);
  });

  const openingForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const [sites, staff, motifs] = await Promise.all([centre.listSites(actor.centerId), staffChoices(actor.centerId), helpdesk.settings.listMotifs(actor)]);
    return sendPage(reply, <OpeningFormPage ctx={view} sites={sites} staff={staff} motifs={motifs} values={values} errors={localizeErrors(view, errors)} />, status);
  };

  app.get('/permanences/horaires/nouvelle', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    return openingForm(request, reply, actor, { startsOn: today(), everyWeeks: '1' }, {});
  });

  app.post('/permanences/horaires', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const parsed = parseForm(openingInput, request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.settings.createOpening(actor, parsed.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'startTime');
      return openingForm(request, reply, actor, formValues(request.body), fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.opening.saved'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });

  app.post('/permanences/horaires/:id/supprimer', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    await helpdesk.settings.deleteOpening(actor, idOf(request));
    setFlash(reply, translate(request.locale, 'helpdesk.openings.deleted'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });

  const absenceForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: FormValues, errors: FieldErrors, status = 200) => {
    const view = viewContext(request);
    const [sites, staff] = await Promise.all([centre.listSites(actor.centerId), staffChoices(actor.centerId)]);
    return sendPage(reply, <AbsenceFormPage ctx={view} sites={sites} staff={staff} values={values} errors={localizeErrors(view, errors)} />, status);
  };

  app.get('/permanences/absences/nouvelle', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    return absenceForm(request, reply, actor, {}, {});
  });

  app.post('/permanences/absences', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const parsed = parseForm(absenceInput, request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      await helpdesk.settings.createAbsence(actor, parsed.data);
    } catch (error) {
      const { status, fields } = refusal(error, 'firstDay');
      return absenceForm(request, reply, actor, formValues(request.body), fields, status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.absence.saved'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });

  app.post('/permanences/absences/:id/supprimer', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    await helpdesk.settings.deleteAbsence(actor, idOf(request));
    setFlash(reply, translate(request.locale, 'helpdesk.absences.deleted'));
    return redirectSeeOther(reply, '/permanences/horaires');
  });

  // ---------------------------------------------------------------- settings: delay and reminders

  app.get('/permanences/reglages', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    return sendPage(reply, <SettingsPage ctx={viewContext(request)} settings={await helpdesk.settings.getSettings(actor.centerId)} errors={{}} />);
  });

  app.post('/permanences/reglages', page('helpdesk.manage'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.manage');
    const parsed = parseForm(settingsInput, request.body);
    if (!parsed.ok) {
      const view = viewContext(request);
      return sendPage(
        reply,
        <SettingsPage ctx={view} settings={await helpdesk.settings.getSettings(actor.centerId)} values={formValues(request.body)} errors={localizeErrors(view, parsed.errors)} />,
        422,
      );
    }
    await helpdesk.settings.updateSettings(actor, parsed.data);
    setFlash(reply, translate(request.locale, 'helpdesk.settings.saved'));
    return redirectSeeOther(reply, '/permanences/reglages');
  });
}
