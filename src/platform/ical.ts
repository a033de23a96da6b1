/**
 * iCalendar documents (RFC 5545) built with ical-generator: the programme feeds and the
 * "add to my calendar" file of one booking or one registration. One home so that every .ics
 * the app serves is read the same way by Google, Apple and Outlook calendars:
 * - times in Europe/Paris with its VTIMEZONE, so a calendar shows 14:00 whatever the device's
 *   zone (the VTIMEZONE is written here once, the EU rules since 1996, which saves a time-zone
 *   database dependency);
 * - UIDs that do not depend on the host or port the app is reached by (a calendar that
 *   subscribed through another address must still recognise the same event);
 * - SEQUENCE from a stored counter, so that a moved or cancelled event replaces the old one;
 * - no empty properties, CRLF line endings, lines folded at 75 octets, a final CRLF.
 */
import { TZDate } from '@date-fns/tz';
import { lazyPackage } from './lazy-package.ts';

// Loaded at the first calendar made, not at start (QUALITY.md B6).
const icalGenerator = lazyPackage<typeof import('ical-generator')>('ical-generator');

const TIME_ZONE = 'Europe/Paris';

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The right-hand side of every UID: a fixed name, never the request's host. */
const UID_DOMAIN = 'lieudit';

export interface CalendarEvent {
  /** Stable id of the thing (a session, a booking); `kind` keeps two kinds of ids apart. */
  id: string;
  kind: 'session' | 'booking' | 'registration' | 'assignment';
  title: string;
  description?: string | null;
  startsAt: string;
  endsAt: string;
  location?: string | null;
  url?: string | null;
  cancelled: boolean;
  /** How many times the event was moved or cancelled (RFC 5545 SEQUENCE). */
  sequence: number;
  /** When this version of the event was last changed (DTSTAMP). */
  updatedAt: string;
}

export function eventUid(kind: CalendarEvent['kind'], id: string): string {
  return `${kind}-${id}@${UID_DOMAIN}`;
}

export function buildCalendar(name: string, events: CalendarEvent[], product = 'programme'): string {
  const { default: ical, ICalEventStatus } = icalGenerator();
  const calendar = ical({ name, prodId: { company: 'Lieudit', product, language: 'FR' }, ttl: 3600 });
  calendar.timezone({ name: null, generator: (tz) => (tz === TIME_ZONE ? PARIS_VTIMEZONE : null) });
  for (const event of events) {
    const description = event.description?.trim();
    const location = event.location?.trim();
    calendar.createEvent({
      id: eventUid(event.kind, event.id),
      sequence: event.sequence,
      stamp: new Date(event.updatedAt),
      start: new TZDate(Date.parse(event.startsAt), TIME_ZONE),
      end: new TZDate(Date.parse(event.endsAt), TIME_ZONE),
      timezone: TIME_ZONE,
      summary: event.cancelled ? `ANNULÉ – ${event.title}` : event.title,
      ...(description ? { description } : {}),
      ...(location ? { location } : {}),
      ...(event.url ? { url: event.url } : {}),
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = calendar.toString();
  // RFC 5545 ends every content line, the last one included, with CRLF.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
