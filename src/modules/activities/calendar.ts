/**
 * iCalendar feeds (ical-generator): the public programme and a staff member's own sessions.
 * Times are written in Europe/Paris with a VTIMEZONE, so that a calendar shows 14:00 whatever
 * the device's zone; the VTIMEZONE is written here once (the EU rules since 1996), which
 * saves a time-zone database dependency.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import { TIME_ZONE } from './schedule.ts';

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

export interface FeedEvent {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string;
  url: string;
  cancelled: boolean;
  updatedAt: string;
}

export function buildCalendar(name: string, events: FeedEvent[], host: string): string {
  const calendar = ical({ name, prodId: { company: 'Lieudit', product: 'programme', language: 'FR' }, ttl: 3600 });
  calendar.timezone({ name: null, generator: (tz) => (tz === TIME_ZONE ? PARIS_VTIMEZONE : null) });
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@${host}`,
      stamp: new Date(event.updatedAt),
      start: new TZDate(Date.parse(event.startsAt), TIME_ZONE),
      end: new TZDate(Date.parse(event.endsAt), TIME_ZONE),
      timezone: TIME_ZONE,
      summary: event.cancelled ? `ANNULÉ – ${event.title}` : event.title,
      description: event.description,
      location: event.location,
      url: event.url,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
