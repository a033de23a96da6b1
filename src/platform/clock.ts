/**
 * Time, in one place. Services, routes and jobs read the current instant from the context's
 * clock (`ctx.clock`), never from `Date.now()`, so that tests can run the whole app at any
 * instant (29 February, 31 December at 23:59 in Paris, the night of a daylight-saving change)
 * and nothing depends on the day the tests happen to run.
 */
export interface Clock {
  now(): Date;
  /** The current instant as UTC ISO-8601, the form every boundary uses. */
  nowIso(): string;
  /** The current instant in milliseconds, for rules that compute in numbers (slots, deadlines). */
  nowMs(): number;
}

/** The real time of the machine: the clock of `lieudit serve` and of the CLI. */
export const systemClock: Clock = {
  // The one place where the product reads the system's time.
  now: () => new Date(),
  nowIso: () => new Date().toISOString(),
  nowMs: () => Date.now(),
};

/**
 * A clock for tests: it starts at a chosen instant and then runs with real elapsed time, so
 * that durations, timeouts and rate-limit windows behave as in production. `set` and
 * `advance` jump when a test needs "next week" or "after the appointment".
 */
export class ManualClock implements Clock {
  /** The clock's instant minus the process's monotonic time, in milliseconds. */
  #offset: number;

  constructor(start: Date | string) {
    this.#offset = ManualClock.#parse(start) - performance.now();
  }

  static #parse(instant: Date | string): number {
    const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
    if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
    return ms;
  }

  now(): Date {
    // performance.now() is monotonic elapsed time: the clock never runs backwards.
    return new Date(Math.floor(this.#offset + performance.now()));
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  nowMs(): number {
    return this.now().getTime();
  }

  /** Jumps to an instant; the clock keeps running from there. */
  set(instant: Date | string): void {
    this.#offset = ManualClock.#parse(instant) - performance.now();
  }

  /** Jumps forward (or back, with a negative amount) by some milliseconds. */
  advance(ms: number): void {
    this.#offset += ms;
  }
}

/** A test clock starting at an ISO instant ("2028-02-29T11:00:00Z"). */
export function startingAt(instant: Date | string): ManualClock {
  return new ManualClock(instant);
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

const yearFormat = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: 'Europe/Paris' });

/** The year on the calendar of Paris at an instant (on 31 December at 23:30 UTC it is already the next one). */
export function currentYear(now: Date): number {
  return Number(yearFormat.format(now));
}
