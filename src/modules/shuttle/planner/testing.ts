/**
 * For the planner's tests and benchmark: random rural instances (villages within ~15 km of the
 * centre, at-home windows, a shift and a lunch break) and a brute-force reference that tries
 * every order of every subset of jobs and every place of the breaks (no dominance, no pruning
 * beyond infeasible prefixes). Not used by the application.
 */
import { better } from './exact.ts';
import { buildModel, earliestStart } from './model.ts';
import type { Problem, ProblemInput } from './problem.ts';

const HOUR = 3600;

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A day of the navette: `stops` requests around a centre in the Pas-de-Calais, times in seconds since midnight. */
export function randomProblem(seed: number, stops: number, options: { windows?: boolean; lunch?: boolean } = {}): ProblemInput {
  const random = seeded(seed);
  const centre: [number, number] = [2.85, 50.2];
  const jobs = Array.from({ length: stops }, (_, i) => {
    const location: [number, number] = [centre[0] + (random() - 0.5) * 0.4, centre[1] + (random() - 0.5) * 0.26];
    const service = (30 + Math.floor(random() * 4) * 10) * 60;
    let time_windows: [number, number][] | undefined;
    if (options.windows !== false && random() < 0.7) {
      const from = (8 + Math.floor(random() * 7)) * HOUR;
      time_windows = [[from, from + (2 + Math.floor(random() * 3)) * HOUR]];
      if (random() < 0.3) {
        const later = time_windows[0]![1] + HOUR + Math.floor(random() * 2) * HOUR;
        if (later < 18 * HOUR) time_windows.push([later, later + 2 * HOUR]);
      }
    }
    return { id: i + 1, location, service, priority: [0, 0, 1, 5][Math.floor(random() * 4)]!, ...(time_windows ? { time_windows } : {}) };
  });
  return {
    jobs,
    vehicle: {
      start: centre,
      end: centre,
      time_window: [8.5 * HOUR, 17.5 * HOUR],
      breaks: options.lunch === false ? [] : [{ id: 'repas', time_windows: [[12 * HOUR, 13.5 * HOUR]], service: HOUR }],
    },
  };
}

const OUT_OF_TIME = Symbol('out of time');

/**
 * The best score over every order of every subset, breaks anywhere. With `budgetMs`, null when
 * the search takes longer (12 stops may: up to 12! orders, pruned only by infeasible prefixes).
 */
export function bruteForce(problem: Problem): { priority: number; count: number; cost: number; end: number };
export function bruteForce(problem: Problem, budgetMs: number): { priority: number; count: number; cost: number; end: number } | null;
export function bruteForce(problem: Problem, budgetMs = Infinity): { priority: number; count: number; cost: number; end: number } | null {
  const deadline = performance.now() + budgetMs;
  let nodes = 0;
  const model = buildModel(problem);
  const { n, size, travel } = model;
  let best: { priority: number; count: number; cost: number; end: number } | null = null;
  const used = new Array<boolean>(n).fill(false);
  const taken = new Array<boolean>(model.breaks.length).fill(false);
  const visit = (at: number, time: number, cost: number, priority: number, count: number, breaks: number) => {
    if (++nodes % 100_000 === 0 && performance.now() > deadline) throw OUT_OF_TIME;
    if (breaks === model.breaks.length) {
      const end = time + travel[at * size + n + 1]!;
      const score = { priority, count, cost: cost + travel[at * size + n + 1]!, end };
      if (end <= model.shift[1] && better(score, best)) best = score;
    }
    for (let b = 0; b < model.breaks.length; b++) {
      if (taken[b]) continue;
      const start = earliestStart(model.breaks[b]!.windows, time);
      if (start < 0) continue;
      taken[b] = true;
      visit(at, start + model.breaks[b]!.service, cost, priority, count, breaks + 1);
      taken[b] = false;
    }
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      const leg = travel[at * size + j]!;
      const start = earliestStart(model.windows[j]!, time + leg);
      if (start < 0) continue;
      used[j] = true;
      visit(j, start + model.service[j]!, cost + leg, priority + model.priority[j]!, count + 1, breaks);
      used[j] = false;
    }
  };
  try {
    visit(n, model.shift[0], 0, 0, 0, 0);
  } catch (error) {
    if (error === OUT_OF_TIME) return null;
    throw error;
  }
  return best ?? { priority: 0, count: 0, cost: 0, end: 0 };
}
