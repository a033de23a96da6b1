/**
 * Road travel times for a day's planner problem. With an OSRM server, its table service gives
 * the seconds between the car's start (and end) and every visit, and the problem is handed to
 * the planner with that duration matrix (each place keeps its coordinates for the answer).
 * Without one, the planner's straight line × detour factor at its speed stays; when the server
 * fails, the same, and the coordinator is told (`straight_fallback`).
 */
import type { RoadTimes } from '../../platform/road-times.ts';
import type { ProblemInput } from './planner/index.ts';

/** `road`: OSRM's times; `straight`: no OSRM configured; `straight_fallback`: OSRM failed. */
export type TravelTimes = 'road' | 'straight' | 'straight_fallback';

type Point = [number, number];
const key = (p: Point) => `${p[0]},${p[1]}`;

export async function withRoadTimes(problem: ProblemInput, roads: RoadTimes | null): Promise<{ problem: ProblemInput; travel: TravelTimes }> {
  if (!roads) return { problem, travel: 'straight' };
  const jobs = problem.jobs ?? [];
  const vehicle = problem.vehicle ?? {};
  if (jobs.length === 0 || problem.matrix || jobs.some((j) => !j.location)) return { problem, travel: 'straight' };
  // One row per distinct place: several visits in one village centre share theirs.
  const places: Point[] = [];
  const indexOf = new Map<string, number>();
  const at = (p: Point) => {
    const k = key(p);
    if (!indexOf.has(k)) {
      indexOf.set(k, places.length);
      places.push(p);
    }
    return indexOf.get(k)!;
  };
  const start = vehicle.start ? at(vehicle.start) : undefined;
  const end = vehicle.end ? at(vehicle.end) : undefined;
  const located = jobs.map((j) => ({ ...j, location_index: at(j.location!) }));
  const outcome = await roads.table(places);
  if (!outcome.ok) return { problem, travel: 'straight_fallback' };
  return {
    problem: {
      ...problem,
      jobs: located,
      vehicle: { ...vehicle, ...(start !== undefined ? { start_index: start } : {}), ...(end !== undefined ? { end_index: end } : {}) },
      matrix: { durations: outcome.durations },
    },
    travel: 'road',
  };
}
