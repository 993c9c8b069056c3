/**
 * Personal data of sessions under the AVG: after a municipality's retention period the
 * attendance and feedback of a session lose everything that points to a person (id, name,
 * check-in times, comment); what the reach needs (status, department, municipality, month,
 * rating) stays, unlinkable. The same happens to one person's data on request (erase).
 */
import type { Attendance, SessionFeedback } from './model.js';

export const DEFAULT_RETENTION_MONTHS = 24;

/** Sessions that ended before this moment are due for anonymisation. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

export const isDueForAnonymisation = (sessionEnd: string, months: number, now: Date): boolean =>
  Date.parse(sessionEnd) < retentionCutoff(now, months).getTime();

/** A stand-in id that links to nobody (`pseudonym` must be random, never derived from the person). */
export const anonymousId = (pseudonym: string): string => `anon-${pseudonym}`;

export function anonymiseAttendance(record: Attendance, pseudonym: string, now: Date): Attendance {
  if (record.anonymised) return record;
  return {
    sessionId: record.sessionId,
    userId: anonymousId(pseudonym),
    ...(record.department ? { department: record.department } : {}),
    ...(record.municipalityId ? { municipalityId: record.municipalityId } : {}),
    status: record.status,
    ...(record.teamsSeconds !== undefined ? { teamsSeconds: record.teamsSeconds } : {}),
    sessionStart: record.sessionStart,
    updatedAt: now.toISOString(),
    anonymised: true,
  };
}

export function anonymiseFeedback(feedback: SessionFeedback, pseudonym: string): SessionFeedback {
  if (feedback.anonymised) return feedback;
  return {
    sessionId: feedback.sessionId,
    userId: anonymousId(pseudonym),
    rating: feedback.rating,
    at: `${feedback.at.slice(0, 10)}T00:00:00.000Z`,
    anonymised: true,
  };
}
