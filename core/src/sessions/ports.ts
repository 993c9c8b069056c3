/** What the tab, the bot and the API see of a session, and what the bot may do with one. */
import type { Role } from '../identity.js';
import type { Session } from '../session.js';
import type { AttendanceStatus, FeedbackWrite, RegistrationStatus } from './model.js';

/** Who acts: a signed-in user (API) or a member writing to the bot (roles: employee). */
export interface SessionActor {
  readonly userId: string;
  readonly tenantId: string;
  readonly municipalityId: string;
  readonly displayName: string;
  readonly department?: string | undefined;
  readonly roles: readonly Role[];
}

export interface SessionView {
  id: string;
  type: Session['type'];
  title: string;
  description: string;
  themes: string[];
  start: string;
  end: string;
  location: string | null;
  onlineMeetingUrl: string | null;
  capacity: number | null;
  regionWide: boolean;
  requiresApproval: boolean;
  seriesId: string | null;
  municipalityId: string;
  organiserIds: string[];
  version: number;
  counts: { registered: number; waitlisted: number; placesLeft: number | null };
  me: {
    registration: Exclude<RegistrationStatus, 'cancelled'> | null;
    waitlistPosition: number | null;
    attendance: AttendanceStatus | null;
    feedbackGiven: boolean;
  };
  checkIn: 'not-yet' | 'open' | 'closed';
  ended: boolean;
  canManage: boolean;
  /** Only for those who manage the session. */
  teams?: { organizerId: string | null; meetingId: string | null };
}

export interface SessionOverview {
  upcoming: SessionView[];
  /** Sessions the person attended recently and has not rated yet. */
  feedbackDue: SessionView[];
}

/** The bot's way into sessions; every method throws DomainErrors the bot turns into a reply. */
export interface SessionActions {
  overview(actor: SessionActor): Promise<SessionOverview>;
  register(actor: SessionActor, sessionId: string): Promise<SessionView>;
  unregister(actor: SessionActor, sessionId: string): Promise<SessionView>;
  checkIn(actor: SessionActor, sessionId: string, code: string | undefined): Promise<SessionView>;
  feedback(actor: SessionActor, sessionId: string, input: FeedbackWrite): Promise<SessionView>;
}
