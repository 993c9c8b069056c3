/** What the session services share: stores, directories, Graph, the clock and settings. */
import type { BotLinks, ExpertQuestionStore } from '../../../bot/src/ports.js';
import {
  notFound,
  type Clock,
  type MemberDirectory,
  type MunicipalityRepository,
  type Session,
} from '../../../core/src/index.js';
import type { CheckInAttemptLimit, SessionActor } from '../../../core/src/sessions/index.js';
import { canSeeSession } from '../../../core/src/sessions/index.js';
import type { ActivityFeed } from '../graph/activity-feed.js';
import type { GraphApi } from '../graph/client.js';
import type { AttendanceStore, FeedbackStore, ImportStore } from '../storage/session-attendance.js';
import type { CheckInAttemptStore } from '../storage/session-checkin-attempts.js';
import type { PrivacyStore } from '../storage/session-privacy.js';
import type { RegistrationStore, SessionRef } from '../storage/session-registrations.js';
import {
  regionPartition,
  sessionKey,
  type SessionStore,
  type StoredSession,
} from '../storage/session-store.js';
import type { DepartmentDirectory } from './departments.js';

export interface SessionSettings {
  checkInMarginMinutes: number;
  /** Wrong check-in codes per person per window. */
  checkInAttempts: CheckInAttemptLimit;
  defaultRetentionMonths: number;
  graphBaseUrl: string;
  /** Right-hand side of calendar UIDs. */
  uidDomain: string;
}

export interface SessionDeps {
  sessions: SessionStore;
  registrations: RegistrationStore;
  attendance: AttendanceStore;
  feedback: FeedbackStore;
  imports: ImportStore;
  checkInAttempts: CheckInAttemptStore;
  privacy: PrivacyStore;
  municipalities: MunicipalityRepository;
  members: MemberDirectory;
  departments: DepartmentDirectory;
  /** Graph for a tenant; undefined when Graph is not configured. */
  graphFor(tenantId: string): GraphApi | undefined;
  /** The activity feed, when Graph is configured. */
  feed(): ActivityFeed | undefined;
  clock: Clock;
  links: BotLinks;
  settings: SessionSettings;
  randomBytes(size: number): Uint8Array;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Questions people asked the MVI team: personal data under the same export, erase and retention. */
  expertQuestions?: ExpertQuestionStore;
}

export const sessionNotFound = (): Error =>
  notFound({
    nl: 'Deze sessie bestaat niet, of is niet voor uw gemeente.',
    en: 'This session does not exist, or is not for your municipality.',
  });

export const refOf = (session: Session): SessionRef => ({
  key: sessionKey(session),
  id: session.id,
  capacity: session.capacity,
});

/** The region of a municipality (itself when unknown). */
export async function regionOf(deps: SessionDeps, municipalityId: string): Promise<string> {
  return (await deps.municipalities.get(municipalityId))?.regionId ?? municipalityId;
}

/** The partitions whose sessions a person may see: their municipality's and their region's. */
export async function partitionsOf(
  deps: SessionDeps,
  actor: Pick<SessionActor, 'municipalityId'>,
): Promise<{ region: string; partitions: string[] }> {
  const region = await regionOf(deps, actor.municipalityId);
  return { region, partitions: [actor.municipalityId, regionPartition(region)] };
}

/** The session if the person may see it; not-found otherwise (never says it exists elsewhere). */
export async function loadVisible(
  deps: SessionDeps,
  actor: SessionActor,
  id: string,
): Promise<StoredSession & { region: string }> {
  if (!/^[a-z0-9-]{3,64}$/.test(id)) throw sessionNotFound();
  const { region, partitions } = await partitionsOf(deps, actor);
  const found = await deps.sessions.find(partitions, id);
  if (!found || !canSeeSession(actor, region, found.session)) throw sessionNotFound();
  return { ...found, region };
}

/** Runs `fn` over items with at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
