import { describe, expect, it } from 'vitest';
import { gatherSmallCells, OTHER_ROWS } from './figures.ts';

describe('a breakdown shown outside the centre', () => {
  const rows = (counts: Record<string, number>) => Object.entries(counts).map(([key, persons]) => ({ key, persons }));
  /** What an outsider can work out: the total minus every number shown. */
  const unshown = (shown: { persons: number | null }[], total: number) => total - shown.reduce((sum, r) => sum + (r.persons ?? 0), 0);

  it('shows cells of 5 or more as they are', () => {
    expect(gatherSmallCells(rows({ a: 5, b: 12, c: 0 }))).toEqual([
      { key: 'a', persons: 5 },
      { key: 'b', persons: 12 },
    ]);
  });

  it('gathers small cells, and a large one with them while the group is under 5, so that none can be subtracted from the total', () => {
    expect(gatherSmallCells(rows({ a: 7, b: 2 }))).toEqual([{ key: OTHER_ROWS, persons: 9 }]);
    expect(gatherSmallCells(rows({ a: 3, b: 3, c: 20 }))).toEqual([
      { key: 'c', persons: 20 },
      { key: OTHER_ROWS, persons: 6 },
    ]);
    expect(gatherSmallCells(rows({ a: 1, b: 6, c: 9, d: 30 }))).toEqual([
      { key: 'c', persons: 9 },
      { key: 'd', persons: 30 },
      { key: OTHER_ROWS, persons: 7 },
    ]);
  });

  it('masks the group only when the whole breakdown is under 5', () => {
    expect(gatherSmallCells(rows({ a: 1, b: 2 }))).toEqual([{ key: OTHER_ROWS, persons: null }]);
  });

  it('never leaves a cell under 5 readable, shown or by subtraction (every split of up to 4 cells of 0 to 12)', () => {
    for (let n = 0; n < 13 ** 4; n++) {
      const counts = [n % 13, Math.floor(n / 13) % 13, Math.floor(n / 169) % 13, Math.floor(n / 2197) % 13];
      const total = counts.reduce((a, b) => a + b, 0);
      const shown = gatherSmallCells(counts.map((persons, i) => ({ key: `k${i}`, persons })));
      for (const row of shown) if (row.persons !== null) expect(row.persons).toBeGreaterThanOrEqual(5);
      const hidden = unshown(shown, total);
      if (hidden > 0 && hidden < 5) expect(shown.some((r) => r.key === OTHER_ROWS && r.persons === null)).toBe(true);
      // Every person is counted in exactly one row.
      if (total >= 5) expect(shown.reduce((sum, r) => sum + (r.persons ?? 0), 0)).toBe(total);
    }
  });
});
