/**
 * The navette's tour planner, pure (no I/O, no clock): a problem in (problem.ts, a subset of
 * VROOM's input), a solution out (a subset of VROOM's output). See docs/planner.md.
 *
 * Jobs that cannot be visited even alone (window out of the shift, too far) are left out with
 * the reason `time_window`; up to `options.exact_limit` (12) remaining jobs the answer is exact
 * (exact.ts), beyond it comes from the heuristic (heuristic.ts); jobs that do not fit with the
 * others are left out with the reason `no_room`.
 */
import { solveExact } from './exact.ts';
import { solveHeuristic, type HeuristicOptions } from './heuristic.ts';
import { buildModel, simulate, type Schedule } from './model.ts';
import type { Problem } from './problem.ts';

export { parseProblem, problemSchema, type Problem, type ProblemInput } from './problem.ts';

type Id = number | string;

export interface SolutionStep {
  type: 'start' | 'job' | 'break' | 'end';
  id?: Id;
  location?: [number, number];
  location_index?: number;
  /** Seconds, on the problem's clock. */
  arrival: number;
  waiting: number;
  service: number;
  /** Driving time since the start. */
  duration: number;
}

export type UnassignedReason = 'time_window' | 'no_room' | 'shift';

export interface Solution {
  summary: {
    cost: number;
    routes: number;
    unassigned: number;
    priority: number;
    duration: number;
    service: number;
    waiting_time: number;
    exact: boolean;
  };
  routes: { vehicle: Id; cost: number; duration: number; service: number; waiting_time: number; steps: SolutionStep[] }[];
  unassigned: { id: Id; reason: UnassignedReason }[];
}

function render(problem: Problem, schedule: Schedule | null, exact: boolean, reasons: Map<number, UnassignedReason>): Solution {
  const v = problem.vehicle;
  const unassigned = [...reasons].sort((a, b) => a[0] - b[0]).map(([j, reason]) => ({ id: problem.jobs[j]!.id, reason }));
  if (!schedule) {
    return {
      summary: { cost: 0, routes: 0, unassigned: unassigned.length, priority: 0, duration: 0, service: 0, waiting_time: 0, exact },
      routes: [],
      unassigned,
    };
  }
  const place = (location: [number, number] | undefined, index: number | undefined) => ({
    ...(location ? { location } : {}),
    ...(index !== undefined ? { location_index: index } : {}),
  });
  const steps: SolutionStep[] = [{ type: 'start', ...place(v.start, v.start_index), arrival: schedule.start, waiting: 0, service: 0, duration: 0 }];
  let service = 0;
  let waiting = 0;
  let priority = 0;
  for (const visit of schedule.visits) {
    service += visit.service;
    waiting += visit.waiting;
    const common = { arrival: visit.arrival, waiting: visit.waiting, service: visit.service, duration: visit.travelled };
    if (visit.step >= 0) {
      const job = problem.jobs[visit.step]!;
      priority += job.priority;
      steps.push({ type: 'job', id: job.id, ...place(job.location, job.location_index), ...common });
    } else {
      const b = v.breaks[-1 - visit.step]!;
      steps.push({ type: 'break', ...(b.id !== undefined ? { id: b.id } : {}), ...common });
    }
  }
  steps.push({ type: 'end', ...place(v.end, v.end_index), arrival: schedule.end, waiting: 0, service: 0, duration: schedule.cost });
  const route = { vehicle: v.id ?? 0, cost: schedule.cost, duration: schedule.cost, service, waiting_time: waiting, steps };
  return {
    summary: { cost: schedule.cost, routes: 1, unassigned: unassigned.length, priority, duration: schedule.cost, service, waiting_time: waiting, exact },
    routes: [route],
    unassigned,
  };
}

/** Plans the tour. The problem must have been validated (`parseProblem`). */
export function solve(problem: Problem, options: HeuristicOptions = {}): Solution {
  const model = buildModel(problem);
  const reasons = new Map<number, UnassignedReason>();
  const all = problem.jobs.map((_, j) => j);
  if (!solveExact(model, [])) {
    for (const j of all) reasons.set(j, 'shift');
    return render(problem, null, true, reasons);
  }
  const reachable = all.filter((j) => {
    const alone = solveExact(model, [j]);
    const ok = alone !== null && alone.count === 1;
    if (!ok) reasons.set(j, 'time_window');
    return ok;
  });
  if (reachable.length <= problem.options.exact_limit) {
    const choice = solveExact(model, reachable)!;
    const served = new Set(choice.steps.filter((s) => s >= 0));
    for (const j of reachable) if (!served.has(j)) reasons.set(j, 'no_room');
    return render(problem, simulate(model, choice.steps), true, reasons);
  }
  const found = solveHeuristic(model, reachable, options)!;
  for (const j of found.left) reasons.set(j, 'no_room');
  return render(problem, found.schedule, false, reasons);
}
