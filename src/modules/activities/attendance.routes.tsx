// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { communeName } from '../../platform/communes.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { staffRegistrationForm } from './activity.schemas.ts';
import { formatPlace, formatSession, isMinorAt } from './activity.format.ts';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './activity.vocab.ts';
import { utcToParis } from './schedule.ts';
import { buildSignInSheet } from './sign-in-sheet.ts';
import { AttendancePage } from './views/attendance.view.tsx';

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

/** A session's attendance: marking it, adding walk-ins, the sign-in sheet. */
export function registerAttendancePages(app: FastifyInstance, m: ActivitiesModule): void {
  const { attendance } = m;

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
}
