/** Writes the demo data; idempotent (every write is an upsert by a stable key). */
import { session, tender, type ToolboxItem, type Clock, type MemberDirectory, type MunicipalityRepository, type SessionRepository, type TenderRepository } from '../../core/src/index.js';
import { DEMO_MUNICIPALITIES, demoMemberships, demoSessions, demoTenders, demoToolboxItems } from './demo-data.js';

export interface SeedTargets {
  /** Creates an item unless it exists (seeding never overwrites what the MVI team edited). */
  createToolboxItemIfMissing(item: ToolboxItem): Promise<void>;
  municipalities: MunicipalityRepository;
  members: MemberDirectory;
  tenders: TenderRepository;
  sessions: SessionRepository;
}

export async function seedDemoData(repos: SeedTargets, clock: Clock): Promise<{ tenders: number; sessions: number; users: number }> {
  const today = clock.now();
  await Promise.all(DEMO_MUNICIPALITIES.map((m) => repos.municipalities.upsert(m)));
  const memberships = demoMemberships();
  await Promise.all(memberships.map((m) => repos.members.upsert(m)));
  const tenders = demoTenders(today).map((t) => tender.parse(t));
  await Promise.all(tenders.map((t) => repos.tenders.upsert(t)));
  const sessions = demoSessions(today).map((s) => session.parse(s));
  await Promise.all(sessions.map((s) => repos.sessions.upsert(s)));
  const items = demoToolboxItems(today);
  await Promise.all(items.map((i) => repos.createToolboxItemIfMissing(i)));
  return { tenders: tenders.length, sessions: sessions.length, users: memberships.length };
}
