import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BRACKETS, ageBracket, ageInYear, isMinor } from './age-bracket.ts';

describe('age brackets from a birth year', () => {
  it('places each boundary age in the national bracket', () => {
    const year = 2026;
    const cases: [number, string][] = [
      [0, 'moins_de_douze'],
      [11, 'moins_de_douze'],
      [12, 'douze_dix_huit'],
      [17, 'douze_dix_huit'],
      [18, 'dix_huit_vingt_quatre'],
      [24, 'dix_huit_vingt_quatre'],
      [25, 'vingt_cinq_trente_neuf'],
      [39, 'vingt_cinq_trente_neuf'],
      [40, 'quarante_cinquante_neuf'],
      [59, 'quarante_cinquante_neuf'],
      [60, 'soixante_soixante_neuf'],
      [69, 'soixante_soixante_neuf'],
      [70, 'soixante_dix_plus'],
      [126, 'soixante_dix_plus'],
    ];
    for (const [age, bracket] of cases) expect(ageBracket(year - age, year), `age ${age}`).toBe(bracket);
  });

  it('answers non_communique for an unknown, future or implausible year', () => {
    expect(ageBracket(null, 2026)).toBe('non_communique');
    expect(ageBracket(undefined, 2026)).toBe('non_communique');
    expect(ageBracket(2027, 2026)).toBe('non_communique');
    expect(ageBracket(1899, 2026)).toBe('non_communique');
    expect(ageBracket(1980.5, 2026)).toBe('non_communique');
  });

  it('treats under 18 during the year as a minor', () => {
    expect(isMinor(2009, 2026)).toBe(true);
    expect(isMinor(2008, 2026)).toBe(false);
    expect(isMinor(null, 2026)).toBe(false);
    expect(ageInYear(2000, 2026)).toBe(26);
  });

  it('always answers a bracket of the vocabulary, and ages only move a person up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1950, max: 2100 }), (birth, year) => {
        const bracket = ageBracket(birth, year);
        expect(AGE_BRACKETS).toContain(bracket);
        const next = ageBracket(birth, year + 1);
        if (bracket !== 'non_communique') expect(AGE_BRACKETS.indexOf(next)).toBeGreaterThanOrEqual(AGE_BRACKETS.indexOf(bracket));
        expect(isMinor(birth, year)).toBe(['moins_de_douze', 'douze_dix_huit'].includes(bracket));
      }),
    );
  });
});
