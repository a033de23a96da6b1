import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSlots, distinctSlots, type AbsenceRule, type MotifRule, type OpeningRule, type SlotInput } from './slots.ts';
import { parisToUtcMs } from '../../platform/time.ts';

const motif: MotifRule = { id: 'caf', durationMinutes: 30, minDelayMinutes: 0, horizonDays: 60 };

function opening(patch: Partial<OpeningRule> = {}): OpeningRule {
  return {
    id: 'o1',
    siteId: 'centre',
    staffUserId: 'anne',
    weekday: 2,
    startTime: '09:00',
    endTime: '12:00',
    startsOn: '2026-01-01',
    endsOn: null,
    everyWeeks: 1,
    motifIds: ['caf'],
    ...patch,
  };
}

function absence(patch: Partial<AbsenceRule>): AbsenceRule {
  return { siteId: null, staffUserId: null, firstDay: '2026-01-13', lastDay: '2026-01-13', startTime: null, endTime: null, repeatWeeklyUntil: null, ...patch };
}

function slots(patch: Partial<SlotInput>) {
  return computeSlots({
    motif,
    openings: [opening()],
    absences: [],
    booked: [],
    from: '2026-01-12T00:00:00.000Z',
    to: '2026-01-19T00:00:00.000Z',
    now: '2026-01-05T08:00:00.000Z',
    ...patch,
  });
}

const starts = (list: { startAt: string }[]) => list.map((s) => s.startAt.slice(0, 16));

describe('slot computation', () => {
  it('slices a Tuesday 9 h – 12 h opening into six 30-minute slots (winter: UTC+1)', () => {
    expect(starts(slots({}))).toEqual([
      '2026-01-13T08:00', '2026-01-13T08:30', '2026-01-13T09:00', '2026-01-13T09:30', '2026-01-13T10:00', '2026-01-13T10:30',
    ]);
    expect(slots({})[0]).toMatchObject({ endAt: '2026-01-13T08:30:00.000Z', siteId: 'centre', openingId: 'o1', deskKey: 'staff:anne' });
  });

  it('slices by the motif duration and never runs past the closing time', () => {
    const list = slots({ motif: { ...motif, durationMinutes: 45 } });
    expect(starts(list)).toEqual(['2026-01-13T08:00', '2026-01-13T08:45', '2026-01-13T09:30', '2026-01-13T10:15']);
    expect(list.at(-1)!.endAt).toBe('2026-01-13T11:00:00.000Z'); // 12 h Paris
  });

  it('keeps a 9 h opening at 9 h Paris across the spring clock change (last Sunday of March)', () => {
    const list = slots({
      motif: { ...motif, durationMinutes: 60 },
      openings: [
        opening({ id: 'mon', weekday: 1, startTime: '09:00', endTime: '10:00' }),
        opening({ id: 'sun', weekday: 7, startTime: '09:00', endTime: '10:00', staffUserId: 'bob' }),
      ],
      now: '2026-03-01T00:00:00.000Z',
      from: '2026-03-23T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(starts(list)).toEqual([
      '2026-03-23T08:00', // Monday before: UTC+1
      '2026-03-29T07:00', // the Sunday of the change itself (at 2 h): already UTC+2 at 9 h
      '2026-03-30T07:00', // Monday after: UTC+2
    ]);
  });

  it('keeps it at 9 h across the autumn change too', () => {
    const list = slots({
      motif: { ...motif, durationMinutes: 60 },
      openings: [opening({ weekday: 1, startTime: '09:00', endTime: '10:00' })],
      now: '2026-10-01T00:00:00.000Z',
      from: '2026-10-19T00:00:00.000Z',
      to: '2026-10-27T00:00:00.000Z',
    });
    expect(starts(list)).toEqual(['2026-10-19T07:00', '2026-10-26T08:00']);
  });

  it('closes on public holidays: no Easter Monday, Ascension nor Whit Monday', () => {
    const list = slots({
      motif: { ...motif, durationMinutes: 180, horizonDays: 120 },
      openings: [opening({ weekday: 1 }), opening({ id: 'thu', weekday: 4, staffUserId: 'bob' })],
      now: '2026-03-01T00:00:00.000Z',
      from: '2026-04-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
    });
    const days = list.map((s) => s.startAt.slice(0, 10));
    expect(days).not.toContain('2026-04-06'); // Easter Monday
    expect(days).not.toContain('2026-05-14'); // Ascension (Thursday)
    expect(days).not.toContain('2026-05-25'); // Whit Monday
    expect(days).toContain('2026-04-13');
    expect(days).toContain('2026-05-21');
    expect(days).not.toContain('2026-05-01'); // a Friday anyway; Labour day 2026
  });

  it('removes a staff member’s absence from their desk only', () => {
    const list = slots({
      openings: [opening(), opening({ id: 'o2', staffUserId: 'bob' })],
      absences: [absence({ staffUserId: 'anne' })],
    });
    expect(new Set(list.map((s) => s.deskKey))).toEqual(new Set(['staff:bob']));
    expect(list).toHaveLength(6);
  });

  it('a closure of the site (no staff named) removes every desk of that site, not the other sites', () => {
    const list = slots({
      openings: [opening(), opening({ id: 'o2', staffUserId: 'bob' }), opening({ id: 'o3', siteId: 'village', staffUserId: 'carl' })],
      absences: [absence({ siteId: 'centre' })],
    });
    expect(new Set(list.map((s) => s.siteId))).toEqual(new Set(['village']));
  });

  it('a partial absence (10 h – 11 h) removes only the slots it overlaps', () => {
    const list = slots({ absences: [absence({ startTime: '10:00', endTime: '11:00' })] });
    expect(starts(list)).toEqual(['2026-01-13T08:00', '2026-01-13T08:30', '2026-01-13T10:00', '2026-01-13T10:30']);
  });

  it('a multi-day absence runs from the first day’s time to the last day’s time', () => {
    const list = slots({
      openings: [opening(), opening({ id: 'o2', weekday: 3 }), opening({ id: 'o3', weekday: 4 })],
      absences: [absence({ firstDay: '2026-01-13', startTime: '11:00', lastDay: '2026-01-15', endTime: '10:00' })],
    });
    expect(starts(list)).toEqual([
      '2026-01-13T08:00', '2026-01-13T08:30', '2026-01-13T09:00', '2026-01-13T09:30', // Tue until 11 h
      '2026-01-15T09:00', '2026-01-15T09:30', '2026-01-15T10:00', '2026-01-15T10:30', // Thu from 10 h
    ]);
  });

  it('a weekly absence repeats until its end date', () => {
    const list = slots({
      absences: [absence({ firstDay: '2026-01-06', lastDay: '2026-01-06', startTime: '09:00', endTime: '10:00', repeatWeeklyUntil: '2026-01-20' })],
      from: '2026-01-12T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
    });
    const byDay = (d: string) => list.filter((s) => s.startAt.startsWith(d)).length;
    expect(byDay('2026-01-13')).toBe(4);
    expect(byDay('2026-01-20')).toBe(4);
    expect(byDay('2026-01-27')).toBe(6);
  });

  it('removes slots overlapping booked appointments of the same desk, whatever their length', () => {
    const list = slots({
      openings: [opening(), opening({ id: 'o2', staffUserId: 'bob' })],
      booked: [
        { deskKey: 'staff:anne', startAt: '2026-01-13T08:15:00.000Z', endAt: '2026-01-13T09:15:00.000Z' },
        { deskKey: 'staff:bob', startAt: '2026-01-13T10:30:00.000Z', endAt: '2026-01-13T11:00:00.000Z' },
      ],
    });
    const anne = starts(list.filter((s) => s.deskKey === 'staff:anne'));
    const bob = starts(list.filter((s) => s.deskKey === 'staff:bob'));
    expect(anne).toEqual(['2026-01-13T09:30', '2026-01-13T10:00', '2026-01-13T10:30']);
    expect(bob).toHaveLength(5);
    expect(bob).not.toContain('2026-01-13T10:30');
  });

  it('respects the minimum delay and the booking horizon', () => {
    // Now: Tuesday 13 January, 9 h 40 Paris. 24 h minimum delay, 7 days horizon.
    const list = slots({
      motif: { ...motif, minDelayMinutes: 24 * 60, horizonDays: 7 },
      openings: [opening(), opening({ id: 'o2', weekday: 3 })],
      now: '2026-01-13T08:40:00.000Z',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
    });
    expect(starts(list)).toEqual([
      // Wednesday 14 from 9 h 40 + 24 h, so 10 h Paris onwards
      '2026-01-14T09:00', '2026-01-14T09:30', '2026-01-14T10:00', '2026-01-14T10:30',
      // Tuesday 20 until 9 h 40 (now + 7 days)
      '2026-01-20T08:00', '2026-01-20T08:30',
    ]);
  });

  it('staff booking by phone may ignore the minimum delay, never the past', () => {
    const list = slots({
      motif: { ...motif, minDelayMinutes: 24 * 60 },
      now: '2026-01-13T08:40:00.000Z',
      ignoreMinDelay: true,
    });
    expect(starts(list)[0]).toBe('2026-01-13T09:00');
  });

  it('honours start date, end date and every-other-week recurrence', () => {
    const list = slots({
      openings: [opening({ startsOn: '2026-01-20', endsOn: '2026-02-17', everyWeeks: 2 })],
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
      motif: { ...motif, durationMinutes: 180 },
    });
    expect(list.map((s) => s.startAt.slice(0, 10))).toEqual(['2026-01-20', '2026-02-03', '2026-02-17']);
  });

  it('offers only openings serving the motif, and only the site asked for', () => {
    expect(slots({ openings: [opening({ motifIds: ['ants'] })] })).toEqual([]);
    expect(slots({ siteId: 'village' })).toEqual([]);
    expect(slots({ siteId: 'centre' })).toHaveLength(6);
  });

  it('shows one slot per site and time to residents when two desks are free', () => {
    const both = slots({ openings: [opening(), opening({ id: 'o2', staffUserId: 'bob' })] });
    expect(both).toHaveLength(12);
    expect(distinctSlots(both)).toHaveLength(6);
  });

  it('converts Paris wall-clock times, including the skipped hour', () => {
    expect(new Date(parisToUtcMs('2026-03-29', 150)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 2 h 30 does not exist → 3 h 30
    expect(new Date(parisToUtcMs('2026-07-01', 0)).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(parisToUtcMs('2026-12-31', 1440)).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('puts every slot at the opening’s Paris wall-clock time, any week of any year (property)', () => {
    const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 6 * 4, max: 18 * 4 }),
        fc.constantFrom(15, 20, 30, 45, 60),
        (from, weekday, quarter, duration) => {
          const startMin = quarter * 15;
          const startTime = `${String(Math.floor(startMin / 60)).padStart(2, '0')}:${String(startMin % 60).padStart(2, '0')}`;
          const endMin = startMin + 180;
          const endTime = `${String(Math.floor(endMin / 60)).padStart(2, '0')}:${String(endMin % 60).padStart(2, '0')}`;
          const list = computeSlots({
            motif: { id: 'caf', durationMinutes: duration, minDelayMinutes: 0, horizonDays: 400 },
            openings: [opening({ weekday, startTime, endTime, startsOn: '2025-12-01' })],
            absences: [],
            booked: [],
            from: from.toISOString(),
            to: new Date(from.getTime() + 21 * 86_400_000).toISOString(),
            now: from.toISOString(),
          });
          const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
          for (const slot of list) {
            expect(new Date(Date.parse(slot.startAt)).toISOString()).toBe(slot.startAt);
            const parts = Object.fromEntries(paris.formatToParts(new Date(slot.startAt)).map((p) => [p.type, p.value]));
            const local = Number(parts.hour) * 60 + Number(parts.minute);
            expect(days.indexOf(parts.weekday!) + 1).toBe(weekday);
            expect((local - startMin) % duration).toBe(0);
            expect(local).toBeGreaterThanOrEqual(startMin);
            expect(local + duration).toBeLessThanOrEqual(endMin);
            expect(Date.parse(slot.endAt) - Date.parse(slot.startAt)).toBe(duration * 60_000);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
