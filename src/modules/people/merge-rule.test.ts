import { describe, expect, it } from 'vitest';
import { mergeResult, type MergeablePerson } from './merge-rule.ts';

const base: MergeablePerson = {
  firstName: 'Hélène',
  lastName: 'Dupont',
  phone: null,
  email: null,
  birthYear: null,
  communeInsee: null,
  householdId: null,
  socialStatus: 'non_communique',
  gender: 'non_communique',
  accessibilityNeeds: null,
};

describe('what a merge keeps', () => {
  it('keeps every filled field of the kept file and fills the empty ones from the duplicate', () => {
    const keep = { ...base, phone: '0612345678', socialStatus: 'retraite' };
    const duplicate = { ...base, firstName: 'Helene', phone: '0700000000', email: 'h@exemple.fr', birthYear: 1950, socialStatus: 'en_emploi', gender: 'feminin' };
    const { result, filled } = mergeResult(keep, duplicate);
    expect(result).toMatchObject({ firstName: 'Hélène', phone: '0612345678', email: 'h@exemple.fr', birthYear: 1950, socialStatus: 'retraite', gender: 'feminin' });
    expect(filled).toEqual(['email', 'birthYear', 'gender']);
  });

  it('changes nothing when the duplicate has nothing more', () => {
    const { result, filled } = mergeResult({ ...base, email: 'a@b.fr' }, base);
    expect(filled).toEqual([]);
    expect(result.email).toBe('a@b.fr');
  });
});
