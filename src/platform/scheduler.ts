/**
 * Recurring jobs inside the process (reminders, outbox delivery, purges). Each job must be
 * idempotent — it may run twice after a restart — and is started only by `lieudit serve`,
 * never in tests, which call the jobs' functions directly. Several instances on one
 * PostgreSQL run each tick once between them (postgresJobGuard).
 */
import { sql, type Kysely } from 'kysely';
import pLimit from 'p-limit';
import type { Database } from '../db/schema.ts';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs a job's tick only if no other instance runs the same job now; answers whether it ran.
 * On PostgreSQL this is an advisory lock; on SQLite (one process) it always runs.
 */
export type JobGuard = (name: string, run: () => Promise<unknown>) => Promise<boolean>;

/**
 * Several instances on one PostgreSQL: each tick of a job holds a transaction-level advisory
 * lock named after the job, taken with pg_try_advisory_xact_lock, so that one instance runs it
 * and the others skip that tick. The lock goes with the transaction, even if the process dies.
 */
export function postgresJobGuard(db: Kysely<Database>): JobGuard {
  return (name, run) =>
    db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${JOB_LOCK_SPACE}, hashtext(${name})) as locked`.execute(conn);
        if (!rows[0]?.locked) return false;
        await run();
        return true;
      } finally {
        await sql`commit`.execute(conn);
      }
    });
}

// The first key of our advisory locks ('LDJB'): keeps them apart from any other lock.
const JOB_LOCK_SPACE = 0x4c444a42;

/**
 * Ticks running at once, the others waiting their turn. On PostgreSQL a tick holds one pool
 * connection for its lock and takes another for its own queries: eleven jobs started together
 * held the pool's ten connections with their locks, and two of them then failed, waiting for a
 * connection for their queries. Three ticks use six at most, and requests keep the rest.
 */
export const TICKS_AT_ONCE = 3;

/** How a tick ended: it ran, another instance held the job, or it threw. */
export type JobOutcome = 'ran' | 'skipped' | 'failed';
type JobObserver = (name: string, outcome: JobOutcome, seconds: number) => void;

export class Scheduler {
  readonly #jobs: Job[] = [];
  readonly #observers: JobObserver[] = [];
  #guard: JobGuard = async (_name, run) => {
    await run();
    return true;
  };
  readonly #timers: NodeJS.Timeout[] = [];
  #log: (message: string, error?: unknown) => void = () => {};
  readonly #slots = pLimit(TICKS_AT_ONCE);

  register(job: Job): void {
    this.#jobs.push(job);
  }

  /**
   * Runs work that one instance at a time should do (a long count asked for by a page), under
   * the guard of the jobs' ticks: answers false, without running it, while another instance
   * runs work of the same name.
   */
  runAlone(name: string, run: () => Promise<unknown>): Promise<boolean> {
    return this.#guard(name, run);
  }

  /** How a tick makes sure it runs in one instance only (PostgreSQL: an advisory lock). */
  useGuard(guard: JobGuard): void {
    this.#guard = guard;
  }

  /** One tick of a job, under the guard: false when another instance holds it. */
  async runOnce(job: Job): Promise<boolean> {
    const started = performance.now();
    const report = (outcome: JobOutcome) => {
      for (const observe of this.#observers) observe(job.name, outcome, (performance.now() - started) / 1000);
    };
    try {
      const ran = await this.#guard(job.name, () => job.run());
      report(ran ? 'ran' : 'skipped');
      return ran;
    } catch (error) {
      report('failed');
      throw error;
    }
  }

  /** Told of every tick's outcome and duration (the /metrics job counters). */
  observe(observer: JobObserver): void {
    this.#observers.push(observer);
  }

  get jobs(): readonly Job[] {
    return this.#jobs;
  }

  start(log: (message: string, error?: unknown) => void): void {
    this.#log = log;
    for (const job of this.#jobs) {
      let running = false;
      const tick = async () => {
        if (running) return; // never overlap a slow run with the next one, nor queue it twice
        running = true;
        try {
          await this.#slots(() => this.runOnce(job));
        } catch (error) {
          this.#log(`job ${job.name} failed`, error);
        } finally {
          running = false;
        }
      };
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      this.#timers.push(timer);
      void tick();
    }
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }
}
