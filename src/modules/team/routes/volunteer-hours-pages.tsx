// Pages of volunteer hours (/equipe/benevolat): totals and valorisation over a period, recording, the CSV export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, queryDate, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { TeamBoardModule } from '../team-board.module.ts';
import { hoursCsv } from '../volunteer-hours.export.ts';
import { XLSX_CONTENT_TYPE } from '../../../platform/xlsx.ts';
import { hoursForm, rateForm } from '../volunteer-hours.schemas.ts';
import { HoursFormPage, VolunteerHoursPage } from '../views/volunteer-hours.view.tsx';

const BASE = '/equipe/benevolat';

export function registerVolunteerHoursPages(app: FastifyInstance, m: TeamBoardModule): void {
  const period = (request: FastifyRequest) => {
    const fallback = m.hours.defaultPeriod();
    return { from: queryDate(request, 'du') ?? fallback.from, to: queryDate(request, 'au') ?? fallback.to };
  };
  const hoursPage = async (request: FastifyRequest, reply: FastifyReply, rateErrors?: FieldErrors, rateValue?: string) => {
    const summary = await m.hours.summary(actorOf(request), period(request));
    return sendPage(reply, <VolunteerHoursPage ctx={viewContext(request)} summary={summary} rateErrors={rateErrors} rateValue={rateValue} />, rateErrors ? 422 : 200);
  };

  app.get(BASE, page('team.hours'), async (request, reply) => hoursPage(request, reply));

  app.get(`${BASE}/export.csv`, page('team.hours'), async (request, reply) => {
    const summary = await m.hours.summary(actorOf(request), period(request));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="benevolat-${summary.from}-${summary.to}.csv"`)
      .send(hoursCsv(summary));
  });

  app.get(`${BASE}/export.xlsx`, page('team.hours'), async (request, reply) => {
    const { summary, xlsx } = await m.hours.workbook(actorOf(request), period(request));
    return reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="benevolat-${summary.from}-${summary.to}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(xlsx);
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const [volunteers, sessions] = await Promise.all([m.hours.volunteers(actor), m.hours.recentSessions(actor)]);
    return sendPage(reply, <HoursFormPage ctx={viewContext(request)} values={values} errors={errors} volunteers={volunteers} sessions={sessions} />, errors ? status : 200);
  };
  const order = ['userId', 'kind', 'sessionId', 'workedOn', 'durationHours', 'durationMinutes', 'note'];

  app.get(`${BASE}/nouveau`, page('team.hours'), async (request, reply) => formPage(request, reply, { workedOn: m.hours.today() }));
  app.post(`${BASE}/nouveau`, page('team.hours'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: hoursForm, order, rename: { minutes: 'durationHours' },
      run: (form) => m.hours.record(actor, {
        userId: form.userId, kind: form.kind, sessionId: form.sessionId, workedOn: form.workedOn,
        minutes: form.durationHours * 60 + form.durationMinutes, note: form.note === '' ? null : form.note,
      }),
      render: ({ values, errors, status }) => formPage(request, reply, values, errors, status),
      done: () => ({ redirect: BASE, flash: 'volunteerHours.saved' }),
    });
  });

  app.post(`${BASE}/taux`, page('team.hours'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: rateForm,
      run: (form) => m.hours.setRate(actor, form.rate),
      render: ({ values, errors }) => hoursPage(request, reply, errors, typeof values.rate === 'string' ? values.rate : ''),
      done: () => ({ redirect: BASE, flash: 'volunteerHours.rateSaved' }),
    });
  });

  app.post(`${BASE}/:id/supprimer`, page('team.hours'), async (request, reply) => {
    await m.hours.remove(actorOf(request), idOf(request));
    setFlash(reply, t(request.locale, 'volunteerHours.deleted'));
    return redirectSeeOther(reply, BASE);
  });
}
