/**
 * A route in an order chosen by hand (pure): the times of each visit when the car keeps that
 * order, computed with the same travel times as the planner (buildModel), and what the order
 * breaks — a visit that starts after its window, the lunch break that cannot be taken in its
 * window, the return after the end of the shift. Nothing is dropped and nothing is hidden: a
 * late visit starts when the car arrives and is reported, so the coordinator sees it before
 * confirming.
 */
import type { SolutionStep } from './index.ts';
import { buildModel, earliestStart, type Model } from './model.ts';
import type { Problem } from './problem.ts';

export type OrderWarning =
  | { type: 'late'; id: number | string }
  | { type: 'break_late' }
  | { type: 'shift_end' };

export interface OrderedRoute {
  steps: SolutionStep[];
  cost: number;
  warnings: OrderWarning[];
}

/** Break b taken just before the job at `at` (jobs.length: after the last job), b in start order. */
type Placement = number[];

const MAX_PLACEMENTS = 5000;

/** Every way to put the breaks (in their order) between the jobs; null when there are too many to try. */
function placements(jobs: number, breaks: number): Placement[] | null {
  const out: Placement[] = [];
  const walk = (prefix: number[], from: number) => {
    if (out.length > MAX_PLACEMENTS) return;
    if (prefix.length === breaks) {
      out.push(prefix);
      return;
    }
    for (let at = from; at <= jobs; at++) walk([...prefix, at], at);
  };
  walk([], 0);
  return out.length > MAX_PLACEMENTS ? null : out;
}

/**
 * The route visiting `ids` (jobs of the problem) in that order. The breaks go where the route
 * breaks the fewest rules, then ends earliest (every place is tried; past a few thousand
 * combinations, each break before the visit after which it could no longer start, as the
 * heuristic does). A break that cannot start in its window is taken as soon as possible and
 * reported.
 */
export function routeInOrder(problem: Problem, ids: readonly (number | string)[]): OrderedRoute {
  const model = buildModel(problem);
  const indexOf = new Map(problem.jobs.map((j, i) => [String(j.id), i]));
  const jobs = ids.map((id) => {
    const index = indexOf.get(String(id));
    if (index === undefined) throw new Error(`routeInOrder: unknown job ${String(id)}`);
    return index;
  });
  const order = model.breaks.map((_, b) => b).sort((x, y) => model.breaks[x]!.windows[0]![0] - model.breaks[y]!.windows[0]![0]);
  const tries = placements(jobs.length, order.length);
  if (!tries) return run(problem, model, jobs, order, null);
  let best: OrderedRoute | null = null;
  for (const placement of tries) {
    const route = run(problem, model, jobs, order, placement);
    const end = route.steps.at(-1)!.arrival;
    if (!best || route.warnings.length < best.warnings.length || (route.warnings.length === best.warnings.length && end < best.steps.at(-1)!.arrival)) best = route;
  }
  return best!;
}

/** One simulation: the breaks at `placement`, or (null) each before the visit after which it could no longer start. */
function run(problem: Problem, model: Model, jobs: readonly number[], breakOrder: readonly number[], placement: Placement | null): OrderedRoute {
  const { n, size, travel } = model;
  const v = problem.vehicle;
  const place = (location: [number, number] | undefined, index: number | undefined) => ({
    ...(location ? { location } : {}),
    ...(index !== undefined ? { location_index: index } : {}),
  });
  const warnings: OrderWarning[] = [];
  const steps: SolutionStep[] = [{ type: 'start', ...place(v.start, v.start_index), arrival: model.shift[0], waiting: 0, service: 0, duration: 0 }];
  let time = model.shift[0];
  let at = n;
  let cost = 0;
  const pending = [...breakOrder];
  const takeBreak = (b: number) => {
    let start = earliestStart(model.breaks[b]!.windows, time);
    if (start < 0) {
      warnings.push({ type: 'break_late' });
      start = time;
    }
    const id = v.breaks[b]!.id;
    steps.push({ type: 'break', ...(id !== undefined ? { id } : {}), arrival: time, waiting: start - time, service: model.breaks[b]!.service, duration: cost });
    time = start + model.breaks[b]!.service;
  };
  const startOf = (j: number, arrival: number) => {
    const start = earliestStart(model.windows[j]!, arrival);
    return start < 0 ? arrival : start;
  };
  for (const [k, j] of jobs.entries()) {
    for (;;) {
      const b = pending[0];
      if (b === undefined) break;
      if (placement) {
        if (placement[breakOrder.length - pending.length]! !== k) break;
      } else {
        const done = startOf(j, time + travel[at * size + j]!) + model.service[j]!;
        if (earliestStart(model.breaks[b]!.windows, done) >= 0) break;
      }
      pending.shift();
      takeBreak(b);
    }
    const leg = travel[at * size + j]!;
    const arrival = time + leg;
    cost += leg;
    const windowStart = earliestStart(model.windows[j]!, arrival);
    if (windowStart < 0) warnings.push({ type: 'late', id: problem.jobs[j]!.id });
    const start = windowStart < 0 ? arrival : windowStart;
    const job = problem.jobs[j]!;
    steps.push({ type: 'job', id: job.id, ...place(job.location, job.location_index), arrival, waiting: start - arrival, service: model.service[j]!, duration: cost });
    time = start + model.service[j]!;
    at = j;
  }
  for (const b of pending) takeBreak(b);
  const leg = travel[at * size + n + 1]!;
  cost += leg;
  const end = time + leg;
  if (end > model.shift[1]) warnings.push({ type: 'shift_end' });
  steps.push({ type: 'end', ...place(v.end, v.end_index), arrival: end, waiting: 0, service: 0, duration: cost });
  return { steps, cost, warnings };
}
