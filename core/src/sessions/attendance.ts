/**
 * Attendance: when check-in is open, what a check-in code looks like, and how every kind of
 * evidence (room code, button, Teams, organiser) folds into one record per person. Folding
 * is idempotent: the same evidence twice gives the same record, so retries and concurrent
 * check-ins cannot create a second record or change the first.
 */
import type { Session } from '../session.js';
import type { Attendance, AttendanceStatus, SelfCheckInChannel } from './model.js';

export const DEFAULT_CHECK_IN_MARGIN_MINUTES = 15;

export interface CheckInWindow {
  opens: Date;
  closes: Date;
}

/** Check-in opens `marginMinutes` before the start and closes at the end. */
export function checkInWindow(
  session: Pick<Session, 'start' | 'end'>,
  marginMinutes = DEFAULT_CHECK_IN_MARGIN_MINUTES,
): CheckInWindow {
  return {
    opens: new Date(Date.parse(session.start) - marginMinutes * 60_000),
    closes: new Date(session.end),
  };
}

export function checkInState(
  session: Pick<Session, 'start' | 'end'>,
  now: Date,
  marginMinutes = DEFAULT_CHECK_IN_MARGIN_MINUTES,
): 'not-yet' | 'open' | 'closed' {
  const { opens, closes } = checkInWindow(session, marginMinutes);
  if (now < opens) return 'not-yet';
  return now <= closes ? 'open' : 'closed';
}

export const hasEnded = (session: Pick<Session, 'end'>, now: Date): boolean =>
  now.getTime() >= Date.parse(session.end);

/** Letters and digits that cannot be mistaken for each other on a screen (no 0/O, 1/I/L). */
export const CHECK_IN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECK_IN_CODE_LENGTH = 6;

/** A code from random bytes (one byte per character; the small bias does not matter for a 15-minute-to-hours window). */
export function checkInCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CHECK_IN_CODE_LENGTH)
    throw new RangeError(`a check-in code needs ${CHECK_IN_CODE_LENGTH} random bytes`);
  return Array.from(
    bytes.slice(0, CHECK_IN_CODE_LENGTH),
    (b) => CHECK_IN_ALPHABET[b % CHECK_IN_ALPHABET.length],
  ).join('');
}

/** What a person typed ("ab3 k7x", "AB3-K7X") as a code, or undefined when it cannot be one. */
export function normaliseCheckInCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${CHECK_IN_ALPHABET}]{${CHECK_IN_CODE_LENGTH}}$`).test(code) ? code : undefined;
}

export type AttendanceEvidence =
  | { kind: 'code'; at: Date }
  | { kind: 'self'; at: Date; via: SelfCheckInChannel }
  | { kind: 'teams'; seconds: number }
  | { kind: 'organiser'; status: 'present' | 'absent'; by: string; at: Date };

export interface AttendancePerson {
  userId: string;
  displayName?: string | undefined;
  department?: string | undefined;
  municipalityId?: string | undefined;
}

/** The status the evidence adds up to: the organiser's word, else a code or Teams, else a self check-in. */
export function deriveStatus(
  record: Pick<Attendance, 'organiser' | 'codeAt' | 'selfAt' | 'teamsSeconds'>,
  requiresApproval: boolean,
): AttendanceStatus {
  if (record.organiser) return record.organiser.status;
  if (record.codeAt || (record.teamsSeconds ?? 0) > 0) return 'present';
  if (record.selfAt) return requiresApproval ? 'pending' : 'present';
  return 'absent';
}

const earliest = (a: string | undefined, b: Date): string =>
  a && Date.parse(a) <= b.getTime() ? a : b.toISOString();

/**
 * The record after adding one piece of evidence. Returns the existing record itself when
 * nothing changes, so callers can skip the write.
 */
export function foldAttendance(
  existing: Attendance | undefined,
  evidence: AttendanceEvidence,
  context: {
    session: Pick<Session, 'id' | 'start' | 'requiresApproval'>;
    person: AttendancePerson;
    now: Date;
  },
): Attendance {
  const base: Attendance = existing ?? {
    sessionId: context.session.id,
    userId: context.person.userId,
    ...(context.person.displayName ? { displayName: context.person.displayName } : {}),
    ...(context.person.department ? { department: context.person.department } : {}),
    ...(context.person.municipalityId ? { municipalityId: context.person.municipalityId } : {}),
    status: 'absent',
    sessionStart: context.session.start,
    updatedAt: context.now.toISOString(),
    anonymised: false,
  };
  let next: Attendance = { ...base };
  switch (evidence.kind) {
    case 'code':
      next.codeAt = earliest(base.codeAt, evidence.at);
      break;
    case 'self':
      if (!base.selfAt || Date.parse(base.selfAt) > evidence.at.getTime()) {
        next.selfAt = evidence.at.toISOString();
        next.selfVia = evidence.via;
      }
      break;
    case 'teams':
      next.teamsSeconds = Math.max(0, Math.round(evidence.seconds));
      break;
    case 'organiser':
      if (base.organiser?.status !== evidence.status)
        next.organiser = { status: evidence.status, by: evidence.by, at: evidence.at.toISOString() };
      break;
  }
  // Fill in what an earlier source did not know (a Teams import knows no department).
  if (!next.department && context.person.department && !next.anonymised)
    next = { ...next, department: context.person.department };
  if (!next.displayName && context.person.displayName && !next.anonymised)
    next = { ...next, displayName: context.person.displayName };
  next.status = deriveStatus(next, context.session.requiresApproval);
  if (existing && sameEvidence(existing, next)) return existing;
  return { ...next, updatedAt: context.now.toISOString() };
}

function sameEvidence(a: Attendance, b: Attendance): boolean {
  return (
    a.status === b.status &&
    a.codeAt === b.codeAt &&
    a.selfAt === b.selfAt &&
    a.selfVia === b.selfVia &&
    a.teamsSeconds === b.teamsSeconds &&
    a.organiser?.status === b.organiser?.status &&
    a.department === b.department &&
    a.displayName === b.displayName
  );
}

/** Re-derives the status after the session's approval setting changed. */
export function restatus(record: Attendance, requiresApproval: boolean): Attendance {
  const status = deriveStatus(record, requiresApproval);
  return status === record.status ? record : { ...record, status };
}
