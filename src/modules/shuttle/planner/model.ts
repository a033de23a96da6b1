/**
 * The planner's internal model: jobs numbered 0…n-1, the vehicle's start n and end n+1, one
 * travel-time matrix (seconds) between them, and the rules that every route must keep. Also the
 * one schedule simulation that every answer passes through (so that no answer breaks a window).
 */
import type { Problem, TimeWindow } from './problem.ts';

const EARTH_RADIUS_M = 6_371_000;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** Great-circle distance in metres between two [lon, lat] points. */
export function haversineMeters([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Break {
  windows: TimeWindow[];
  service: number;
}

export interface Model {
  /** Number of jobs. Node n is the start, n + 1 the end. */
  n: number;
  size: number;
  /** travel[a * size + b], seconds. */
  travel: Float64Array;
  symmetric: boolean;
  service: number[];
  windows: TimeWindow[][];
  priority: number[];
  shift: TimeWindow;
  breaks: Break[];
}

export function buildModel(problem: Problem): Model {
  const jobs = problem.jobs;
  const n = jobs.length;
  const size = n + 2;
  const travel = new Float64Array(size * size);
  const v = problem.vehicle;
  const hasStart = problem.matrix ? v.start_index !== undefined : v.start !== undefined;
  const hasEnd = problem.matrix ? v.end_index !== undefined : v.end !== undefined;
  const durations = problem.matrix?.durations;
  const { speed_kmh: speed, detour_factor: detour } = problem.options;
  const indexOf = (node: number) => (node < n ? jobs[node]!.location_index! : node === n ? v.start_index! : v.end_index!);
  const pointOf = (node: number) => (node < n ? jobs[node]!.location! : node === n ? v.start! : v.end!);
  const present = (node: number) => node < n || (node === n ? hasStart : hasEnd);
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) {
      if (a === b || !present(a) || !present(b)) continue;
      travel[a * size + b] = durations
        ? durations[indexOf(a)]![indexOf(b)]!
        : Math.round((haversineMeters(pointOf(a), pointOf(b)) * detour) / ((speed * 1000) / 3600));
    }
  }
  let symmetric = true;
  for (let a = 0; a < size && symmetric; a++) for (let b = a + 1; b < size; b++) if (travel[a * size + b] !== travel[b * size + a]) (symmetric = false);
  return {
    n,
    size,
    travel,
    symmetric,
    service: jobs.map((j) => j.service),
    windows: jobs.map((j) => (j.time_windows ? [...j.time_windows].sort((x, y) => x[0] - y[0]) : [[0, UNBOUNDED]])),
    priority: jobs.map((j) => j.priority),
    shift: v.time_window ?? [0, UNBOUNDED],
    breaks: v.breaks.map((b) => ({ windows: [...b.time_windows].sort((x, y) => x[0] - y[0]), service: b.service })),
  };
}

/** The earliest start in one of the windows at or after `time`, or -1. */
export function earliestStart(windows: TimeWindow[], time: number): number {
  for (const [from, to] of windows) if (time <= to) return Math.max(time, from);
  return -1;
}

/** A step of a route: a job (≥ 0) or a break (-1 - break index). */
export type Step = number;
export const breakStep = (b: number): Step => -1 - b;

export interface Visit {
  step: Step;
  arrival: number;
  waiting: number;
  service: number;
  /** Driving time from the start to here. */
  travelled: number;
}

export interface Schedule {
  visits: Visit[];
  start: number;
  end: number;
  cost: number;
}

/**
 * Times of a route given with its breaks, leaving at the start of the shift, each step as early
 * as it may. Null when a window, the shift or a break cannot be kept, or a break is missing.
 */
export function simulate(model: Model, steps: Step[]): Schedule | null {
  const { n, size, travel } = model;
  let time = model.shift[0];
  let at = n;
  let cost = 0;
  const visits: Visit[] = [];
  const taken = new Set<number>();
  for (const step of steps) {
    if (step >= 0) {
      const leg = travel[at * size + step]!;
      const arrival = time + leg;
      cost += leg;
      const start = earliestStart(model.windows[step]!, arrival);
      if (start < 0) return null;
      visits.push({ step, arrival, waiting: start - arrival, service: model.service[step]!, travelled: cost });
      time = start + model.service[step]!;
      at = step;
    } else {
      const b = -1 - step;
      if (taken.has(b)) return null;
      taken.add(b);
      const start = earliestStart(model.breaks[b]!.windows, time);
      if (start < 0) return null;
      visits.push({ step, arrival: time, waiting: start - time, service: model.breaks[b]!.service, travelled: cost });
      time = start + model.breaks[b]!.service;
    }
  }
  if (taken.size !== model.breaks.length) return null;
  const leg = travel[at * size + n + 1]!;
  cost += leg;
  const end = time + leg;
  if (end > model.shift[1]) return null;
  return { visits, start: model.shift[0], end, cost };
}

/**
 * The breaks placed into a route of jobs: each break is taken before leaving for the next job
 * when waiting until after that job would miss it, otherwise as late as the route allows (at
 * the latest before driving to the end). Exact search places breaks itself; the heuristic uses this.
 */
export function withBreaks(model: Model, jobs: readonly number[]): Schedule | null {
  if (model.breaks.length === 0) return simulate(model, [...jobs]);
  const { n, size, travel } = model;
  const pending = model.breaks.map((_, b) => b).sort((x, y) => model.breaks[x]!.windows[0]![0] - model.breaks[y]!.windows[0]![0]);
  const steps: Step[] = [];
  let time = model.shift[0];
  let at = n;
  for (const j of jobs) {
    // Take the breaks that could not start any more once this job is done.
    for (;;) {
      const b = pending[0];
      if (b === undefined) break;
      const start = earliestStart(model.windows[j]!, time + travel[at * size + j]!);
      const done = start < 0 ? Number.MAX_SAFE_INTEGER : start + model.service[j]!;
      if (earliestStart(model.breaks[b]!.windows, done) >= 0) break;
      const breakStart = earliestStart(model.breaks[b]!.windows, time);
      if (breakStart < 0) return null;
      steps.push(breakStep(b));
      pending.shift();
      time = breakStart + model.breaks[b]!.service;
    }
    const start = earliestStart(model.windows[j]!, time + travel[at * size + j]!);
    if (start < 0) return null;
    steps.push(j);
    time = start + model.service[j]!;
    at = j;
  }
  for (const b of pending) steps.push(breakStep(b));
  return simulate(model, steps);
}
