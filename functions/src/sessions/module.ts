/**
 * Sessions and attendance, composed once per process: the stores, the department directory,
 * Graph (shared with the nudges), and the services the HTTP functions, the bot and the
 * timers call. Nothing here does I/O until it is used.
 */
import { randomBytes } from 'node:crypto';
import type { BotLinks } from '../../../bot/src/ports.js';
import type { Clock, MemberDirectory, MunicipalityRepository } from '../../../core/src/index.js';
import { feedbackWrite, parseWith, type SessionActions } from '../../../core/src/sessions/index.js';
import type { BackendConfig } from '../config.js';
import type { ActivityFeed } from '../graph/activity-feed.js';
import type { GraphGateway } from '../graph/gateway.js';
import {
  createAttendanceStore,
  createImportStore,
  createSessionFeedbackStore,
} from '../storage/session-attendance.js';
import { createCheckInAttemptStore } from '../storage/session-checkin-attempts.js';
import { createExpertQuestionStore } from '../storage/expert-store.js';
import { createPrivacyStore } from '../storage/session-privacy.js';
import { createRegistrationStore } from '../storage/session-registrations.js';
import { createSessionStore } from '../storage/session-store.js';
import type { Storage } from '../storage/storage.js';
import type { SessionDeps } from './context.js';
import { createDepartmentDirectory } from './departments.js';
import { askForFeedback } from './followup.js';
import { erasePerson, exportPerson, privacySettingsOf, runRetention } from './privacy.js';
import { parseRange, reachFor } from './reports.js';
import { createSessionService } from './service.js';
import { importTeamsAttendance } from './teams-import.js';

export interface SessionModuleDeps {
  config: Pick<
    BackendConfig,
    | 'SESSION_CHECKIN_MARGIN_MINUTES'
    | 'SESSION_CHECKIN_MAX_FAILURES'
    | 'SESSION_CHECKIN_WINDOW_MINUTES'
    | 'SESSION_RETENTION_MONTHS'
    | 'GRAPH_BASE_URL'
    | 'TAB_BASE_URL'
  >;
  storage: Storage;
  municipalities: MunicipalityRepository;
  members: MemberDirectory;
  clock: Clock;
  links: BotLinks;
  /** Graph and the activity feed, shared with the nudges (created on first use). */
  graph: () => GraphGateway;
  feed: () => ActivityFeed | undefined;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export function createSessionModule(options: SessionModuleDeps) {
  const log =
    options.log ?? ((level, message) => (level === 'info' ? console.log(message) : console[level](message)));
  const graphFor: SessionDeps['graphFor'] = (tenantId) => {
    const gateway = options.graph();
    return gateway.configured ? gateway.forTenant(tenantId) : undefined;
  };
  const deps: SessionDeps = {
    sessions: createSessionStore(options.storage),
    registrations: createRegistrationStore(options.storage),
    attendance: createAttendanceStore(options.storage),
    feedback: createSessionFeedbackStore(options.storage),
    imports: createImportStore(options.storage),
    checkInAttempts: createCheckInAttemptStore(options.storage),
    privacy: createPrivacyStore(options.storage),
    municipalities: options.municipalities,
    members: options.members,
    departments: createDepartmentDirectory({
      graphFor,
      members: options.members,
      log: (m) => log('warn', m),
    }),
    graphFor,
    feed: options.feed,
    clock: options.clock,
    links: options.links,
    settings: {
      checkInMarginMinutes: options.config.SESSION_CHECKIN_MARGIN_MINUTES,
      checkInAttempts: {
        maxFailures: options.config.SESSION_CHECKIN_MAX_FAILURES,
        windowMinutes: options.config.SESSION_CHECKIN_WINDOW_MINUTES,
      },
      defaultRetentionMonths: options.config.SESSION_RETENTION_MONTHS,
      graphBaseUrl: options.config.GRAPH_BASE_URL,
      uidDomain: new URL(options.config.TAB_BASE_URL).hostname,
    },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
    expertQuestions: createExpertQuestionStore(options.storage),
  };
  const service = createSessionService(deps);
  const actions: SessionActions = {
    overview: (actor) => service.overview(actor),
    register: (actor, id) => service.register(actor, id),
    unregister: (actor, id) => service.unregister(actor, id),
    checkIn: (actor, id, code) => service.checkIn(actor, id, { code, via: 'bot' }),
    feedback: (actor, id, input) =>
      service.giveFeedback(
        actor,
        id,
        parseWith(feedbackWrite, input, { nl: 'Uw beoordeling', en: 'Your rating' }),
      ),
  };
  return {
    deps,
    service,
    /** What the bot may do. */
    actions,
    importTeams: (actor: Parameters<typeof importTeamsAttendance>[1], id: string) =>
      importTeamsAttendance(deps, actor, id),
    reach: (actor: Parameters<typeof reachFor>[1], from: string | null, to: string | null) =>
      reachFor(deps, actor, parseRange(from, to, options.clock.now())),
    privacySettings: (municipalityId: string) => privacySettingsOf(deps, municipalityId),
    savePrivacySettings: (municipalityId: string, value: { retentionMonths: number }) =>
      deps.privacy.saveSettings(municipalityId, value),
    auditTrail: (municipalityId: string) => deps.privacy.auditTrail(municipalityId),
    exportPerson: (actor: Parameters<typeof exportPerson>[1], userId: string) =>
      exportPerson(deps, actor, userId),
    erasePerson: (actor: Parameters<typeof erasePerson>[1], userId: string) =>
      erasePerson(deps, actor, userId),
    runRetention: () => runRetention(deps),
    askForFeedback: () => askForFeedback(deps),
  };
}

export type SessionModule = ReturnType<typeof createSessionModule>;
