import { z } from 'zod';

/**
 * Dates that come in from outside (forms, query strings, JSON): one definition of what is
 * acceptable, so that every route refuses "2026-13-45" or "9999-12-27" with a French message
 * instead of failing further down (date arithmetic past year 9999 throws, databases disagree).
 * The range is wide enough for birth dates and for planning years ahead.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const INSTANT_RE = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const inRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/** A real calendar date "YYYY-MM-DD" (not 2026-02-31) between MIN_YEAR and MAX_YEAR. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (!match || !inRange(Number(match[1]))) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An ISO 8601 instant with its offset ("2027-03-15T09:30:00Z"), real and within range. */
export function isIsoInstant(value: string): boolean {
  const match = INSTANT_RE.exec(value);
  if (!match || !inRange(Number(match[1]))) return false;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return false;
  // Date.parse rolls "T25:61" or "02-30" over into the next day: compare the fields it kept.
  const local = value.slice(0, 16);
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(value)![1]!;
  const shift = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(ms + shift * 60_000).toISOString().slice(0, 16) === local;
}

export const DATE_INVALID = 'errors.date.invalid';
export const INSTANT_INVALID = 'errors.instant.invalid';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A calendar date field; `key` is the message shown when it is not one. */
export const calendarDate = (key: string = DATE_INVALID) => z.string({ error: key }).trim().refine(isCalendarDate, { error: key });
/** The same, optional: an empty value counts as missing. */
export const optionalCalendarDate = (key: string = DATE_INVALID) => z.preprocess(blankToUndefined, calendarDate(key).optional());
/** An instant, handed on as UTC ISO-8601 ("…Z"). */
export const isoInstant = (key: string = INSTANT_INVALID) =>
  z
    .string({ error: key })
    .trim()
    .refine(isIsoInstant, { error: key })
    .transform((v) => new Date(v).toISOString());
