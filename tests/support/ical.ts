/**
 * Reads an .ics as calendar apps do: parsed with ical.js (Mozilla's parser, used by
 * Thunderbird) after the RFC 5545 checks a strict client makes on the raw text.
 */
import ICAL from 'ical.js';
import { expect } from 'vitest';

export interface ParsedEvent { uid: string; summary: string; sequence: number; status: string; description: string | null; start: string; end: string; startZone: string; url: string | null; location: string | null }

export function parseIcs(text: string): ParsedEvent[] {
  // CRLF line endings only (RFC 5545 §3.1), the last line included.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  // Lines folded at 75 octets, without the line break.
  for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  // No property without a value (an empty DESCRIPTION shows as a blank note).
  for (const line of unfolded.split('\r\n').slice(0, -1)) expect(line, line).toMatch(/^[A-Z-]+(;[^:]*)?:.+$/);

  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    for (const required of ['uid', 'dtstamp', 'dtstart']) expect(vevent.hasProperty(required), required).toBe(true);
    const event = new ICAL.Event(vevent);
    const value = (name: string) => {
      const v = vevent.getFirstPropertyValue(name);
      return v === null || v === undefined ? null : String(v);
    };
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: value('status') ?? '',
      description: value('description'),
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      startZone: event.startDate.zone?.tzid ?? String(vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
      url: value('url'),
      location: value('location'),
    };
  });
}
