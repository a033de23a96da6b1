/**
 * The navette's tour planner (src/modules/shuttle/planner, pure), QUALITY.md B5:
 * - TSPLIB eil51 and berlin52 (../shared/data/tsplib, not copied into the repository) as one
 *   vehicle without windows, EUC_2D distances (Euclidean, rounded): tour length against the
 *   proven optimum (426, 7542) and time. Target ≤ 3 % above the optimum in < 2 s.
 * - Random 12-stop instances with time windows, a shift and a lunch break: time of the exact
 *   planner (median, target < 100 ms), and equality with brute force on 8-, 10- and 12-stop
 *   instances (10 and 12 with a time budget per instance for the brute force).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { solve, type ProblemInput } from '../src/modules/shuttle/planner/index.ts';
import { parseProblem } from '../src/modules/shuttle/planner/problem.ts';
import { bruteForce, randomProblem } from '../src/modules/shuttle/planner/testing.ts';
import { median, printTable, type Row } from './support.ts';

const DATA = resolve('../shared/data/tsplib');

function tsplib(name: string): { problem: ProblemInput; optimum: number } | null {
  const file = resolve(DATA, `${name}.tsp`);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const optimum = Number(/optimal tour length (\d+)/.exec(text)?.[1] ?? NaN);
  const points: [number, number][] = [];
  let inCoordinates = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('NODE_COORD_SECTION')) inCoordinates = true;
    else if (line.startsWith('EOF')) break;
    else if (inCoordinates && line.trim()) {
      const [, x, y] = line.trim().split(/\s+/).map(Number);
      points.push([x!, y!]);
    }
  }
  const durations = points.map(([x1, y1]) => points.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2))));
  return {
    optimum,
    problem: {
      jobs: points.slice(1).map((_, i) => ({ id: i + 2, location_index: i + 1 })),
      vehicle: { start_index: 0, end_index: 0 },
      matrix: { durations },
    },
  };
}

function parsed(input: ProblemInput) {
  const result = parseProblem(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.problem;
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of ['eil51', 'berlin52']) {
    const instance = tsplib(name);
    if (!instance) {
      console.log(`   ${name} : fichier absent (${DATA}), mesure sautée.`);
      continue;
    }
    const problem = parsed(instance.problem);
    // Three runs (the first one cold): wall-clock time, and the process's CPU time, which a
    // machine shared with other work inflates less.
    const walls: number[] = [];
    const cpus: number[] = [];
    let cost = 0;
    for (let i = 0; i < 3; i++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      cost = solve(problem).summary.cost;
      walls.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpus.push((cpu.user + cpu.system) / 1000);
    }
    rows.push({ mesure: `TSPLIB ${name}`, arrêts: problem.jobs.length, longueur: cost, optimum: instance.optimum, 'écart %': (cost / instance.optimum - 1) * 100, 'temps ms': median(walls), 'max ms': Math.max(...walls), 'CPU ms': median(cpus) });
  }
  const times: number[] = [];
  const exactCpus: number[] = [];
  for (let seed = 101; seed <= 105; seed++) solve(parsed(randomProblem(seed, 12))); // warm-up
  for (let seed = 1; seed <= 30; seed++) {
    const problem = parsed(randomProblem(seed, 12));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    solve(problem);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    exactCpus.push((cpu.user + cpu.system) / 1000);
  }
  rows.push({ mesure: 'exact, 12 arrêts avec créneaux (30 tirages)', arrêts: 12, 'temps ms': median(times), 'max ms': Math.max(...times), 'CPU ms': median(exactCpus) });
  let equal = 0;
  const checks = 20;
  for (let seed = 1; seed <= checks; seed++) {
    const problem = parsed(randomProblem(1000 + seed, 8));
    const solution = solve(problem);
    const brute = bruteForce(problem);
    if (brute.priority === solution.summary.priority && brute.count === problem.jobs.length - solution.unassigned.length && brute.cost === solution.summary.cost) equal++;
  }
  rows.push({ mesure: 'exact = force brute, 8 arrêts avec créneaux', arrêts: 8, 'égaux': `${equal}/${checks}` });
  // 10 and 12 stops: brute force tries every order of every subset (up to 12! orders, cut only
  // where a prefix breaks a window, the shift or the break), so each instance gets a budget; an
  // instance over it is counted as not measured, never as equal.
  for (const [stops, count, budgetMs] of [[10, 5, 60_000], [12, 3, 60_000]] as const) {
    let same = 0;
    let measured = 0;
    const bruteTimes: number[] = [];
    const exactTimes: number[] = [];
    for (let seed = 1; seed <= count; seed++) {
      const problem = parsed(randomProblem(2000 + seed, stops));
      const t0 = performance.now();
      const solution = solve(problem);
      exactTimes.push(performance.now() - t0);
      const t1 = performance.now();
      const brute = bruteForce(problem, budgetMs);
      if (!brute) continue;
      bruteTimes.push(performance.now() - t1);
      measured++;
      if (brute.priority === solution.summary.priority && brute.count === problem.jobs.length - solution.unassigned.length && brute.cost === solution.summary.cost) same++;
    }
    rows.push({
      mesure: `exact = force brute, ${stops} arrêts avec créneaux`,
      arrêts: stops,
      'égaux': `${same}/${measured} (${count - measured} hors budget de ${budgetMs / 1000} s)`,
      'temps ms': median(exactTimes),
      'force brute ms': bruteTimes.length ? median(bruteTimes) : '—',
      'max ms': bruteTimes.length ? Math.max(...bruteTimes) : '—',
    });
  }
  printTable(rows);
  return rows;
}
