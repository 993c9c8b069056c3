/** What the session API answers, as the tab reads it (types only). */
import type { Attendance, AttendanceImport } from './model.js';

export interface PersonRow {
  userId: string;
  displayName: string;
  department: string | null;
  municipalityId: string | null;
  registration: 'registered' | 'waitlisted' | 'cancelled' | null;
  waitlistPosition: number | null;
  attendance: Attendance['status'] | null;
  /** How the person was seen: code, tab, bot, teams, organiser. */
  evidence: string[];
  teamsMinutes: number | null;
  checkedInAt: string | null;
}

export interface AttendanceList {
  people: PersonRow[];
  import: AttendanceImport | null;
  counts: { registered: number; waitlisted: number; present: number; pending: number };
}

export interface FeedbackSummary {
  count: number;
  average: number | null;
  distribution: number[];
  comments: { rating: number; comment: string; at: string }[];
}

export interface CheckInDisplay {
  code: string;
  url: string;
  opens: string;
  closes: string;
  state: 'not-yet' | 'open' | 'closed';
}
