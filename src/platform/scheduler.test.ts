import { describe, expect, it } from 'vitest';
import { Scheduler, TICKS_AT_ONCE } from './scheduler.ts';

describe('the scheduler', () => {
  it('runs at most a few ticks at once, the others in turn, each job once at start', async () => {
    const scheduler = new Scheduler();
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const releases: (() => void)[] = [];
    for (let i = 0; i < 11; i++) {
      scheduler.register({
        name: `job-${i}`,
        everyMs: 3_600_000,
        run: async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise<void>((release) => releases.push(release));
          running -= 1;
          ran.push(`job-${i}`);
        },
      });
    }
    scheduler.start(() => {});
    try {
      // Release the running ticks one by one until every job has had its first tick.
      for (let turn = 0; ran.length < 11 && turn < 100; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        expect(running).toBeLessThanOrEqual(TICKS_AT_ONCE);
        releases.shift()?.();
      }
    } finally {
      scheduler.stop();
    }
    expect(most).toBe(TICKS_AT_ONCE);
    expect([...ran].sort()).toEqual(Array.from({ length: 11 }, (_, i) => `job-${i}`).sort());
  });
});
