/**
 * Planning a week (pure): which request on which day, and in which order. Each day is a
 * planner problem of its own (its shift, its break, and the jobs whose person is at home that
 * day, with that day's windows and priority); a job is one request, known by the same id on
 * every day it appears.
 *
 * 1. Day after day, the planner (index.ts, exact up to 12 visits) picks among the jobs not yet
 *    placed: on each day the highest priorities first (urgent, then older), then the most
 *    visits, then the least driving.
 * 2. Local moves over the whole week, each checked against the windows, the shift and the
 *    break: a job left out takes the place of a lower-priority one where it fits; a job left
 *    out goes where it fits; a job moves to another day where it is at home when that cuts
 *    the week's driving.
 * 3. Each day's visits are ordered again by the planner (exact up to 12 visits).
 *
 * A job placed nowhere gets a reason: `time_window` when it could not be visited even alone on
 * any of its days, otherwise `no_room`.
 */
import { solve, type SolutionStep, type UnassignedReason } from './index.ts';
import type { HeuristicOptions } from './heuristic.ts';
import { buildModel, withBreaks, type Model } from './model.ts';
import { routeInOrder } from './order.ts';
import type { Problem } from './problem.ts';

type Id = number | string;

export interface WeekDayProblem {
  /** The day ("YYYY-MM-DD"), or any key the caller knows it by. */
  key: string;
  problem: Problem;
}

export interface WeekDayPlan {
  key: string;
  /** The day's route, start to end; null when nothing is visited that day. */
  route: { steps: SolutionStep[]; cost: number } | null;
}

export interface WeekPlan {
  days: WeekDayPlan[];
  unassigned: { id: Id; reason: Exclude<UnassignedReason, 'shift'> }[];
  /** Driving time of the whole week, seconds. */
  cost: number;
}

const EPSILON = 1e-9;
const MAX_PASSES = 20;

interface Day {
  key: string;
  problem: Problem;
  model: Model;
  /** Job id → index in this day's problem. */
  index: Map<string, number>;
  /** Indices of this day's jobs, in visiting order. */
  order: number[];
  cost: number;
}

const keyOf = (id: Id) => String(id);

function restrict(problem: Problem, keep: (id: string) => boolean): Problem {
  return { ...problem, jobs: problem.jobs.filter((j) => keep(keyOf(j.id))) };
}

/** The cheapest feasible place of `job` in `order`, or null. */
function bestInsertion(day: Day, order: readonly number[], job: number): { order: number[]; cost: number } | null {
  let best: { order: number[]; cost: number } | null = null;
  for (let at = 0; at <= order.length; at++) {
    const candidate = [...order.slice(0, at), job, ...order.slice(at)];
    const schedule = withBreaks(day.model, candidate);
    if (schedule && (!best || schedule.cost < best.cost - EPSILON)) best = { order: candidate, cost: schedule.cost };
  }
  return best;
}

export function planWeek(days: readonly WeekDayProblem[], options: HeuristicOptions = {}): WeekPlan {
  const placed = new Map<string, number>(); // job id → day
  const reasons = new Map<string, Set<UnassignedReason>>();
  const ids = new Map<string, Id>();
  const priority = new Map<string, number>();
  for (const d of days) {
    for (const j of d.problem.jobs) {
      ids.set(keyOf(j.id), j.id);
      priority.set(keyOf(j.id), Math.max(priority.get(keyOf(j.id)) ?? 0, j.priority));
    }
  }

  // 1. Day after day, what is left.
  const state: Day[] = days.map((d, dayIndex) => {
    const solution = solve(restrict(d.problem, (id) => !placed.has(id)), options);
    for (const u of solution.unassigned) {
      const set = reasons.get(keyOf(u.id)) ?? new Set();
      set.add(u.reason);
      reasons.set(keyOf(u.id), set);
    }
    const index = new Map(d.problem.jobs.map((j, i) => [keyOf(j.id), i]));
    const order: number[] = [];
    for (const step of solution.routes[0]?.steps ?? []) {
      if (step.type !== 'job') continue;
      placed.set(keyOf(step.id!), dayIndex);
      order.push(index.get(keyOf(step.id!))!);
    }
    const model = buildModel(d.problem);
    return { key: d.key, problem: d.problem, model, index, order, cost: withBreaks(model, order)?.cost ?? 0 };
  });
  const left = () =>
    [...ids.keys()].filter((id) => !placed.has(id)).sort((a, b) => priority.get(b)! - priority.get(a)! || (a < b ? -1 : 1));
  const idAt = (day: Day, j: number) => keyOf(day.problem.jobs[j]!.id);

  // 2. Local moves until none helps.
  for (let pass = 0, improved = true; improved && pass < MAX_PASSES; pass++) {
    improved = false;
    // A job left out where it fits, or instead of a lower-priority one.
    for (const id of left()) {
      let done = false;
      for (const day of state) {
        const j = day.index.get(id);
        if (j === undefined || done) continue;
        const inserted = bestInsertion(day, day.order, j);
        if (inserted) {
          Object.assign(day, inserted);
          placed.set(id, state.indexOf(day));
          done = improved = true;
        }
      }
      for (const day of state) {
        const j = day.index.get(id);
        if (j === undefined || done) continue;
        const weaker = day.order.filter((x) => (priority.get(idAt(day, x)) ?? 0) < priority.get(id)!).sort((a, b) => priority.get(idAt(day, a))! - priority.get(idAt(day, b))!);
        for (const x of weaker) {
          const inserted = bestInsertion(day, day.order.filter((y) => y !== x), j);
          if (!inserted) continue;
          Object.assign(day, inserted);
          placed.delete(idAt(day, x));
          placed.set(id, state.indexOf(day));
          done = improved = true;
          break;
        }
      }
    }
    // A job moved to another day where it is at home, when the week drives less.
    for (const from of state) {
      for (const j of [...from.order]) {
        const id = idAt(from, j);
        const without = from.order.filter((x) => x !== j);
        const removed = withBreaks(from.model, without);
        if (!removed) continue;
        for (const to of state) {
          const k = to.index.get(id);
          if (to === from || k === undefined || !from.order.includes(j)) continue;
          const inserted = bestInsertion(to, to.order, k);
          if (!inserted || removed.cost + inserted.cost >= from.cost + to.cost - EPSILON) continue;
          from.order = without;
          from.cost = removed.cost;
          Object.assign(to, inserted);
          placed.set(id, state.indexOf(to));
          improved = true;
        }
      }
    }
  }

  // 3. Each day in its best order.
  const out: WeekDayPlan[] = state.map((day) => {
    if (day.order.length === 0) return { key: day.key, route: null };
    const chosen = new Set(day.order.map((j) => idAt(day, j)));
    const again = solve(restrict(day.problem, (id) => chosen.has(id)), options);
    const route = again.routes[0];
    if (route && again.unassigned.length === 0 && route.cost <= day.cost + EPSILON) return { key: day.key, route: { steps: route.steps, cost: route.cost } };
    const kept = routeInOrder(day.problem, day.order.map((j) => day.problem.jobs[j]!.id));
    return { key: day.key, route: { steps: kept.steps, cost: kept.cost } };
  });
  const unassigned = [...ids.keys()]
    .filter((id) => !placed.has(id))
    .map((id) => {
      const seen = reasons.get(id);
      const never = seen !== undefined && [...seen].every((r) => r === 'time_window' || r === 'shift');
      return { id: ids.get(id)!, reason: never ? ('time_window' as const) : ('no_room' as const) };
    });
  return { days: out, unassigned, cost: out.reduce((sum, d) => sum + (d.route?.cost ?? 0), 0) };
}
