import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../platform/i18n/index.ts';
import { parseProblem, solve, type Problem, type ProblemInput, type Solution } from './index.ts';
import { haversineMeters } from './model.ts';
import { bruteForce, randomProblem } from './testing.ts';

const HOUR = 3600;

function problemOf(input: ProblemInput): Problem {
  const parsed = parseProblem(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.problem;
}

/** Checks a solution against the problem without the planner's code: order, times, windows, shift, breaks, driving times. */
function expectValid(problem: Problem, solution: Solution, travel: (a: number | 'start' | 'end', b: number | 'start' | 'end') => number): void {
  const jobs = new Map(problem.jobs.map((j, index) => [j.id, { ...j, index }]));
  const served = new Set<string | number>();
  for (const u of solution.unassigned) expect(jobs.has(u.id)).toBe(true);
  if (solution.routes.length === 0) {
    expect(solution.unassigned).toHaveLength(problem.jobs.length);
    return;
  }
  const [route] = solution.routes;
  const steps = route!.steps;
  expect(steps[0]!.type).toBe('start');
  expect(steps.at(-1)!.type).toBe('end');
  const shift = problem.vehicle.time_window ?? [0, Number.MAX_SAFE_INTEGER];
  expect(steps[0]!.arrival).toBeGreaterThanOrEqual(shift[0]);
  expect(steps.at(-1)!.arrival).toBeLessThanOrEqual(shift[1]);
  let time = steps[0]!.arrival;
  let at: number | 'start' = 'start';
  let driven = 0;
  let breaks = 0;
  for (const step of steps.slice(1)) {
    const target: number | 'end' = step.type === 'job' ? jobs.get(step.id!)!.index : step.type === 'end' ? 'end' : -1;
    const leg = target === -1 ? 0 : travel(at, target);
    driven += leg;
    expect(step.arrival).toBe(time + leg);
    expect(step.duration).toBe(driven);
    const start = step.arrival + step.waiting;
    expect(step.waiting).toBeGreaterThanOrEqual(0);
    if (step.type === 'job') {
      const job = jobs.get(step.id!)!;
      expect(served.has(step.id!)).toBe(false);
      served.add(step.id!);
      expect(step.service).toBe(job.service);
      if (job.time_windows) expect(job.time_windows.some(([from, to]) => start >= from && start <= to)).toBe(true);
      at = job.index;
    } else if (step.type === 'break') {
      breaks++;
      const b = problem.vehicle.breaks.find((x) => x.id === step.id)!;
      expect(b.time_windows.some(([from, to]) => start >= from && start <= to)).toBe(true);
      expect(step.service).toBe(b.service);
    }
    time = start + step.service;
  }
  expect(breaks).toBe(problem.vehicle.breaks.length);
  expect(route!.cost).toBe(driven);
  expect(served.size + solution.unassigned.length).toBe(problem.jobs.length);
}

/** The travel times of a problem with coordinates, computed here again. */
function travelOf(problem: Problem) {
  const point = (x: number | 'start' | 'end') => (x === 'start' ? problem.vehicle.start! : x === 'end' ? problem.vehicle.end! : problem.jobs[x]!.location!);
  return (a: number | 'start' | 'end', b: number | 'start' | 'end') =>
    Math.round((haversineMeters(point(a), point(b)) * problem.options.detour_factor) / ((problem.options.speed_kmh * 1000) / 3600));
}

describe('tour planner: hand-checked cases', () => {
  it('visits points on a line in order and comes back', () => {
    const problem = problemOf({
      jobs: [3, 1, 2].map((x) => ({ id: x, location_index: x, service: 10 })),
      vehicle: { start_index: 0, end_index: 0 },
      matrix: { durations: [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((b) => Math.abs(a - b) * 100)) },
    });
    const solution = solve(problem);
    expect(solution.routes[0]!.steps.map((s) => s.id ?? s.type)).toEqual(['start', 1, 2, 3, 'end']);
    expect(solution.summary).toMatchObject({ cost: 600, service: 30, unassigned: 0, exact: true });
    expect(solution.routes[0]!.steps.map((s) => s.arrival)).toEqual([0, 100, 210, 320, 630]);
  });

  it('waits for a window, takes the lunch break where it fits, and follows the windows rather than the shortest order', () => {
    const problem = problemOf({
      jobs: [
        { id: 'far', location_index: 2, service: 1800, time_windows: [[9 * HOUR, 10 * HOUR]] },
        { id: 'near', location_index: 1, service: 1800, time_windows: [[14 * HOUR, 15 * HOUR]] },
      ],
      vehicle: { start_index: 0, end_index: 0, time_window: [8 * HOUR, 17 * HOUR], breaks: [{ id: 'repas', time_windows: [[12 * HOUR, 13 * HOUR]], service: HOUR }] },
      matrix: { durations: [[0, 600, 1200], [600, 0, 600], [1200, 600, 0]] },
    });
    const solution = solve(problem);
    const steps = solution.routes[0]!.steps;
    expect(steps.map((s) => s.id ?? s.type)).toEqual(['start', 'far', 'repas', 'near', 'end']);
    expect(steps[1]).toMatchObject({ arrival: 8 * HOUR + 1200, waiting: HOUR - 1200 });
    expect(steps[2]!.arrival + steps[2]!.waiting).toBe(12 * HOUR);
    expect(steps[3]).toMatchObject({ arrival: 13 * HOUR + 600, waiting: HOUR - 600 });
  });

  it('prefers urgent requests when not all fit, and says why the others are left out', () => {
    const problem = problemOf({
      jobs: [
        { id: 1, location_index: 1, service: 3 * HOUR },
        { id: 2, location_index: 1, service: 3 * HOUR, priority: 5 },
        { id: 3, location_index: 1, service: 3 * HOUR },
        { id: 4, location_index: 1, service: 600, time_windows: [[20 * HOUR, 21 * HOUR]] },
      ],
      vehicle: { start_index: 0, end_index: 0, time_window: [8 * HOUR, 15 * HOUR] },
      matrix: { durations: [[0, 300], [300, 0]] },
    });
    const solution = solve(problem);
    const served = solution.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.id);
    expect(served).toContain(2);
    expect(served).toHaveLength(2);
    expect(solution.unassigned).toEqual([
      { id: served.includes(1) ? 3 : 1, reason: 'no_room' },
      { id: 4, reason: 'time_window' },
    ]);
  });

  it('answers no route when the break cannot fit in the shift', () => {
    const problem = problemOf({
      jobs: [{ id: 1, location: [2.8, 50.2] }],
      vehicle: { start: [2.85, 50.2], time_window: [8 * HOUR, 10 * HOUR], breaks: [{ time_windows: [[12 * HOUR, 13 * HOUR]], service: HOUR }] },
    });
    expect(solve(problem)).toMatchObject({ routes: [], unassigned: [{ id: 1, reason: 'shift' }] });
  });

  it('drives straight-line distance × 1.3 at 45 km/h by default', () => {
    // Arras → Bapaume: about 21.5 km as the crow flies.
    const problem = problemOf({ jobs: [{ id: 1, location: [2.85, 50.1] }], vehicle: { start: [2.78, 50.29] } });
    const leg = solve(problem).routes[0]!.steps[1]!.arrival;
    expect(leg).toBe(Math.round((haversineMeters([2.78, 50.29], [2.85, 50.1]) * 1.3) / (45 / 3.6)));
    expect(leg).toBeGreaterThan(2000);
    expect(leg).toBeLessThan(2500);
  });

  it('refuses a bad problem with French messages on each field', () => {
    const bad = parseProblem({
      jobs: [{ id: 1, location: [200, 50], time_windows: [[10, 5]] }, { id: 1, location_index: 0 }],
      vehicle: { start_index: 3 },
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toMatchObject({
      'jobs.0.location.0': 'shuttle.planner.locationInvalid',
      'jobs.0.time_windows.0': 'shuttle.planner.windowInvalid',
    });
    expect(Object.keys(bad.errors)).toEqual(expect.arrayContaining(['jobs.1.id', 'jobs.1.location_index', 'vehicle.start_index']));
    for (const key of Object.values(bad.errors)) expect(translate('fr', key)).not.toBe(key);
    const notObject = parseProblem([1, 2]);
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(translate('fr', Object.values(notObject.errors)[0]!)).toMatch(/[a-zé]/);
  });
});

describe('tour planner: properties', () => {
  it('on random 8-stop days, the exact planner equals brute force (priority, visits, driving time)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, lunch) => {
        const problem = problemOf(randomProblem(seed, 8, { lunch }));
        const solution = solve(problem);
        const brute = bruteForce(problem);
        expect(solution.summary.exact).toBe(true);
        expect({ priority: solution.summary.priority, count: 8 - solution.unassigned.length, cost: solution.summary.cost }).toEqual({ priority: brute.priority, count: brute.count, cost: brute.cost });
        expectValid(problem, solution, travelOf(problem));
      }),
      { numRuns: 12 },
    );
  });

  it('every answer keeps the windows, the shift and the break — exact (12 stops) and heuristic (25 stops)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(12, 25), fc.boolean(), (seed, stops, windows) => {
        const problem = problemOf(randomProblem(seed, stops, { windows }));
        const solution = solve(problem, { kicks: 50 });
        expect(solution.summary.exact).toBe(stops <= 12);
        expectValid(problem, solution, travelOf(problem));
      }),
      { numRuns: 12 },
    );
  });

  it('the heuristic is as good as the exact planner on most small days', () => {
    let equal = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const input = randomProblem(seed, 10);
      const exact = solve(problemOf(input));
      const heuristic = solve(problemOf({ ...input, options: { exact_limit: 0 } }));
      expect(heuristic.summary.exact).toBe(false);
      expectValid(problemOf(input), heuristic, travelOf(problemOf(input)));
      if (heuristic.summary.priority === exact.summary.priority && heuristic.summary.cost === exact.summary.cost) equal++;
    }
    expect(equal).toBeGreaterThanOrEqual(7);
  });
});
