/**
 * An iCalendar invitation (RFC 5545) for one person's registration: METHOD:PUBLISH (it is a
 * download for that person only; nobody else is invited or re-invited), one stable UID per
 * session so an update replaces the earlier event, times in Europe/Amsterdam with the zone
 * defined, text escaped and lines folded at 75 octets.
 */
import type { Session } from '../session.js';
import { partsIn } from '../nudges/calendar.js';

export interface IcsOptions {
  /** Right-hand side of the UID, e.g. the app's host name. */
  uidDomain: string;
  /** Stamp of this copy. */
  now: Date;
  /** A link back to the session in the tab. */
  url?: string;
  language: 'nl' | 'en';
  /** Calendar name in the PRODID. */
  product?: string;
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line to at most 75 octets per physical line, never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
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

/** "20270310T120000" in Europe/Amsterdam local time. */
export function amsterdamLocal(iso: string | Date): string {
  const p = partsIn(typeof iso === 'string' ? new Date(iso) : iso, 'Europe/Amsterdam');
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)}T${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}

const utcStamp = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Europe/Amsterdam as the EU defines summer time since 1996 (last Sunday of March and October). */
const AMSTERDAM_ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
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
];

export function sessionUid(session: Pick<Session, 'id' | 'municipalityId'>, domain: string): string {
  return `session-${session.id}.${session.municipalityId}@${domain}`;
}

export function sessionIcs(session: Session, options: IcsOptions): string {
  const location = [session.location, session.onlineMeetingUrl ? 'Online (Microsoft Teams)' : undefined]
    .filter(Boolean)
    .join(' · ');
  const description = [
    session.description,
    session.onlineMeetingUrl
      ? `${options.language === 'en' ? 'Join' : 'Deelnemen'}: ${session.onlineMeetingUrl}`
      : '',
    options.url ? `MVI Companion: ${options.url}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${options.product ?? 'MVI Companion'}//Sessies//NL`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...AMSTERDAM_ZONE,
    'BEGIN:VEVENT',
    `UID:${sessionUid(session, options.uidDomain)}`,
    `SEQUENCE:${Math.max(0, session.version - 1)}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    `DTSTART;TZID=Europe/Amsterdam:${amsterdamLocal(session.start)}`,
    `DTEND;TZID=Europe/Amsterdam:${amsterdamLocal(session.end)}`,
    `SUMMARY:${escapeIcsText(session.title)}`,
    ...(description ? [`DESCRIPTION:${escapeIcsText(description)}`] : []),
    ...(location ? [`LOCATION:${escapeIcsText(location)}`] : []),
    ...(options.url ? [`URL:${options.url}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeIcsText(session.title)}`,
    'TRIGGER:-PT15M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
