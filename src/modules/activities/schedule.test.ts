import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandSchedule, normalizeRrule, parseDateRange, parseLocalDate, parseTime, readWeeklyRule, utcToParis, weeklyRule, type Schedule } from './schedule.ts';

const base: Schedule = { kind: 'rrule', dates: [], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] };

describe('schedule expansion in Paris time', () => {
  it('keeps every Tuesday at 14:00 Paris time across the March daylight-saving change', () => {
    const result = expandSchedule({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-03-01', endDate: '2026-04-30' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.occurrences).toHaveLength(9);
    for (const o of result.occurrences) {
      expect(utcToParis(o.startsAt)).toEqual({ date: o.localDate, time: '14:00' });
      expect(utcToParis(o.endsAt).time).toBe('16:00');
      expect(new Date(o.startsAt).getUTCDay()).toBe(2);
    }
    // Winter (UTC+1) then summer (UTC+2): the UTC hour changes, the wall clock does not.
    expect(result.occurrences[0]!.startsAt).toBe('2026-03-03T13:00:00.000Z');
    expect(result.occurrences.at(-1)!.startsAt).toBe('2026-04-28T12:00:00.000Z');
  });

  it('keeps 14:00 across the October change too', () => {
    const result = expandSchedule({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-10-20', endDate: '2026-11-03' });
    expect(result.ok && result.occurrences.map((o) => o.startsAt)).toEqual([
      '2026-10-20T12:00:00.000Z', '2026-10-27T13:00:00.000Z', '2026-11-03T13:00:00.000Z',
    ]);
  });

  it('gives each weekly slot its own wall-clock times across the October change', () => {
    const result = expandSchedule({
      ...base, rrule: weeklyRule(['TU', 'TH'], 1), startDate: '2026-10-20', endDate: '2026-10-29', startTime: '14:00', endTime: '16:00',
      blocks: [{ weekday: 'TU', startTime: '14:00', endTime: '16:00' }, { weekday: 'TH', startTime: '9h30', endTime: '11:00' }],
    });
    expect(result.ok && result.occurrences.map((o) => [o.localDate, o.startsAt, o.endsAt])).toEqual([
      ['2026-10-20', '2026-10-20T12:00:00.000Z', '2026-10-20T14:00:00.000Z'],
      ['2026-10-22', '2026-10-22T07:30:00.000Z', '2026-10-22T09:00:00.000Z'],
      ['2026-10-27', '2026-10-27T13:00:00.000Z', '2026-10-27T15:00:00.000Z'],
      ['2026-10-29', '2026-10-29T08:30:00.000Z', '2026-10-29T10:00:00.000Z'],
    ]);
    expect(expandSchedule({ ...base, rrule: weeklyRule(['TU'], 1, 3), startDate: '2026-10-20', blocks: [
      { weekday: 'TU', startTime: '14:00', endTime: '13:00' }, { weekday: 'TU', startTime: '10:00', endTime: '11:00' },
    ] })).toEqual({ ok: false, errors: { block1End: 'activities.schedule.endBeforeStart', block2Weekday: 'activities.schedule.blockSameWeekday' } });
  });

  it('skips the exception dates and ranges (school holidays)', () => {
    const result = expandSchedule({
      ...base, rrule: weeklyRule(['TU'], 1), startDate: '2026-02-01', endDate: '2026-03-31',
      exceptions: ['du 14/02/2026 au 01/03/2026', '2026-03-17'],
    });
    expect(result.ok && result.occurrences.map((o) => o.localDate)).toEqual(['2026-02-03', '2026-02-10', '2026-03-03', '2026-03-10', '2026-03-24', '2026-03-31']);
  });

  it('expands a list of dates (a stage) and drops duplicates', () => {
    const result = expandSchedule({ ...base, kind: 'dates', dates: ['20/04/2026', '2026-04-21', '2026-04-21', '22/04/2026'], startTime: '9h30', endTime: '12h' });
    expect(result.ok && result.occurrences.map((o) => [o.localDate, utcToParis(o.startsAt).time, utcToParis(o.endsAt).time])).toEqual([
      ['2026-04-20', '09:30', '12:00'], ['2026-04-21', '09:30', '12:00'], ['2026-04-22', '09:30', '12:00'],
    ]);
  });

  it('refuses an end before the start, a rule without any date, an impossible date, a bad rule', () => {
    expect(expandSchedule({ ...base, kind: 'single', dates: ['2026-05-05'], startTime: '16:00', endTime: '14:00' })).toEqual({
      ok: false, errors: { endTime: 'activities.schedule.endBeforeStart' },
    });
    expect(expandSchedule({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-03-04', endDate: '2026-03-09' })).toEqual({
      ok: false, errors: { rrule: 'activities.schedule.noOccurrence' },
    });
    expect(expandSchedule({ ...base, kind: 'single', dates: ['31/02/2026'] }).ok).toBe(false);
    expect(expandSchedule({ ...base, rrule: 'FREQ=SOMETIMES', startDate: '2026-03-01', endDate: '2026-04-01' }).ok).toBe(false);
    expect(expandSchedule({ ...base, rrule: 'FREQ=DAILY', startDate: '2026-03-01' })).toEqual({ ok: false, errors: { endDate: 'activities.schedule.endDateRequired' } });
    expect(expandSchedule({ ...base, rrule: 'FREQ=DAILY', startDate: '2026-01-01', endDate: '2027-12-31' })).toEqual({ ok: false, errors: { rrule: 'activities.schedule.tooMany' } });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('single', 'dates', 'rrule' as const),
          dates: fc.array(fc.string(), { maxLength: 3 }),
          rrule: fc.option(fc.oneof(fc.string(), fc.constantFrom('FREQ=WEEKLY;BYDAY=MO', 'FREQ=MONTHLY;COUNT=3'))),
          startDate: fc.option(fc.oneof(fc.string(), fc.constant('2026-01-05'))),
          endDate: fc.option(fc.oneof(fc.string(), fc.constant('2026-06-30'))),
          startTime: fc.string(),
          endTime: fc.string(),
          exceptions: fc.array(fc.string(), { maxLength: 2 }),
        }),
        (schedule) => {
          const result = expandSchedule(schedule as Schedule);
          if (result.ok) expect(result.occurrences.length).toBeGreaterThan(0);
          else expect(Object.keys(result.errors).length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('typed dates, times and rules', () => {
  it('reads French and ISO dates and refuses impossible ones', () => {
    expect(parseLocalDate('5/1/2026')).toBe('2026-01-05');
    expect(parseLocalDate('2026-01-05')).toBe('2026-01-05');
    expect(parseLocalDate('2026-02-30')).toBeNull();
    expect(parseLocalDate('demain')).toBeNull();
  });
  it('reads times', () => {
    expect(parseTime('9h30')).toBe('09:30');
    expect(parseTime('14h')).toBe('14:00');
    expect(parseTime('14:00')).toBe('14:00');
    expect(parseTime('25:00')).toBeNull();
  });
  it('reads ranges', () => {
    expect(parseDateRange('du 14/02/2026 au 01/03/2026')).toEqual(['2026-02-14', '2026-03-01']);
    expect(parseDateRange('2026-02-14..2026-03-01')).toEqual(['2026-02-14', '2026-03-01']);
    expect(parseDateRange('2026-03-01..2026-02-14')).toBeNull();
  });
  it('normalises rules and reads back the simple weekly form', () => {
    expect(normalizeRrule('RRULE:freq=weekly; byday=tu')).toBe('FREQ=WEEKLY;BYDAY=TU');
    expect(normalizeRrule('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')).toBeNull();
    expect(readWeeklyRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH')).toEqual({ weekdays: ['MO', 'TH'], interval: 2, count: null });
    expect(readWeeklyRule(weeklyRule(['TU'], 1, 6))).toEqual({ weekdays: ['TU'], interval: 1, count: 6 });
    expect(readWeeklyRule('FREQ=MONTHLY;BYDAY=1TU')).toBeNull();
  });
});
