/**
 * Planning beyond the exact limit: cheapest insertion (highest priorities first) with
 * time-window checks, then local search — 2-opt (reverse a stretch) and Or-opt (move a stretch
 * of 1 to 3 visits) — iterated from random "double bridge" kicks (iterated local search).
 * Every move is first costed in O(1) from prefix sums of the driving times, and only an
 * improving one is simulated against the windows, the shift and the breaks. Deterministic:
 * the random kicks come from a seeded generator.
 */
import { better } from './exact.ts';
import { withBreaks, type Model, type Schedule } from './model.ts';

const EPSILON = 1e-9;

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

interface Tour {
  jobs: number[];
  schedule: Schedule;
}

const scoreOf = (model: Model, tour: Tour) => ({
  priority: tour.jobs.reduce((sum, j) => sum + model.priority[j]!, 0),
  count: tour.jobs.length,
  cost: tour.schedule.cost,
  end: tour.schedule.end,
});

/** Inserts what fits of `pool`, highest priority first, each at its cheapest feasible place. Answers the jobs left out. */
function insertAll(model: Model, tour: Tour, pool: readonly number[]): number[] {
  const { n, size, travel } = model;
  const levels = [...new Set(pool.map((j) => model.priority[j]!))].sort((a, b) => b - a);
  const left: number[] = [];
  for (const level of levels) {
    const waiting = new Set(pool.filter((j) => model.priority[j] === level));
    while (waiting.size > 0) {
      let best: { job: number; at: number; delta: number; schedule: Schedule } | null = null;
      const route = tour.jobs;
      // When the car leaves each place today: inserting a visit after it can only be later.
      const leaves = [model.shift[0]];
      for (const v of tour.schedule.visits) if (v.step >= 0) leaves.push(v.arrival + v.waiting + v.service);
      for (const job of waiting) {
        const latest = model.windows[job]!.at(-1)![1];
        for (let at = 0; at <= route.length; at++) {
          const a = at === 0 ? n : route[at - 1]!;
          const b = at === route.length ? n + 1 : route[at]!;
          const delta = travel[a * size + job]! + travel[job * size + b]! - travel[a * size + b]!;
          if (best && delta >= best.delta) continue;
          if (leaves[at]! + travel[a * size + job]! > latest) continue;
          const schedule = withBreaks(model, [...route.slice(0, at), job, ...route.slice(at)]);
          if (schedule) best = { job, at, delta, schedule };
        }
      }
      if (!best) break;
      tour.jobs = [...route.slice(0, best.at), best.job, ...route.slice(best.at)];
      tour.schedule = best.schedule;
      waiting.delete(best.job);
    }
    left.push(...waiting);
  }
  return left;
}

/** 2-opt and Or-opt until no improving feasible move is left. */
function localSearch(model: Model, tour: Tour): void {
  const { n, size, travel } = model;
  const t = (a: number, b: number) => travel[a * size + b]!;
  let improved = true;
  while (improved) {
    improved = false;
    const full = [n, ...tour.jobs, n + 1];
    const len = full.length;
    const fwd = new Float64Array(len);
    const bwd = new Float64Array(len);
    for (let k = 1; k < len; k++) {
      fwd[k] = fwd[k - 1]! + t(full[k - 1]!, full[k]!);
      bwd[k] = bwd[k - 1]! + t(full[k]!, full[k - 1]!);
    }
    const accept = (jobs: number[]) => {
      const schedule = withBreaks(model, jobs);
      if (!schedule || schedule.cost >= tour.schedule.cost - EPSILON) return false;
      tour.jobs = jobs;
      tour.schedule = schedule;
      return true;
    };
    // 2-opt: reverse full[i..j], 1 ≤ i < j ≤ len - 2.
    for (let i = 1; i < len - 2 && !improved; i++) {
      for (let j = i + 1; j < len - 1; j++) {
        const delta = t(full[i - 1]!, full[j]!) + t(full[i]!, full[j + 1]!) - t(full[i - 1]!, full[i]!) - t(full[j]!, full[j + 1]!) + (bwd[j]! - bwd[i]!) - (fwd[j]! - fwd[i]!);
        if (delta < -EPSILON) {
          const jobs = [...full.slice(1, i), ...full.slice(i, j + 1).reverse(), ...full.slice(j + 1, len - 1)];
          if (accept(jobs)) {
            improved = true;
            break;
          }
        }
      }
    }
    if (improved) continue;
    // Or-opt: move full[i..i+L-1] between full[k-1] and full[k], as is or reversed.
    for (let L = 1; L <= 3 && !improved; L++) {
      for (let i = 1; i + L <= len - 1 && !improved; i++) {
        const first = full[i]!;
        const last = full[i + L - 1]!;
        const prev = full[i - 1]!;
        const next = full[i + L]!;
        const removal = t(prev, first) + t(last, next) - t(prev, next);
        const inner = fwd[i + L - 1]! - fwd[i]!;
        const innerReversed = bwd[i + L - 1]! - bwd[i]!;
        for (let k = 1; k < len && !improved; k++) {
          if (k >= i && k <= i + L) continue;
          const a = full[k - 1]!;
          const b = full[k]!;
          const forward = t(a, first) + t(last, b) - t(a, b) - removal;
          const reversed = L > 1 ? t(a, last) + t(first, b) - t(a, b) - removal + innerReversed - inner : Infinity;
          for (const flip of [false, true]) {
            const delta = flip ? reversed : forward;
            if (!(delta < -EPSILON)) continue;
            const segment = full.slice(i, i + L);
            if (flip) segment.reverse();
            const rest = [...full.slice(0, i), ...full.slice(i + L)];
            const cut = k < i ? k : k - L;
            const moved = [...rest.slice(0, cut), ...segment, ...rest.slice(cut)];
            if (accept(moved.slice(1, moved.length - 1))) {
              improved = true;
              break;
            }
          }
        }
      }
    }
  }
}

function doubleBridge(jobs: number[], random: () => number): number[] {
  const m = jobs.length;
  const cuts = new Set<number>();
  while (cuts.size < 3) cuts.add(1 + Math.floor(random() * (m - 1)));
  const [a, b, c] = [...cuts].sort((x, y) => x - y) as [number, number, number];
  return [...jobs.slice(0, a), ...jobs.slice(b, c), ...jobs.slice(a, b), ...jobs.slice(c)];
}

function segmentMove(jobs: number[], random: () => number): number[] {
  const m = jobs.length;
  const from = Math.floor(random() * m);
  const length = 1 + Math.floor(random() * Math.min(3, m - from));
  const segment = jobs.slice(from, from + length);
  const rest = [...jobs.slice(0, from), ...jobs.slice(from + length)];
  const to = Math.floor(random() * (rest.length + 1));
  return [...rest.slice(0, to), ...segment, ...rest.slice(to)];
}

export interface HeuristicOptions {
  /** Kicks of the iterated local search (default: scales with the number of jobs). */
  kicks?: number;
  seed?: number;
}

/** A good tour over the given jobs; the jobs it leaves out are answered too. Null if the empty tour already breaks the shift. */
export function solveHeuristic(model: Model, jobs: readonly number[], options: HeuristicOptions = {}): { jobs: number[]; schedule: Schedule; left: number[] } | null {
  const empty = withBreaks(model, []);
  if (!empty) return null;
  const random = seeded(options.seed ?? 1);
  const current: Tour = { jobs: [], schedule: empty };
  let left = insertAll(model, current, jobs);
  localSearch(model, current);
  left = insertAll(model, current, left);
  let best: Tour & { left: number[] } = { ...current, jobs: [...current.jobs], left };
  const kicks = options.kicks ?? Math.max(100, Math.min(12 * jobs.length, Math.round(40_000 / Math.max(1, jobs.length))));
  for (let kick = 0; kick < kicks; kick++) {
    if (current.jobs.length < 2) break;
    let candidate: Tour | null = null;
    let pool = left;
    if (kick % 2 === 1 || current.jobs.length < 8) {
      // Ruin and recreate: take out a few visits, put back what fits best (the set may change).
      const removed = new Set<number>();
      const count = 1 + Math.floor(random() * Math.min(4, Math.ceil(current.jobs.length / 3)));
      while (removed.size < count) removed.add(current.jobs[Math.floor(random() * current.jobs.length)]!);
      const kept = current.jobs.filter((j) => !removed.has(j));
      const schedule = withBreaks(model, kept);
      if (schedule) {
        candidate = { jobs: kept, schedule };
        pool = [...removed, ...left];
      }
    } else {
      for (let attempt = 0; attempt < 10 && !candidate; attempt++) {
        const moved = attempt < 5 ? doubleBridge(current.jobs, random) : segmentMove(current.jobs, random);
        const schedule = withBreaks(model, moved);
        if (schedule) candidate = { jobs: moved, schedule };
      }
    }
    if (!candidate) continue;
    let candidateLeft = insertAll(model, candidate, pool);
    localSearch(model, candidate);
    const after = insertAll(model, candidate, candidateLeft);
    if (after.length < candidateLeft.length) localSearch(model, candidate);
    candidateLeft = after;
    if (!better(scoreOf(model, candidate), scoreOf(model, current))) continue;
    current.jobs = candidate.jobs;
    current.schedule = candidate.schedule;
    left = candidateLeft;
    if (better(scoreOf(model, current), scoreOf(model, best))) best = { ...current, jobs: [...current.jobs], left: [...left] };
  }
  return { jobs: best.jobs, schedule: best.schedule, left: best.left };
}
