import { describe, expect, it } from 'vitest';
import { resolveCommune } from './communes.ts';

const codeOf = (r: ReturnType<typeof resolveCommune>) => (r.kind === 'found' ? r.commune.code : r.kind);

describe('resolveCommune: typed text to one commune', () => {
  it('finds a commune by name, "name (postal code)" or INSEE code, and says when nothing was typed', () => {
    expect(codeOf(resolveCommune('Cambrai'))).toBe('59122');
    expect(codeOf(resolveCommune('cambrai (59400)'))).toBe('59122');
    expect(codeOf(resolveCommune(' 59122 '))).toBe('59122');
    expect(codeOf(resolveCommune('  '))).toBe('empty');
    expect(codeOf(resolveCommune(null))).toBe('empty');
    expect(codeOf(resolveCommune('Nullepartville'))).toBe('unknown');
  });

  it('lists homonyms, unless a postal code or the centre area settles them', () => {
    const naves = resolveCommune('Naves');
    expect(naves.kind === 'ambiguous' && naves.candidates.map((c) => c.code).sort()).toEqual(['03194', '19146', '59422', '81195']);
    expect(codeOf(resolveCommune('Naves', { postalCode: '59161' }))).toBe('59422');
    expect(codeOf(resolveCommune('Naves', { nearby: new Set(['59422', '59122']) }))).toBe('59422');
    // A postal code no homonym has, or two homonyms in the area, settle nothing.
    expect(resolveCommune('Naves', { postalCode: '75001' }).kind).toBe('ambiguous');
    expect(resolveCommune('Naves', { nearby: new Set(['59422', '19146']) }).kind).toBe('ambiguous');
  });
});
