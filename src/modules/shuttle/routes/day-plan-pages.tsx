// Planning a day (/navette/planifier): the proposed tour, then its confirmation.
import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import { formValues, handleForm, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { addDays, parisDate } from '../../../platform/time.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { moved, moveField, planForm } from '../shuttle.schemas.ts';
import { PlanPage } from '../views/planning.view.tsx';

/**
 * The planning page: an empty form for tomorrow, or the tour proposed for the day asked; its
 * confirmation is refused (409) when the visits changed meanwhile.
 */
export function registerDayPlanPages(app: FastifyInstance, m: ShuttleModule): void {
  app.get('/navette/planifier', page('shuttle.plan'), async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const ctx = viewContext(request);
    if (!query.date) {
      const values = { date: addDays(parisDate(app.ctx.clock.now()), 1), from: '08:30', to: '17:30', lunchFrom: '12:00', lunchTo: '13:30', lunchMinutes: '60' };
      return sendPage(reply, <PlanPage ctx={ctx} data={{ values, proposal: null, forced: [] }} />);
    }
    const values = formValues(query);
    const parsed = parseForm(planForm, query);
    if (!parsed.ok) return sendPage(reply, <PlanPage ctx={ctx} data={{ values, errors: parsed.errors, proposal: null, forced: [] }} />, 422);
    try {
      const proposal = await m.tours.propose(actorOf(request), parsed.data.options);
      return sendPage(reply, <PlanPage ctx={ctx} data={{ values, proposal, forced: parsed.data.options.force }} />);
    } catch (error) {
      const refusal = refusalOf(error, { fallbackField: 'date' });
      return sendPage(reply, <PlanPage ctx={ctx} data={{ values, errors: refusal.errors, proposal: null, forced: [] }} />, refusal.status);
    }
  });

  app.post('/navette/planifier', page('shuttle.plan'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: planForm, statuses: [409], fallbackField: 'date',
      run: ({ options, expected }) => m.tours.create(actor, options, { confirm: true, expected }),
      render: async ({ values, errors, status }) => {
        // What changed meanwhile is shown at once: the new proposal under the message.
        const again = parseForm(planForm, request.body);
        const proposal = again.ok ? await m.tours.propose(actor, again.data.options).catch(() => null) : null;
        return sendPage(reply, <PlanPage ctx={viewContext(request)} data={{ values, errors, proposal, forced: again.ok ? again.data.options.force : [] }} />, status);
      },
      done: (tour) => ({ redirect: `/navette/tournees/${tour.id}`, flash: 'shuttle.tour.confirmed' }),
    });
  });

  // "Monter", "Descendre", "Retirer" on a proposal: nothing is saved, the page comes back with
  // the visits in the new order (a visit taken out is left aside), times and warnings recomputed.
  app.post('/navette/planifier/ordre', page('shuttle.plan'), async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(planForm, body);
    const move = moveField.safeParse(body.move);
    if (!parsed.ok || !move.success) {
      const errors = parsed.ok ? { date: 'shuttle.tour.orderInvalid' } : parsed.errors;
      return sendPage(reply, <PlanPage ctx={viewContext(request)} data={{ values: formValues(body), errors, proposal: null, forced: [] }} />, 422);
    }
    const { options } = parsed.data;
    const values = formValues(body);
    const query = new URLSearchParams();
    for (const name of ['date', 'from', 'to', 'lunchFrom', 'lunchTo', 'lunchMinutes']) query.append(name, String(values[name] ?? ''));
    const exclude = move.data.move === 'remove' ? [...options.exclude, move.data.requestId] : options.exclude;
    for (const id of exclude) query.append('exclude', id);
    for (const id of options.force) query.append('force', id);
    for (const id of moved(options.order, move.data.move, move.data.requestId)) query.append('order', id);
    return redirectSeeOther(reply, `/navette/planifier?${query.toString()}`);
  });
}
