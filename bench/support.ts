/**
 * What every benchmark needs: a table printer, free ports, throw-away databases, and
 * autocannon run in its own process (so the load generator does not share the event loop of
 * the server it measures).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'kysely';
import { createDb, type Db } from '../src/db/kysely.ts';

export type Row = Record<string, string | number>;

export const BENCH_DIR = resolve('.tmp/bench');

export function printTable(rows: Row[]): void {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = (v: string | number | undefined) => (v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (/^[\d\s.,×%-]+( \w+)?$/.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(columns.map((c) => text(row[c]))));
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (Math.abs(n) < 0.1) return String(Number(n.toPrecision(2)));
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export { freePort } from '../tests/support/ports.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
}

/** autocannon in a child process, JSON out. */
export async function loadTest(url: string, options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {}): Promise<LoadResult> {
  const args = [resolve('node_modules/autocannon/autocannon.js'), '-j', '-c', String(options.connections ?? 50), '-d', String(options.seconds ?? 10)];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  args.push(url);
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p99: number; p50: number };
    non2xx: number;
    errors: number;
    throughput: { total: number };
    '2xx': number;
  };
  return {
    requestsPerSecond: r.requests.average,
    p99Ms: r.latency.p99,
    p50Ms: r.latency.p50,
    non2xx: r.non2xx,
    errors: r.errors,
    bytesPerResponse: r['2xx'] > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

export interface BenchDatabase {
  db: Db;
  label: string;
  /** The file or the database's name. */
  where: string;
  drop(): Promise<void>;
}

/** A fresh SQLite file under .tmp/bench; `log` is told of every statement (counting them). */
export function sqliteDatabase(name: string, log?: Logger, options: { reuse?: boolean } = {}): BenchDatabase {
  mkdirSync(BENCH_DIR, { recursive: true });
  // reuse: the file of that name, kept from a previous run when there is one.
  const file = join(BENCH_DIR, options.reuse ? `${name}.db` : `${name}-${randomBytes(4).toString('hex')}.db`);
  const db = createDb(`sqlite:${file}`, { log });
  return {
    db,
    label: 'SQLite',
    where: file,
    async drop() {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/**
 * A fresh PostgreSQL database created on the server of BENCH_DATABASE_URL (which is only used
 * to create and drop it: the benchmark never touches the database it names).
 */
export async function postgresDatabase(name: string, log?: Logger, options: { reuse?: boolean } = {}): Promise<BenchDatabase | undefined> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl?.startsWith('postgres')) return undefined;
  // reuse: the database of that name, kept from a previous run when there is one.
  const database = options.reuse ? `lieudit_bench_${name.replace(/[^a-z0-9_]/g, '_')}` : `lieudit_bench_${name}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await client.query(statement, values);
    } finally {
      await client.end();
    }
  };
  const exists = options.reuse && (await admin('select 1 from pg_database where datname = $1', [database])).rowCount === 1;
  if (!exists) await admin(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = createDb(url.toString(), { log });
  return {
    db,
    label: 'PostgreSQL',
    where: database,
    async drop() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
