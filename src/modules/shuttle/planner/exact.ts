/**
 * Exact planning for small tours: dynamic programming over the subsets of jobs, the last job
 * and the breaks already taken. Each state keeps its Pareto set of (time, driving time): an
 * earlier time never harms what can still follow (waiting is allowed), and the driving time
 * still to come does not depend on the clock, so nothing better is ever thrown away.
 * Every subset is a candidate answer: the best is chosen as in `better` (priorities served,
 * then number of jobs, then driving time, then the end of the tour).
 */
import { breakStep, earliestStart, type Model, type Step } from './model.ts';

interface Label {
  time: number;
  cost: number;
  parent: Label | null;
  step: Step;
}

export interface Choice {
  steps: Step[];
  priority: number;
  count: number;
  cost: number;
  end: number;
}

/** Is a better than b? */
export function better(a: Pick<Choice, 'priority' | 'count' | 'cost' | 'end'>, b: Pick<Choice, 'priority' | 'count' | 'cost' | 'end'> | null): boolean {
  if (!b) return true;
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.count !== b.count) return a.count > b.count;
  if (a.cost !== b.cost) return a.cost < b.cost;
  return a.end < b.end;
}

function addLabel(labels: Label[], label: Label): void {
  for (const other of labels) if (other.time <= label.time && other.cost <= label.cost) return;
  let w = 0;
  for (let r = 0; r < labels.length; r++) {
    const other = labels[r]!;
    if (!(label.time <= other.time && label.cost <= other.cost)) labels[w++] = other;
  }
  labels.length = w;
  labels.push(label);
}

/** The best tour over the given jobs (at most ~12: the work doubles with each one), or null if even the empty tour breaks the shift. */
export function solveExact(model: Model, jobs: readonly number[]): Choice | null {
  const m = jobs.length;
  if (m > 16) throw new Error(`solveExact: ${m} jobs is too many`);
  const { n, size, travel } = model;
  const nb = model.breaks.length;
  const fullBreaks = (1 << nb) - 1;
  const places = m + 1; // jobs, then the start
  const states = new Array<Label[] | undefined>((1 << m) * places * (1 << nb));
  const key = (mask: number, last: number, bm: number) => ((mask * places + last) << nb) | bm;
  const nodeOf = (last: number) => (last === m ? n : jobs[last]!);
  states[key(0, m, 0)] = [{ time: model.shift[0], cost: 0, parent: null, step: 0 }];
  const prioritySum = new Array<number>(1 << m).fill(0);
  const popcount = new Array<number>(1 << m).fill(0);
  for (let mask = 1; mask < 1 << m; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    prioritySum[mask] = prioritySum[mask & (mask - 1)]! + model.priority[jobs[low]!]!;
    popcount[mask] = popcount[mask & (mask - 1)]! + 1;
  }
  let best: (Choice & { label: Label }) | null = null;
  const end = model.shift[1];
  // A state is dead once a break still to take can no longer start: the latest time it may be in.
  const deadline = new Array<number>(fullBreaks + 1).fill(end);
  for (let bm = 0; bm <= fullBreaks; bm++) {
    for (let b = 0; b < nb; b++) if (!(bm & (1 << b))) deadline[bm] = Math.min(deadline[bm]!, model.breaks[b]!.windows.at(-1)![1]);
  }
  for (let mask = 0; mask < 1 << m; mask++) {
    for (let bm = 0; bm <= fullBreaks; bm++) {
      for (let last = 0; last <= m; last++) {
        const labels = states[key(mask, last, bm)];
        if (!labels) continue;
        const from = nodeOf(last);
        for (const label of labels) {
          if (bm === fullBreaks) {
            const arrival = label.time + travel[from * size + n + 1]!;
            if (arrival <= end) {
              const candidate = { priority: prioritySum[mask]!, count: popcount[mask]!, cost: label.cost + travel[from * size + n + 1]!, end: arrival };
              if (better(candidate, best)) best = { ...candidate, steps: [], label };
            }
          }
          for (let b = 0; b < nb; b++) {
            if (bm & (1 << b)) continue;
            const start = earliestStart(model.breaks[b]!.windows, label.time);
            if (start < 0) continue;
            const time = start + model.breaks[b]!.service;
            if (time > deadline[bm | (1 << b)]!) continue;
            const k = key(mask, last, bm | (1 << b));
            addLabel((states[k] ??= []), { time, cost: label.cost, parent: label, step: breakStep(b) });
          }
          for (let next = 0; next < m; next++) {
            if (mask & (1 << next)) continue;
            const job = jobs[next]!;
            const leg = travel[from * size + job]!;
            const start = earliestStart(model.windows[job]!, label.time + leg);
            if (start < 0) continue;
            const time = start + model.service[job]!;
            if (time > deadline[bm]!) continue;
            const k = key(mask | (1 << next), next, bm);
            addLabel((states[k] ??= []), { time, cost: label.cost + leg, parent: label, step: job });
          }
        }
      }
    }
  }
  if (!best) return null;
  const steps: Step[] = [];
  for (let l: Label | null = best.label; l?.parent; l = l.parent) steps.push(l.step);
  steps.reverse();
  return { steps, priority: best.priority, count: best.count, cost: best.cost, end: best.end };
}
