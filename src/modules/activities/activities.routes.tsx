import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compareFrench } from '../../platform/text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, seesAllPersons } from '../../platform/auth/roles.ts';
import { communeName } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { activityForm, activityInputFromForm, blockAction, sessionCancelForm, sessionMoveForm, staffRegistrationForm } from './activity.schemas.ts';
import { formatPlace, formatSession, isMinorAt } from './activity.format.ts';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './activity.vocab.ts';
import type { PeoplePort } from './ports.ts';
import { parisToUtc, parseLocalDate, utcToParis } from './schedule.ts';
import { buildSignInSheet } from './sign-in-sheet.ts';
import { ActivityFormPage, ActivityStaffPage, activityFormValues, ProgrammePage } from './views/programme.view.tsx';
import {
  AttendancePage, CalendarPage, CancelRegistrationPage, CancelSessionPage, ChooseSessionPage, HistoryPage, MoveSessionPage, SessionPage, StaffRegisterPage,
} from './views/session.view.tsx';

const WINDOW_DAYS = 14;

/** The sign-in sheet PDF (page and API share it). */
export async function sendSignInSheet(reply: FastifyReply, m: ActivitiesModule, actor: Actor, sessionId: string): Promise<FastifyReply> {
  const sheet = await m.attendance.sheet(actor, sessionId);
  const { session, activity, site } = sheet.detail;
  const tr = (key: MessageKey) => t('fr', key);
  const pdf = await buildSignInSheet({
    centreName: sheet.centre?.name ?? '',
    title: activity.title,
    when: formatSession(session.startsAt, session.endsAt, new Date(0)),
    place: site ? formatPlace(site) : '',
    facilitators: activity.facilitators.map((f) => f.displayName).join(', '),
    heading: tr('activities.sheet.heading'),
    labels: {
      number: tr('activities.sheet.number'), name: tr('activities.sheet.name'), note: tr('activities.sheet.note'), signature: tr('activities.sheet.signature'),
      facilitator: tr('activities.sheet.facilitator'), place: tr('activities.sheet.place'), when: tr('activities.sheet.when'),
      walkIns: tr('activities.sheet.walkIns'), footer: tr('activities.sheet.footer'), page: tr('activities.sheet.page'),
    },
    // Registered persons first, then the walk-ins already added before printing, each with their box to sign.
    rows: [...sheet.registered.map((r) => ({ ...r, walkIn: false })), ...sheet.walkIns.map((w) => ({ ...w, parentalAuthorisation: false, walkIn: true }))].map((r) => {
      const p = r.person;
      const minor = isMinorAt(p?.birthYear ?? null, session.startsAt);
      const note = [
        p?.birthYear ? String(p.birthYear) : '',
        communeName(p?.communeInsee),
        minor ? tr(r.parentalAuthorisation ? 'activities.sheet.minorAuthorised' : 'activities.sheet.minorNotAuthorised') : '',
        r.walkIn ? tr('activities.sheet.walkIn') : '',
      ].filter(Boolean).join(', ');
      return { name: `${p?.lastName?.toUpperCase() ?? ''} ${p?.firstName ?? ''}`.trim(), note };
    }),
    blankLines: 5,
  });
  const day = utcToParis(session.startsAt).date;
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="emargement-${day}.pdf"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}

/** Staff pages: programme, activity form, session (registrations, waiting list), attendance, calendar, a person's activities. */
export async function registerActivitiesPages(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule, deps: { people: PeoplePort }): Promise<void> {
  const { programme, registrations, attendance, feeds } = m;

  const formContext = async (actor: Actor) => {
    const [sites, staff] = await Promise.all([programme.siteMap(actor.centerId), programme.staff(actor.centerId)]);
    return { sites: [...sites.values()].filter((s) => !s.archivedAt).sort((a, b) => compareFrench(a.name, b.name)), staff };
  };

  // — programme —

  app.get('/programme', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const query = request.query as Record<string, unknown>;
    const mine = query.mes === '1';
    // Two weeks at a time: what a team plans and checks, and a page that stays short.
    const from = (typeof query.du === 'string' && parseLocalDate(query.du)) || utcToParis(ctx.clock.nowIso()).date;
    const fromIso = parisToUtc(from, '00:00');
    const shift = (days: number) => utcToParis(new Date(Date.parse(fromIso) + days * 86_400_000 + 12 * 3_600_000).toISOString()).date;
    // Midnight in Paris fourteen days on: 14 × 24 h would be an hour off across a clock change.
    const toIso = parisToUtc(shift(WINDOW_DAYS), '00:00');
    const [sessions, activities, sites] = await Promise.all([
      programme.upcoming(actor, { mine, from: fromIso, to: toIso, limit: 300 }),
      programme.list(actor, { mine }),
      programme.siteMap(actor.centerId),
    ]);
    const opens = new Set(activities.filter((a) => programme.opensSessions(actor, a)).map((a) => a.id));
    const seesAll = seesAllPersons(actor.role);
    return sendPage(reply, <ProgrammePage ctx={viewContext(request)} sessions={sessions} activities={activities} sites={sites} mine={mine}
      opensSessionsOf={(activityId) => seesAll || opens.has(activityId)}
      window={{ from, previous: shift(-WINDOW_DAYS), next: shift(WINDOW_DAYS) }} />);
  });

  app.get('/programme/nouvelle', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { sites, staff } = await formContext(actor);
    // No audience, theme nor publication chosen for the coordinator: a wrong default goes unnoticed
    // and reaches residents. A new activity is published from its page, once checked.
    const values = {
      scheduleKind: 'rrule', registrationMode: 'session', interval: '1', capacity: '12', startTime: '14:00', endTime: '16:00', equipment: [],
      block1Weekday: '', block1Start: '14:00', block1End: '16:00',
    };
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={values} sites={sites} staff={staff} />);
  });

  app.post('/programme/nouvelle', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const slots = blockAction(formValues(request.body), (request.body as Record<string, unknown> | undefined)?.action);
    if (slots) {
      const { sites, staff } = await formContext(actor);
      return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={slots.values} focusBlock={slots.focus} sites={sites} staff={staff} />);
    }
    const parsed = parseForm(activityForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        // Created unpublished whatever is sent: residents see it once published from its page.
        const activity = await programme.create(actor, { ...activityInputFromForm(parsed.data), published: false });
        const sessions = await programme.sessions(actor, activity.id);
        setFlash(reply, t(request.locale, 'activities.form.created', { count: sessions.length }));
        return redirectSeeOther(reply, `/programme/${activity.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors = error.fields;
      }
    }
    const { sites, staff } = await formContext(actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={formValues(request.body)} errors={errors} sites={sites} staff={staff} />, 422);
  });

  app.get('/programme/:id', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const [sessions, sites] = await Promise.all([programme.sessions(actor, activity.id), programme.siteMap(actor.centerId)]);
    return sendPage(reply, <ActivityStaffPage ctx={viewContext(request)} activity={activity} sessions={sessions} sites={sites} opensSessions={programme.opensSessions(actor, activity)} />);
  });

  app.get('/programme/:id/modifier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const { sites, staff } = await formContext(actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={activityFormValues(activity)} sites={sites} staff={staff} activity={activity} />);
  });

  app.post('/programme/:id/modifier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const slots = blockAction(formValues(request.body), (request.body as Record<string, unknown> | undefined)?.action);
    if (slots) {
      const { sites, staff } = await formContext(actor);
      return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={slots.values} focusBlock={slots.focus} sites={sites} staff={staff} activity={activity} />);
    }
    const parsed = parseForm(activityForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await programme.update(actor, activity.id, activityInputFromForm(parsed.data));
        setFlash(reply, t(request.locale, 'activities.form.saved'));
        return redirectSeeOther(reply, `/programme/${activity.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
        errors = Object.keys(error.fields).length ? error.fields : { title: error.messageKey };
      }
    }
    const { sites, staff } = await formContext(actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={formValues(request.body)} errors={errors} sites={sites} staff={staff} activity={activity} />, 422);
  });

  app.post('/programme/:id/publier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await programme.update(actor, idOf(request), { published: true });
    setFlash(reply, t(request.locale, 'activities.detail.publishedFlash'));
    return redirectSeeOther(reply, `/programme/${idOf(request)}`);
  });

  app.post('/programme/:id/archiver', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await programme.archive(actor, idOf(request));
    setFlash(reply, t(request.locale, 'activities.detail.archived'));
    return redirectSeeOther(reply, `/programme/${idOf(request)}`);
  });

  // — one session —

  app.get('/seances/:id', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const { detail, items } = await registrations.listForSession(actor, idOf(request));
    return sendPage(reply, <SessionPage ctx={viewContext(request)} detail={detail} items={items} past={detail.session.startsAt <= ctx.clock.nowIso()} />);
  });

  app.get('/seances/:id/deplacer', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const local = programme.localTimes(detail.session);
    const sites = (await formContext(actor)).sites;
    return sendPage(reply, <MoveSessionPage ctx={viewContext(request)} detail={detail} sites={sites} values={{ date: local.date, startTime: local.time, endTime: local.endTime }} />);
  });

  app.post('/seances/:id/deplacer', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const parsed = parseForm(sessionMoveForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await programme.moveSession(actor, detail.session.id, { ...parsed.data, siteId: parsed.data.siteId || null });
        setFlash(reply, t(request.locale, 'activities.session.movedDone'));
        return redirectSeeOther(reply, `/seances/${detail.session.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors = error.fields;
      }
    }
    const sites = (await formContext(actor)).sites;
    return sendPage(reply, <MoveSessionPage ctx={viewContext(request)} detail={detail} sites={sites} values={formValues(request.body)} errors={errors} />, 422);
  });

  app.get('/seances/:id/annuler', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    return sendPage(reply, <CancelSessionPage ctx={viewContext(request)} detail={detail} values={{}} />);
  });

  app.post('/seances/:id/annuler', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const parsed = parseForm(sessionCancelForm, request.body);
    if (!parsed.ok) return sendPage(reply, <CancelSessionPage ctx={viewContext(request)} detail={detail} values={formValues(request.body)} errors={parsed.errors} />, 422);
    await programme.cancelSession(actor, detail.session.id, parsed.data.reason || null);
    setFlash(reply, t(request.locale, 'activities.session.cancelledDone'));
    return redirectSeeOther(reply, `/seances/${detail.session.id}`);
  });

  // — registering a person (by phone, at the desk) —

  const registerPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, unknown> = {}, errors: FieldErrors = {}, status = 200) => {
    const detail = await programme.getSession(actor, idOf(request));
    const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 100).trim();
    const results = q && can(actor.role, 'persons.read') ? (await deps.people.search(actor, { q, pageSize: 20 })).items : null;
    return sendPage(reply, <StaffRegisterPage ctx={viewContext(request)} detail={detail} query={q} results={results} values={formValues(values)} errors={errors} />, status);
  };

  app.get('/seances/:id/inscrire', page('activities.register'), async (request, reply) => registerPage(request, reply, actorOf(request)));

  app.post('/seances/:id/inscrire', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(staffRegistrationForm, request.body);
    if (!parsed.ok) return registerPage(request, reply, actor, request.body as Record<string, unknown>, parsed.errors, 422);
    const form = parsed.data;
    const errors: FieldErrors = {};
    if (!form.personId) {
      if (!form.firstName) errors.firstName = 'activities.firstName.required';
      if (!form.lastName) errors.lastName = 'activities.lastName.required';
    }
    if (Object.keys(errors).length > 0) return registerPage(request, reply, actor, request.body as Record<string, unknown>, errors, 422);
    try {
      const outcome = await registrations.register(actor, actor.centerId, idOf(request), {
        personId: form.personId || undefined,
        person: form.personId ? undefined : { firstName: form.firstName, lastName: form.lastName, birthYear: form.birthYear, commune: form.commune || null, phone: form.phone, email: form.email },
        guardianName: form.guardianName || null,
        parentalAuthorisation: form.parentalAuthorisation,
        dataProcessing: (request.body as Record<string, unknown>).dataProcessing === 'oui',
      }, 'staff');
      const name = [outcome.person.firstName, outcome.person.lastName].filter(Boolean).join(' ');
      const key = outcome.duplicate ? 'activities.staffRegister.duplicate' : outcome.status === 'confirmed' ? 'activities.staffRegister.confirmed' : 'activities.staffRegister.waitlisted';
      setFlash(reply, t(request.locale, key, { name }));
      return redirectSeeOther(reply, `/seances/${idOf(request)}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const fields = { ...error.fields };
      if (fields.personId && !form.personId) fields.lastName = fields.personId;
      delete fields.personId;
      return registerPage(request, reply, actor, request.body as Record<string, unknown>, Object.keys(fields).length ? fields : { lastName: error.messageKey }, 422);
    }
  });

  app.get('/inscriptions/:id/annuler', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const { registration, person } = await registrations.getForStaff(actor, idOf(request));
    const detail = await programme.getSession(actor, registration.sessionId);
    return sendPage(reply, <CancelRegistrationPage ctx={viewContext(request)} detail={detail} registration={registration} person={person} />);
  });

  app.post('/inscriptions/:id/annuler', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const row = await registrations.cancel(actor, idOf(request));
    setFlash(reply, t(request.locale, 'activities.session.registrationCancelled'));
    return redirectSeeOther(reply, `/seances/${row.sessionId}`);
  });

  app.post('/inscriptions/:id/rapprochement', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const same = (request.body as Record<string, unknown> | undefined)?.meme;
    if (same !== 'oui' && same !== 'non') throw new AppError(400, 'bad_request', 'errors.badRequest');
    const row = await registrations.resolveMatch(actor, idOf(request), same === 'oui');
    setFlash(reply, t(request.locale, 'activities.session.matchDone'));
    return redirectSeeOther(reply, `/seances/${row.sessionId}`);
  });

  // — attendance —

  app.get('/seances/:id/presences', page('activities.attendance'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <AttendancePage ctx={viewContext(request)} sheet={await attendance.sheet(actor, idOf(request))} />);
  });

  app.post('/seances/:id/presences', page('activities.attendance'), async (request, reply) => {
    const actor = actorOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const entries: { personId: string; status: AttendanceStatus }[] = [];
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('p_') || typeof value !== 'string') continue;
      if (!(ATTENDANCE_STATUSES as readonly string[]).includes(value)) throw new AppError(400, 'bad_request', 'errors.badRequest');
      entries.push({ personId: key.slice(2), status: value as AttendanceStatus });
    }
    if (body.tous === 'present') {
      // "Everyone is here": those not marked otherwise are present.
      const sheet = await attendance.sheet(actor, idOf(request));
      const marked = new Set(entries.map((e) => e.personId));
      for (const r of sheet.registered) if (!marked.has(r.personId)) entries.push({ personId: r.personId, status: 'present' });
    }
    try {
      await attendance.record(actor, idOf(request), entries);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      return sendPage(reply, <AttendancePage ctx={viewContext(request)} sheet={await attendance.sheet(actor, idOf(request))} values={formValues(body)} errors={{ _form: 'activities.person.unknown' }} />, 422);
    }
    setFlash(reply, t(request.locale, 'activities.attendance.saved'));
    return redirectSeeOther(reply, `/seances/${idOf(request)}/presences`);
  });

  app.post('/seances/:id/presences/ajout', page('activities.attendance'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(staffRegistrationForm, request.body);
    const body = (request.body ?? {}) as Record<string, unknown>;
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      if (!parsed.data.firstName) errors.firstName = 'activities.firstName.required';
      if (!parsed.data.lastName) errors.lastName = 'activities.lastName.required';
    }
    if (parsed.ok && Object.keys(errors).length === 0) {
      try {
        const person = await attendance.addWalkIn(actor, idOf(request), {
          person: { firstName: parsed.data.firstName, lastName: parsed.data.lastName, birthYear: parsed.data.birthYear, commune: parsed.data.commune || null },
          dataProcessing: body.dataProcessing === 'oui',
          parentalAuthorisation: parsed.data.parentalAuthorisation || undefined,
        });
        setFlash(reply, t(request.locale, 'activities.attendance.added', { name: [person.firstName, person.lastName].filter(Boolean).join(' ') }));
        return redirectSeeOther(reply, `/seances/${idOf(request)}/presences`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors = error.fields;
      }
    }
    return sendPage(reply, <AttendancePage ctx={viewContext(request)} sheet={await attendance.sheet(actor, idOf(request))} values={formValues(body)} errors={errors} />, 422);
  });

  app.get('/seances/:id/emargement.pdf', page('activities.attendance'), async (request, reply) =>
    sendSignInSheet(reply, m, actorOf(request), idOf(request)),
  );

  // — calendar feeds —

  app.get('/agenda', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <CalendarPage ctx={viewContext(request)} url={await feeds.feedUrl(actor)} publicUrl={ctx.config.publicUrl} />);
  });

  app.post('/agenda', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    await feeds.renewFeed(actor);
    setFlash(reply, t(request.locale, 'activities.calendar.renewed'));
    return redirectSeeOther(reply, '/agenda');
  });

  app.get('/agenda/:file', page('public'), async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!file.endsWith('.ics')) throw notFound();
    const ics = await feeds.personalFeed(file.slice(0, -'.ics'.length));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
  });

  // — a person's activities (linked from the person's file) —

  app.get('/personnes/:id/activites', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const personId = idOf(request);
    const history = await registrations.historyOf(actor, personId);
    const person = await deps.people.getSummary(actor.centerId, personId);
    if (!person) throw notFound();
    return sendPage(reply, <HistoryPage ctx={viewContext(request)} person={person} personId={personId} history={history} />);
  });

  const choosePage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, errors: FieldErrors = {}, status = 200) => {
    const personId = idOf(request);
    if (!isUuid(personId) || !(await deps.people.canSee(actor, personId))) throw notFound();
    const person = await deps.people.getSummary(actor.centerId, personId);
    if (!person) throw notFound();
    const sessions = await registrations.openSessions(actor);
    return sendPage(reply, <ChooseSessionPage ctx={viewContext(request)} person={person} personId={personId} sessions={sessions} errors={errors} />, status);
  };

  app.get('/personnes/:id/inscrire', page('activities.register'), async (request, reply) => choosePage(request, reply, actorOf(request)));

  app.post('/personnes/:id/inscrire', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const sessionId = (request.body as Record<string, unknown> | undefined)?.sessionId;
    if (typeof sessionId !== 'string' || !sessionId) return choosePage(request, reply, actor, { sessionId: 'activities.registration.chooseSession' }, 422);
    const outcome = await registrations.register(actor, actor.centerId, sessionId, { personId: idOf(request) }, 'staff');
    const name = [outcome.person.firstName, outcome.person.lastName].filter(Boolean).join(' ');
    const key = outcome.duplicate ? 'activities.staffRegister.duplicate' : outcome.status === 'confirmed' ? 'activities.staffRegister.confirmed' : 'activities.staffRegister.waitlisted';
    setFlash(reply, t(request.locale, key, { name }));
    return redirectSeeOther(reply, `/personnes/${idOf(request)}/activites`);
  });

}
