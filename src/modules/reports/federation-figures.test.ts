import { describe, expect, it } from 'vitest';
import { figuresFromCounts, type ContactCount, type CountDimension } from './figures.ts';
import { federationFigures } from './federation.ts';

/**
 * One centre's figures as the database would count them (made by hand: no database). Each group
 * is `persons` different persons of one age bracket who came in one month, either to that
 * month's one two-hour workshop session or, `accompanied`, to one accompaniment each.
 */
function centreFigures(spec: { persons: number; ageBracket: string; month: string; accompanied?: boolean }[]) {
  const counts = new Map<string, ContactCount>();
  const sessionsCounted = new Set<string>();
  const add = (dimension: CountDimension, key: string, group: (typeof spec)[number]) => {
    const id = `${dimension}:${key}`;
    const c = counts.get(id) ?? {
      centerId: '', dimension, key, persons: 0, personsInWorkshops: 0, personsAccompanied: 0, accompaniments: 0, participations: 0,
      accompanimentMinutes: 0, presenceMinutes: 0, households: 0, householdsInWorkshops: 0, sessions: 0, sessionMinutes: 0,
    };
    c.persons += group.persons;
    if (group.accompanied) c.accompaniments += group.persons;
    else {
      c.participations += group.persons;
      // A person's trait has no sessions; the others count the group's one session once.
      if (dimension !== 'ageBracket' && !sessionsCounted.has(`${id}:${group.month}`)) {
        sessionsCounted.add(`${id}:${group.month}`);
        c.sessions += 1;
        c.sessionMinutes += 120;
      }
    }
    counts.set(id, c);
  };
  for (const group of spec) {
    add('all', '', group);
    add('month', group.month, group);
    add('ageBracket', group.ageBracket, group);
  }
  return figuresFromCounts([...counts.values()]);
}

describe('a federation’s figures from its centres’', () => {
  it('adds up persons, accompaniments and hours key by key, and gathers small cells with their accompaniments', () => {
    const a = centreFigures([
      { persons: 6, ageBracket: 'soixante_dix_plus', month: '2026-03' },
      { persons: 2, ageBracket: 'moins_de_douze', month: '2026-03' },
      { persons: 1, ageBracket: 'douze_dix_huit', month: '2026-04', accompanied: true },
    ]);
    const b = centreFigures([
      { persons: 4, ageBracket: 'soixante_dix_plus', month: '2026-03' },
      { persons: 3, ageBracket: 'douze_dix_huit', month: '2026-04', accompanied: true },
    ]);
    const f = federationFigures([{ centerId: 'a', figures: a }, { centerId: 'b', figures: b }]);
    expect(f.totals).toEqual({ persons: 16, accompaniments: 4, sessions: 2, participations: 12, workshopHours: 4 });
    // 10 over 70; 12–18 (4) and under 12 (2) gathered: 6 persons, 4 accompaniments.
    expect(f.by.ageBracket).toEqual([
      { key: 'soixante_dix_plus', persons: 10, accompaniments: 0, workshopHours: null },
      { key: 'other', persons: 6, accompaniments: 4, workshopHours: null },
    ]);
    // March (12) alone would give April (4) away by subtraction from the total: both gathered.
    expect(f.by.month).toEqual([{ key: 'other', persons: 16, accompaniments: 4, workshopHours: 4 }]);
    expect(f.by.centre).toEqual([
      { key: 'a', persons: 9, accompaniments: 1, workshopHours: 2 },
      { key: 'b', persons: 7, accompaniments: 3, workshopHours: 2 },
    ]);
  });
});
