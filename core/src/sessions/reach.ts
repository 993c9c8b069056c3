/**
 * Reach of the sessions for the MVI team: attendance per session, unique people reached over
 * time, per department and per municipality, and repeat attendance. Only `present` counts.
 * Anonymised records still count as attendances (per department, municipality and month),
 * but cannot count as people: nobody can tell whether two of them were the same person.
 */
import type { Session } from '../session.js';
import type { Attendance, SessionFeedback } from './model.js';

export interface ReachInput {
  sessions: readonly Pick<
    Session,
    'id' | 'title' | 'type' | 'start' | 'end' | 'municipalityId' | 'capacity' | 'regionWide'
  >[];
  attendance: readonly Pick<
    Attendance,
    'sessionId' | 'userId' | 'status' | 'department' | 'municipalityId' | 'anonymised'
  >[];
  /** Registered (not waiting, not cancelled) per session id. */
  registered: ReadonlyMap<string, number>;
  feedback: readonly Pick<SessionFeedback, 'sessionId' | 'rating'>[];
}

export interface SessionReach {
  id: string;
  title: string;
  type: string;
  start: string;
  municipalityId: string;
  regionWide: boolean;
  capacity: number | null;
  registered: number;
  present: number;
  /** Registered but not present. */
  noShow: number;
  ratings: number;
  averageRating: number | null;
}

export interface MonthReach {
  /** YYYY-MM in Europe/Amsterdam. */
  month: string;
  sessions: number;
  attendances: number;
  /** People reached for the first time this month. */
  newPeople: number;
  /** People reached so far (cumulative unique). */
  cumulativePeople: number;
}

export interface GroupReach {
  /** Department or municipality id; '' when unknown. */
  key: string;
  people: number;
  attendances: number;
}

export interface ReachReport {
  totals: {
    sessions: number;
    attendances: number;
    uniquePeople: number;
    /** People who came to two sessions or more. */
    repeatPeople: number;
    anonymousAttendances: number;
    averageRating: number | null;
  };
  repeat: { once: number; twice: number; threeOrMore: number };
  sessions: SessionReach[];
  months: MonthReach[];
  departments: GroupReach[];
  municipalities: GroupReach[];
}

export const monthOf = (iso: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(new Date(iso))
    .slice(0, 7);

const round2 = (n: number): number => Math.round(n * 100) / 100;
const average = (values: readonly number[]): number | null =>
  values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null;

function groups(
  records: ReachInput['attendance'],
  keyOf: (r: ReachInput['attendance'][number]) => string,
): GroupReach[] {
  const map = new Map<string, { people: Set<string>; attendances: number }>();
  for (const r of records) {
    const key = keyOf(r);
    const entry = map.get(key) ?? { people: new Set<string>(), attendances: 0 };
    entry.attendances++;
    if (!r.anonymised) entry.people.add(r.userId);
    map.set(key, entry);
  }
  return [...map.entries()]
    .map(([key, v]) => ({ key, people: v.people.size, attendances: v.attendances }))
    .sort((a, b) => b.people - a.people || b.attendances - a.attendances || a.key.localeCompare(b.key));
}

export function reachReport(input: ReachInput): ReachReport {
  const sessions = [...input.sessions].sort(
    (a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
  );
  const known = new Set(sessions.map((s) => s.id));
  const present = input.attendance.filter((a) => a.status === 'present' && known.has(a.sessionId));
  const bySession = new Map<string, typeof present>();
  for (const a of present) bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), a]);
  const ratings = new Map<string, number[]>();
  for (const f of input.feedback)
    if (known.has(f.sessionId)) ratings.set(f.sessionId, [...(ratings.get(f.sessionId) ?? []), f.rating]);

  const perSession: SessionReach[] = sessions.map((s) => {
    const came = bySession.get(s.id) ?? [];
    const registered = input.registered.get(s.id) ?? 0;
    const r = ratings.get(s.id) ?? [];
    return {
      id: s.id,
      title: s.title,
      type: s.type,
      start: s.start,
      municipalityId: s.municipalityId,
      regionWide: s.regionWide,
      capacity: s.capacity ?? null,
      registered,
      present: came.length,
      noShow: Math.max(0, registered - came.length),
      ratings: r.length,
      averageRating: average(r),
    };
  });

  const identified = present.filter((a) => !a.anonymised);
  const countPerPerson = new Map<string, number>();
  for (const a of identified) countPerPerson.set(a.userId, (countPerPerson.get(a.userId) ?? 0) + 1);
  const counts = [...countPerPerson.values()];

  const startOf = new Map(sessions.map((s) => [s.id, s.start]));
  const seen = new Set<string>();
  const months = new Map<string, MonthReach>();
  for (const s of sessions) {
    const month = monthOf(s.start);
    const m = months.get(month) ?? { month, sessions: 0, attendances: 0, newPeople: 0, cumulativePeople: 0 };
    m.sessions++;
    months.set(month, m);
  }
  const chronological = [...present].sort((a, b) =>
    (startOf.get(a.sessionId) ?? '').localeCompare(startOf.get(b.sessionId) ?? ''),
  );
  for (const a of chronological) {
    const m = months.get(monthOf(startOf.get(a.sessionId)!))!;
    m.attendances++;
    if (!a.anonymised && !seen.has(a.userId)) {
      seen.add(a.userId);
      m.newPeople++;
    }
  }
  let cumulative = 0;
  const monthList = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  for (const m of monthList) {
    cumulative += m.newPeople;
    m.cumulativePeople = cumulative;
  }

  return {
    totals: {
      sessions: sessions.length,
      attendances: present.length,
      uniquePeople: countPerPerson.size,
      repeatPeople: counts.filter((c) => c >= 2).length,
      anonymousAttendances: present.length - identified.length,
      averageRating: average(input.feedback.filter((f) => known.has(f.sessionId)).map((f) => f.rating)),
    },
    repeat: {
      once: counts.filter((c) => c === 1).length,
      twice: counts.filter((c) => c === 2).length,
      threeOrMore: counts.filter((c) => c >= 3).length,
    },
    sessions: perSession,
    months: monthList,
    departments: groups(present, (a) => a.department ?? ''),
    municipalities: groups(present, (a) => a.municipalityId ?? ''),
  };
}
