/**
 * Cold start and idle memory (QUALITY.md B6 / issue 10: < 1 s to the first served page, RSS < 150 MB):
 * `node --max-semi-space-size=4 bin/lieudit.js serve` (as `npm start`: the built bundle in dist/) on a fresh SQLite file (so migrations run too), polling `/`
 * until it answers 200; then the resident memory after 5 idle seconds, read from
 * /proc/<pid>/status. Three runs, each on a new file; the process is stopped after each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { BENCH_DIR, freePort, median, printTable, type Row } from './support.ts';

const RUNS = 3;
const IDLE_MS = 5_000;
const GIVE_UP_MS = 30_000;

function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function once(run: number): Promise<Row> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = join(BENCH_DIR, `startup-${randomBytes(4).toString('hex')}.db`);
  const port = await freePort();
  const started = performance.now();
  // As `npm start` runs it (package.json), with the same V8 flag.
  const child = spawn(process.execPath, ['--max-semi-space-size=4', resolve('bin/lieudit.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'warn', NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let firstPageMs: number | undefined;
    let status = 0;
    while (performance.now() - started < GIVE_UP_MS && child.exitCode === null) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
        status = response.status;
        await response.arrayBuffer();
        if (status === 200) {
          firstPageMs = performance.now() - started;
          break;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(10);
    }
    if (firstPageMs === undefined) throw new Error(`« / » n’a pas répondu 200 en ${GIVE_UP_MS / 1000} s (dernier statut : ${status || 'aucun'})`);
    const afterFirstPage = rssMb(child.pid!);
    await sleep(IDLE_MS);
    const idle = rssMb(child.pid!);
    return {
      essai: run,
      'démarrage → 1re page (ms)': Math.round(firstPageMs),
      'RSS après 1re page (Mo)': Number((afterFirstPage ?? NaN).toFixed(1)),
      'RSS au repos 5 s (Mo)': Number((idle ?? NaN).toFixed(1)),
    };
  } finally {
    await stop(child);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (let i = 1; i <= RUNS; i++) rows.push(await once(i));
  const startMs = median(rows.map((r) => r['démarrage → 1re page (ms)'] as number));
  const idleMb = median(rows.map((r) => r['RSS au repos 5 s (Mo)'] as number));
  rows.push({ essai: 'médiane', 'démarrage → 1re page (ms)': startMs, 'RSS au repos 5 s (Mo)': idleMb });
  printTable(rows);
  console.log(`  Objectifs (QUALITY.md B6) : < 1 000 ms ${startMs < 1000 ? '✓' : '✗'} ; RSS < 150 Mo ${idleMb < 150 ? '✓' : '✗'}`);
  return rows;
}
