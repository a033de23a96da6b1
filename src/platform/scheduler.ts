/**
 * Recurring jobs inside the process (reminders, outbox delivery, purges). Each job must be
 * idempotent — it may run twice after a restart — and is started only by `lieudit serve`,
 * never in tests, which call the jobs' functions directly.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export class Scheduler {
  readonly #jobs: Job[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  #log: (message: string, error?: unknown) => void = () => {};

  register(job: Job): void {
    this.#jobs.push(job);
  }

  get jobs(): readonly Job[] {
    return this.#jobs;
  }

  start(log: (message: string, error?: unknown) => void): void {
    this.#log = log;
    for (const job of this.#jobs) {
      let running = false;
      const tick = async () => {
        if (running) return; // never overlap a slow run with the next one
        running = true;
        try {
          await job.run();
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
