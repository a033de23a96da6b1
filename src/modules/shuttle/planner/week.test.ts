import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProblem, solve, type Problem, type ProblemInput } from './index.ts';
import { haversineMeters } from './model.ts';
import { routeInOrder } from './order.ts';
import { randomProblem } from './testing.ts';
import { planWeek, type WeekDayProblem, type WeekPlan } from './week.ts';

const HOUR = 3600;

function problemOf(input: ProblemInput): Problem {
  const parsed = parseProblem(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.problem;
}

/** A week of the navette: `stops` requests, each at home on some weekdays with that day's windows. */
function randomWeek(seed: number, stops: number, dayCount: number): WeekDayProblem[] {
  const base = randomProblem(seed, stops);
  let a = seed >>> 0;
  const random = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const homes = base.jobs!.map(() => Array.from({ length: dayCount }, () => random() < 0.6));
  return Array.from({ length: dayCount }, (_, d) => ({
    key: `day${d + 1}`,
    problem: problemOf({
      ...base,
      jobs: base.jobs!.filter((_, j) => homes[j]![d]).map((job) => {
        const shift = (d % 3) * HOUR; // the same person is at home later on some days
        return job.time_windows ? { ...job, time_windows: job.time_windows.map(([from, to]) => [Math.min(from + shift, 16 * HOUR), Math.min(to + shift, 17 * HOUR)] as [number, number]) } : job;
      }),
    }),
  }));
}

/** Checks a week without the planner's code: each job once, on a day it is at home, inside its windows, the shift and the break kept, driving times right. */
function expectValidWeek(days: readonly WeekDayProblem[], plan: WeekPlan): void {
  const seen = new Set<string>();
  const all = new Set(days.flatMap((d) => d.problem.jobs.map((j) => String(j.id))));
  for (const [i, day] of plan.days.entries()) {
    const problem = days[i]!.problem;
    expect(day.key).toBe(days[i]!.key);
    if (!day.route) continue;
    const byId = new Map(problem.jobs.map((j) => [String(j.id), j]));
    const point = (id: string | 'depot') => (id === 'depot' ? problem.vehicle.start! : byId.get(id)!.location!);
    const travel = (x: string | 'depot', y: string | 'depot') => Math.round((haversineMeters(point(x), point(y)) * problem.options.detour_factor) / ((problem.options.speed_kmh * 1000) / 3600));
    let time = problem.vehicle.time_window![0];
    let at: string | 'depot' = 'depot';
    let driven = 0;
    let breaks = 0;
    for (const step of day.route.steps.slice(1)) {
      const to = step.type === 'job' ? String(step.id) : step.type === 'end' ? 'depot' : null;
      const leg = to === null ? 0 : travel(at, to);
      driven += leg;
      expect(step.arrival).toBe(time + leg);
      const start = step.arrival + step.waiting;
      if (step.type === 'job') {
        const job = byId.get(String(step.id));
        expect(job, `job ${String(step.id)} is at home that day`).toBeDefined();
        expect(seen.has(String(step.id))).toBe(false);
        seen.add(String(step.id));
        if (job!.time_windows) expect(job!.time_windows.some(([from, until]) => start >= from && start <= until)).toBe(true);
        at = String(step.id);
      } else if (step.type === 'break') {
        breaks++;
        expect(problem.vehicle.breaks[0]!.time_windows.some(([from, until]) => start >= from && start <= until)).toBe(true);
      }
      time = start + step.service;
    }
    expect(breaks).toBe(problem.vehicle.breaks.length);
    expect(day.route.steps.at(-1)!.arrival).toBeLessThanOrEqual(problem.vehicle.time_window![1]);
    expect(day.route.cost).toBe(driven);
  }
  for (const u of plan.unassigned) {
    expect(seen.has(String(u.id))).toBe(false);
    seen.add(String(u.id));
  }
  expect(seen).toEqual(all);
}

describe('week planner', () => {
  it('every job placed once, on a day the person is at home, inside its windows, the shift and the break', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 10, max: 30 }), fc.integer({ min: 1, max: 5 }), (seed, stops, dayCount) => {
        const days = randomWeek(seed, stops, dayCount);
        expectValidWeek(days, planWeek(days, { kicks: 20 }));
      }),
      { numRuns: 15 },
    );
  });

  it('prefers urgent requests when the week is too short for all', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (urgent) => {
        // Every visit as far from every other (10 min), one hour each: 5 visits a day at most.
        const jobs = urgent.map((u, i) => ({ id: `r${i}`, location_index: i + 1, service: HOUR, priority: u ? 60 + (i % 3) : i % 5 }));
        const durations = Array.from({ length: 13 }, (_, a) => Array.from({ length: 13 }, (_, b) => (a === b ? 0 : 600)));
        const day = (key: string): WeekDayProblem => ({ key, problem: problemOf({ jobs, vehicle: { start_index: 0, end_index: 0, time_window: [9 * HOUR, 15 * HOUR] }, matrix: { durations } }) });
        const plan = planWeek([day('lundi'), day('mardi')]);
        const placedCount = 12 - plan.unassigned.length;
        expect(placedCount).toBe(10);
        const left = new Set(plan.unassigned.map((u) => u.id));
        const urgentLeft = jobs.filter((j) => j.priority >= 60 && left.has(j.id)).length;
        const normalPlaced = jobs.filter((j) => j.priority < 60 && !left.has(j.id)).length;
        // An urgent request is left out only when every place went to an urgent one.
        if (urgentLeft > 0) expect(normalPlaced).toBe(0);
        for (const u of plan.unassigned) expect(u.reason).toBe('no_room');
      }),
      { numRuns: 20 },
    );
  });

  it('puts each village on its own day rather than driving across twice, and says why a request is left out', () => {
    // Two villages 25 km apart, three visits in each, one day fits three visits: each day one village.
    const village = (lon: number, prefix: string) => [0, 1, 2].map((i) => ({ id: `${prefix}${i}`, location: [lon + i * 0.002, 50.2] as [number, number], service: 75 * 60 }));
    const jobs = [...village(2.7, 'a'), ...village(3.05, 'b')];
    const early = { id: 'tot', location: [2.86, 50.2] as [number, number], service: 1800, time_windows: [[6 * HOUR, 7 * HOUR]] as [number, number][] };
    const day = (key: string): WeekDayProblem => ({
      key,
      problem: problemOf({ jobs: [...jobs, early], vehicle: { start: [2.875, 50.2], end: [2.875, 50.2], time_window: [9 * HOUR, 14 * HOUR] } }),
    });
    const plan = planWeek([day('jeudi'), day('vendredi')]);
    const visits = plan.days.map((d) => d.route!.steps.filter((s) => s.type === 'job').map((s) => String(s.id)[0]).join(''));
    expect(visits.sort()).toEqual(['aaa', 'bbb']);
    expect(plan.unassigned).toEqual([{ id: 'tot', reason: 'time_window' }]);
    expect(plan.cost).toBe(plan.days.reduce((sum, d) => sum + d.route!.cost, 0));
  });

  it('leaves a day with nothing to do empty', () => {
    const problem = problemOf({ jobs: [{ id: 1, location: [2.8, 50.2], service: 1800 }], vehicle: { start: [2.85, 50.2], end: [2.85, 50.2], time_window: [9 * HOUR, 12 * HOUR] } });
    const plan = planWeek([{ key: 'lundi', problem }, { key: 'mardi', problem }]);
    expect(plan.days.map((d) => d.route === null)).toEqual([false, true]);
    expect(plan.unassigned).toEqual([]);
  });
});

describe('a route in an order chosen by hand', () => {
  const lineProblem = problemOf({
    jobs: [
      { id: 'a', location_index: 1, service: 1800, time_windows: [[9 * HOUR, 9.5 * HOUR]] },
      { id: 'b', location_index: 2, service: 1800, time_windows: [[9 * HOUR, 15 * HOUR]] },
    ],
    vehicle: { start_index: 0, end_index: 0, time_window: [8 * HOUR, 11 * HOUR], breaks: [{ id: 'repas', time_windows: [[12 * HOUR, 13 * HOUR]], service: HOUR }] },
    matrix: { durations: [[0, 600, 1200], [600, 0, 600], [1200, 600, 0]] },
  });

  it('recomputes the times and says what the order breaks: a late visit, the break, the end of the shift', () => {
    const route = routeInOrder(lineProblem, ['b', 'a']);
    expect(route.steps.map((s) => s.id ?? s.type)).toEqual(['start', 'b', 'a', 'repas', 'end']);
    expect(route.steps[1]).toMatchObject({ arrival: 8 * HOUR + 1200, waiting: HOUR - 1200 });
    expect(route.steps[2]).toMatchObject({ arrival: 9.5 * HOUR + 600, waiting: 0 });
    expect(route.warnings).toEqual([{ type: 'late', id: 'a' }, { type: 'shift_end' }]);
    expect(route.cost).toBe(2400);
  });

  it('gives the planner’s own order the planner’s driving time and no warning', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const problem = problemOf(randomProblem(seed, 8));
        const solution = solve(problem);
        const order = (solution.routes[0]?.steps ?? []).filter((s) => s.type === 'job').map((s) => s.id!);
        if (order.length === 0) return;
        const route = routeInOrder(problem, order);
        expect(route.warnings.filter((w) => w.type === 'late' || w.type === 'shift_end')).toEqual([]);
        expect(route.cost).toBe(solution.summary.cost);
        for (const step of route.steps.filter((s) => s.type === 'job')) {
          const job = problem.jobs.find((j) => j.id === step.id)!;
          if (job.time_windows) expect(job.time_windows.some(([from, to]) => step.arrival + step.waiting >= from && step.arrival + step.waiting <= to)).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  });
});
