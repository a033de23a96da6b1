import { describe, expect, it } from 'vitest';
import { computeFigures, type Contact } from './figures.ts';
import { federationFigures } from './federation.ts';

/** The federation's sums and gathering, on contacts made by hand (no database). */
function contacts(centre: string, spec: { persons: number; ageBracket: string; at: string; accompanied?: boolean }[]): Contact[] {
  let n = 0;
  return spec.flatMap((s) => Array.from({ length: s.persons }, (): Contact => {
    n += 1;
    return {
      kind: s.accompanied ? 'accompaniment' : 'workshop', personId: `${centre}-${s.ageBracket}-${n}`,
      person: { ageBracket: s.ageBracket, gender: 'feminin', socialStatus: 'retraite', communeInsee: '59122' },
      at: s.at, durationMinutes: 120, sessionId: s.accompanied ? null : `${centre}-session-${s.at}`, themes: [], siteId: null, activityKind: 'atelier',
    };
  }));
}

describe('a federation’s figures from its centres’', () => {
  it('adds up persons, accompaniments and hours key by key, and gathers small cells with their accompaniments', () => {
    const a = computeFigures(contacts('a', [
      { persons: 6, ageBracket: 'soixante_dix_plus', at: '2026-03-10T13:00:00Z' },
      { persons: 2, ageBracket: 'moins_de_douze', at: '2026-03-10T13:00:00Z' },
      { persons: 1, ageBracket: 'douze_dix_huit', at: '2026-04-10T08:00:00Z', accompanied: true },
    ]));
    const b = computeFigures(contacts('b', [
      { persons: 4, ageBracket: 'soixante_dix_plus', at: '2026-03-20T13:00:00Z' },
      { persons: 3, ageBracket: 'douze_dix_huit', at: '2026-04-11T08:00:00Z', accompanied: true },
    ]));
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
