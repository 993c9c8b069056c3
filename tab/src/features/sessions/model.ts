/** What the sessions pages read from the API (types only: the schemas live in core). */
import type {
  AttendanceImport,
  AttendanceList,
  CheckInDisplay as CoreCheckInDisplay,
  FeedbackSummary,
  PersonRow,
  ReachReport,
  SessionView,
} from '../../../../core/src/sessions/index.js';
import type { Language } from '../../i18n/index.js';

export type { AttendanceImport, AttendanceList, FeedbackSummary, PersonRow, ReachReport, SessionView };

/** The API adds the QR code (SVG) to the check-in display. */
export type CheckInDisplay = CoreCheckInDisplay & { qrSvg: string };

export const isOrganiser = (roles: readonly string[]): boolean =>
  roles.includes('organiser') || roles.includes('mvi-admin');

/** "09:30" in Europe/Amsterdam. */
export const timeOf = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));

/** The date (YYYY-MM-DD) and time (HH:MM) of an instant in Europe/Amsterdam. */
export function amsterdamParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  return {
    date: d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }),
    time: d.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }),
  };
}

/** A date and time on the wall clock in Amsterdam as ISO 8601 with its offset (+01:00 in winter, +02:00 in summer). */
export function amsterdamIso(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  for (const offset of ['+01:00', '+02:00']) {
    const iso = `${date}T${time}:00${offset}`;
    const back = amsterdamParts(iso);
    if (back.date === date && back.time === time) return iso;
  }
  return undefined;
}
