import { describe, expect, it } from 'vitest';
import { inTurn } from './in-turn.ts';

/** A promise settled from outside, to hold a work open while another waits. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { opened, open };
}

describe('inTurn', () => {
  it('starts a work on a key only when the earlier one on that key has finished', async () => {
    const events: string[] = [];
    const first = gate();
    const a = inTurn('session:1', async () => { events.push('a starts'); await first.opened; events.push('a ends'); return 'a'; });
    const b = inTurn('session:1', async () => { events.push('b starts'); return 'b'; });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['a starts']);
    first.open();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(events).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('lets works on different keys run together', async () => {
    const held = gate();
    const events: string[] = [];
    const a = inTurn('session:2', async () => { await held.opened; events.push('a'); });
    await inTurn('session:3', async () => { events.push('b'); });
    expect(events).toEqual(['b']);
    held.open();
    await a;
    expect(events).toEqual(['b', 'a']);
  });

  it('gives the turn on after a work fails, and passes its error to its caller only', async () => {
    const failing = inTurn('session:4', async () => { throw new Error('refusé'); });
    const next = inTurn('session:4', async () => 'suivant');
    await expect(failing).rejects.toThrow('refusé');
    expect(await next).toBe('suivant');
  });

  it('queues a crowd larger than any fixed limit', async () => {
    let running = 0;
    let most = 0;
    const works = Array.from({ length: 2_000 }, (_, i) => inTurn('session:5', async () => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      running -= 1;
      return i;
    }));
    expect((await Promise.all(works)).at(-1)).toBe(1_999);
    expect(most).toBe(1);
  });
});
