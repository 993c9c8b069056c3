/** Writes the demo data; idempotent (every write is an upsert by a stable key). */
import {
  session,
  tender,
  type Tender,
  type Session,
  type ToolboxItem,
  type Clock,
  type MemberDirectory,
  type MunicipalityRepository,
  type SessionRepository,
  type TenderRepository,
} from '../../core/src/index.js';
import type { Attendance } from '../../core/src/sessions/index.js';
import {
  DEMO_MUNICIPALITIES,
  DEMO_SHARING,
  demoHistory,
  demoMemberships,
  demoSessions,
  demoTenders,
  demoToolboxItems,
} from './demo-data.js';

export interface SeedTargets {
  /** Creates an item unless it exists (seeding never overwrites what the MVI team edited). */
  createToolboxItemIfMissing(item: ToolboxItem): Promise<void>;
  municipalities: MunicipalityRepository;
  members: MemberDirectory;
  tenders: TenderRepository;
  sessions: SessionRepository;
  /** Writes a past attendance record; only given when the demo history is wanted. */
  recordAttendance?: (attendance: Attendance, session: Session) => Promise<void>;
  /** Puts a tender with a recorded MVI in the region's summary of the neighbours' tenders. */
  recordNeighbour?: (tender: Tender) => Promise<void>;
  /** Sets a municipality's sharing choice unless its MVI team made one. */
  shareIfUnset?: (choice: (typeof DEMO_SHARING)[number]) => Promise<void>;
}

export async function seedDemoData(
  repos: SeedTargets,
  clock: Clock,
): Promise<{ tenders: number; sessions: number; users: number }> {
  const today = clock.now();
  await Promise.all(DEMO_MUNICIPALITIES.map((m) => repos.municipalities.upsert(m)));
  const memberships = demoMemberships();
  await Promise.all(memberships.map((m) => repos.members.upsert(m)));
  const tenders = demoTenders(today).map((t) => tender.parse(t));
  await Promise.all(tenders.map((t) => repos.tenders.upsert(t)));
  if (repos.recordNeighbour) {
    const record = repos.recordNeighbour;
    await Promise.all(tenders.filter((t) => t.mvi).map((t) => record(t)));
  }
  if (repos.shareIfUnset) await Promise.all(DEMO_SHARING.map(repos.shareIfUnset));
  const sessions = demoSessions(today).map((s) => session.parse(s));
  await Promise.all(sessions.map((s) => repos.sessions.upsert(s)));
  if (repos.recordAttendance) {
    const history = demoHistory(today);
    const past = history.sessions.map((s) => session.parse(s));
    await Promise.all(past.map((s) => repos.sessions.upsert(s)));
    const byId = new Map(past.map((s) => [s.id, s]));
    for (const a of history.attendance) await repos.recordAttendance(a, byId.get(a.sessionId)!);
    sessions.push(...past);
  }
  const items = demoToolboxItems(today);
  await Promise.all(items.map((i) => repos.createToolboxItemIfMissing(i)));
  return { tenders: tenders.length, sessions: sessions.length, users: memberships.length };
}
