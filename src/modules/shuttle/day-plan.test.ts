import { describe, expect, it } from 'vitest';
import { parseProblem, solve } from './planner/index.ts';
import { communeCentre } from './commune-centres.ts';
import { dayProblem } from './day-plan.ts';
import type { VisitRequest } from './visit-request.service.ts';

const request = (id: string, overrides: Partial<VisitRequest> = {}): VisitRequest => ({
  id, personId: `p-${id}`, communeInsee: '59122', address: null, location: [3.2351, 50.1763], locationSource: 'pin', geocodeScore: null, problem: 'Courriels', theme: 'email', urgency: 'normale',
  availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: null, durationMinutes: 45, status: 'pending', createdAt: '2026-12-01T10:00:00.000Z', ...overrides,
});

describe('a day of the navette as a planner problem', () => {
  // Thursday 10 December 2026.
  const options = { date: '2026-12-10', start: [3.2, 50.2] as [number, number], shift: { from: '08:30', to: '17:30' }, lunch: { from: '12:00', to: '13:30', minutes: 60 } };

  it('keeps the requests placed and at home that weekday, windows shortened so that the visit ends inside, urgent and older first', () => {
    const { problem, skipped } = dayProblem(
      [
        request('a'),
        request('b', { urgency: 'urgente', createdAt: '2026-12-09T10:00:00.000Z' }),
        request('c', { location: null, communeInsee: '99999' }),
        request('f', { location: null, communeInsee: '59122' }),
        request('d', { availability: [{ weekday: 5, from: '09:00', to: '12:00' }] }),
        request('e', { availability: [{ weekday: 4, from: '09:00', to: '09:30' }] }),
      ],
      options,
    );
    expect(skipped).toEqual([{ id: 'c', reason: 'no_location' }, { id: 'd', reason: 'not_home' }, { id: 'e', reason: 'not_home' }]);
    expect(problem.jobs).toEqual([
      { id: 'a', location: [3.2351, 50.1763], service: 2700, time_windows: [[9 * 3600, 12 * 3600 - 2700]], priority: 9 },
      { id: 'b', location: [3.2351, 50.1763], service: 2700, time_windows: [[9 * 3600, 12 * 3600 - 2700]], priority: 61 },
      // No pin: at the centre of Cambrai, as on the pages.
      { id: 'f', location: communeCentre('59122'), service: 2700, time_windows: [[9 * 3600, 12 * 3600 - 2700]], priority: 9 },
    ]);
    expect(problem.vehicle).toMatchObject({ time_window: [8.5 * 3600, 17.5 * 3600], breaks: [{ id: 'repas', time_windows: [[12 * 3600, 13.5 * 3600]], service: 3600 }] });
    const parsed = parseProblem(problem);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(solve(parsed.problem).unassigned).toEqual([]);
  });

  it('puts a request forced in by the coordinator first, at any time of the shift, even on a day it is not at home', () => {
    const { problem, skipped } = dayProblem([request('d', { availability: [{ weekday: 5, from: '09:00', to: '12:00' }] })], { ...options, force: ['d'] });
    expect(skipped).toEqual([]);
    expect(problem.jobs).toEqual([{ id: 'd', location: [3.2351, 50.1763], service: 2700, priority: 100 }]);
  });
});
