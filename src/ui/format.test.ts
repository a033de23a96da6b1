import { describe, expect, it } from 'vitest';
import { formatDateRange } from './format.ts';

describe('formatDateRange', () => {
  it('says a single day once, and shares the month and year of a span', () => {
    expect(formatDateRange('2026-12-04', '2026-12-04')).toBe('le 4 décembre 2026');
    expect(formatDateRange('2026-12-04', '2026-12-06')).toBe('du 4 au 6 décembre 2026');
    expect(formatDateRange('2026-11-30', '2026-12-04')).toBe('du 30 novembre au 4 décembre 2026');
    expect(formatDateRange('2026-12-28', '2027-01-03')).toBe('du 28 décembre 2026 au 3 janvier 2027');
    expect(formatDateRange('2026-12-01', '2026-12-03')).toBe('du 1er au 3 décembre 2026');
    expect(formatDateRange('2028-02-29', '2028-02-29')).toBe('le 29 février 2028');
  });
});
