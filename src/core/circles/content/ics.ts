import type { EventDoc } from './types';

/**
 * Calendar export of an event (RFC 5545): CRLF line endings, TEXT values escaped (backslash, semicolon,
 * comma, newline), times in UTC ("Z" form, so no VTIMEZONE is needed), and content lines folded at
 * 75 octets of UTF-8 without splitting a multi-byte character.
 */
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

export function escapeIcsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** `20261125T083000Z` from an ISO time; throws on an unparsable time (an event without a valid start is a bug). */
export function icsUtcTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not a time: ${iso}`);
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Folds one content line: continuation lines start with a space, and every physical line is ≤ 75 octets. */
export function foldIcsLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export interface IcsOptions {
  /** Name of the circle, put in the description so the calendar entry says where it came from. */
  circleName?: string;
  /** Host part of the UID (stable per event, so re-importing updates instead of duplicating). */
  uidDomain?: string;
  /** DTSTAMP: when the file was made. */
  now: number;
  /** Length assumed when the event has no end (minutes). */
  defaultMinutes?: number;
}

export function eventToIcs(event: EventDoc, options: IcsOptions): string {
  const start = Date.parse(event.startsAt);
  const end = event.endsAt && Date.parse(event.endsAt) > start ? event.endsAt : new Date(start + (options.defaultMinutes ?? 60) * 60_000).toISOString();
  const description = [event.description, options.circleName ? `Quanzi: ${options.circleName}` : undefined].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Quanzi//Circle events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event._id.replace(/[^\w.-]/g, '-')}@${options.uidDomain ?? 'quanzi.local'}`,
    `DTSTAMP:${icsUtcTime(new Date(options.now).toISOString())}`,
    `DTSTART:${icsUtcTime(event.startsAt)}`,
    `DTEND:${icsUtcTime(end)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    ...(event.place ? [`LOCATION:${escapeIcsText(event.place)}`] : []),
    ...(description ? [`DESCRIPTION:${escapeIcsText(description)}`] : []),
    // URL is a URI value, not TEXT: no backslash escaping, but it still folds.
    ...(event.url && /^https?:\/\//i.test(event.url) ? [`URL:${event.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/** A safe file name for the download. */
export function icsFileName(event: Pick<EventDoc, 'title' | 'startsAt'>): string {
  const slug = event.title.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'event';
  return `${slug}-${event.startsAt.slice(0, 10)}.ics`;
}
