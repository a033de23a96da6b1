// Planning a week (/navette/planifier-semaine): the proposed days, then their confirmation.
import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, handleForm, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { addDays, mondayOf, parisDate } from '../../../platform/time.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { WEEK_DAYS, weekForm } from '../shuttle.schemas.ts';
import { USUAL_LUNCH, USUAL_SHIFT } from '../week-plan.service.ts';
import { WeekPlanPage } from '../views/week-planning.view.tsx';

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));

/**
 * The week planning page: an empty form for next week (Monday to Friday out, the usual
 * hours), or the week proposed for the days asked; its confirmation stores one confirmed tour
 * per day with visits, refused (409) when the proposal changed meanwhile.
 */
export function registerWeekPlanPages(app: FastifyInstance, m: ShuttleModule): void {
  const nextMonday = () => mondayOf(addDays(parisDate(app.ctx.clock.now()), 7));
  const labelMonday = (v: unknown) => (isDate(v) ? mondayOf(v) : nextMonday());

  app.get('/navette/planifier-semaine', page('shuttle.plan'), async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const ctx = viewContext(request);
    if (!query.monday) {
      const values: Record<string, string> = { monday: nextMonday(), lunchFrom: USUAL_LUNCH.from, lunchTo: USUAL_LUNCH.to, lunchMinutes: String(USUAL_LUNCH.minutes) };
      for (let n = 1; n <= WEEK_DAYS; n++) Object.assign(values, { [`on${n}`]: n <= 5 ? '1' : '', [`from${n}`]: USUAL_SHIFT.from, [`to${n}`]: USUAL_SHIFT.to });
      return sendPage(reply, <WeekPlanPage ctx={ctx} data={{ values, monday: values.monday!, week: null }} />);
    }
    const values = formValues(query);
    const parsed = parseForm(weekForm, query);
    if (!parsed.ok) return sendPage(reply, <WeekPlanPage ctx={ctx} data={{ values, errors: parsed.errors, monday: labelMonday(query.monday), week: null }} />, 422);
    try {
      const week = await m.weeks.propose(actorOf(request), parsed.data.options);
      return sendPage(reply, <WeekPlanPage ctx={ctx} data={{ values, monday: week.monday, week }} />);
    } catch (error) {
      const refusal = refusalOf(error, { fallbackField: 'monday' });
      return sendPage(reply, <WeekPlanPage ctx={ctx} data={{ values, errors: refusal.errors, monday: labelMonday(query.monday), week: null }} />, refusal.status);
    }
  });

  app.post('/navette/planifier-semaine', page('shuttle.plan'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: weekForm, statuses: [409], fallbackField: 'monday',
      run: ({ options, expected }) => m.weeks.confirm(actor, options, expected),
      render: async ({ values, errors, status }) => {
        // What changed meanwhile is shown at once: the new proposal under the message.
        const again = parseForm(weekForm, request.body);
        const week = again.ok ? await m.weeks.propose(actor, again.data.options).catch(() => null) : null;
        return sendPage(reply, <WeekPlanPage ctx={viewContext(request)} data={{ values, errors, monday: labelMonday(values.monday), week }} />, status);
      },
      done: ({ tourIds }) => ({ redirect: '/navette', flash: 'shuttle.week.confirmed', flashParams: { count: tourIds.length } }),
    });
  });
}
