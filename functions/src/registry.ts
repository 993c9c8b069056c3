/** Every function of the app, in one table (see definitions.ts). */
import type { FunctionDefinition } from './definitions.js';
import { adviceHandler, catalogueHandler } from './functions/advice.js';
import { adviceDocxHandler, criteriaExportHandler } from './functions/exports.js';
import {
  createToolboxItemHandler,
  getToolboxItemHandler,
  listToolboxItemsHandler,
  toolboxItemVersionsHandler,
  updateToolboxItemHandler,
} from './functions/toolbox-items.js';
import { healthHandler } from './functions/health.js';
import { meHandler } from './functions/me.js';
import { messagesHandler } from './functions/messages.js';
import {
  checkInCodeHandler,
  checkInHandler,
  checkInWithCodeHandler,
  createSessionHandler,
  getSessionHandler,
  listSessionsHandler,
  registerHandler,
  registrationIcsHandler,
  unregisterHandler,
  updateSessionHandler,
} from './functions/sessions.js';
import {
  attendanceListHandler,
  feedbackSummaryHandler,
  feedbackTimerHandler,
  giveFeedbackHandler,
  importAttendanceHandler,
  markAttendanceHandler,
} from './functions/sessions-attendance.js';
import {
  erasePersonHandler,
  exportPersonHandler,
  getPrivacySettingsHandler,
  privacyAuditHandler,
  putPrivacySettingsHandler,
  retentionTimerHandler,
} from './functions/sessions-privacy.js';
import { reachExportHandler, reachHandler } from './functions/sessions-reports.js';
import {
  getNudgePlanHandler,
  getNudgePreferencesHandler,
  nudgeDeliveryHandler,
  nudgeStatusHandler,
  nudgeTimerHandler,
  putNudgePlanHandler,
  putNudgePreferencesHandler,
} from './functions/nudges.js';
import { importTendersHandler } from './functions/tenders-import.js';
import { integrationTendersHandler } from './functions/tenders-integration.js';
import {
  archiveTenderHandler,
  createTenderHandler,
  getTenderHandler,
  listTendersHandler,
  retryNudgeHandler,
  snoozeTenderHandler,
  updateTenderHandler,
} from './functions/tenders.js';
import { monitoringExportHandler, monitoringHandler, monitoringRegionHandler, recordMviHandler } from './functions/monitoring.js';
import { QUEUES } from './storage/storage.js';
import type { ServicesProvider } from './services.js';

export function buildFunctions(getServices: ServicesProvider): FunctionDefinition[] {
  return [
    { kind: 'http', name: 'health', route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: healthHandler(getServices) },
    { kind: 'http', name: 'me', route: 'me', methods: ['GET'], authLevel: 'anonymous', handler: meHandler(getServices) },
    { kind: 'http', name: 'tenders-list', route: 'tenders', methods: ['GET'], authLevel: 'anonymous', handler: listTendersHandler(getServices) },
    { kind: 'http', name: 'tenders-create', route: 'tenders', methods: ['POST'], authLevel: 'anonymous', handler: createTenderHandler(getServices) },
    { kind: 'http', name: 'tenders-import', route: 'tenders/import', methods: ['POST'], authLevel: 'anonymous', handler: importTendersHandler(getServices) },
    { kind: 'http', name: 'tenders-get', route: 'tenders/{reference}', methods: ['GET'], authLevel: 'anonymous', handler: getTenderHandler(getServices) },
    { kind: 'http', name: 'tenders-update', route: 'tenders/{reference}', methods: ['PUT'], authLevel: 'anonymous', handler: updateTenderHandler(getServices) },
    { kind: 'http', name: 'tenders-archive', route: 'tenders/{reference}/archive', methods: ['POST'], authLevel: 'anonymous', handler: archiveTenderHandler(getServices) },
    { kind: 'http', name: 'tenders-snooze', route: 'tenders/{reference}/snooze', methods: ['PUT'], authLevel: 'anonymous', handler: snoozeTenderHandler(getServices) },
    { kind: 'http', name: 'tenders-mvi', route: 'tenders/{reference}/mvi', methods: ['PUT'], authLevel: 'anonymous', handler: recordMviHandler(getServices) },
    { kind: 'http', name: 'monitoring', route: 'monitoring', methods: ['GET'], authLevel: 'anonymous', handler: monitoringHandler(getServices) },
    { kind: 'http', name: 'monitoring-export', route: 'monitoring/export', methods: ['GET'], authLevel: 'anonymous', handler: monitoringExportHandler(getServices) },
    { kind: 'http', name: 'monitoring-region', route: 'monitoring/region', methods: ['GET'], authLevel: 'anonymous', handler: monitoringRegionHandler(getServices) },
    { kind: 'http', name: 'nudges-retry', route: 'tenders/{reference}/nudges/{stage}/retry', methods: ['POST'], authLevel: 'anonymous', handler: retryNudgeHandler(getServices) },
    { kind: 'http', name: 'integrations-tenders', route: 'integrations/tenders', methods: ['POST'], authLevel: 'anonymous', handler: integrationTendersHandler(getServices) },
    { kind: 'http', name: 'nudges-plan-get', route: 'nudges/plan', methods: ['GET'], authLevel: 'anonymous', handler: getNudgePlanHandler(getServices) },
    { kind: 'http', name: 'nudges-plan-put', route: 'nudges/plan', methods: ['PUT'], authLevel: 'anonymous', handler: putNudgePlanHandler(getServices) },
    { kind: 'http', name: 'nudges-status', route: 'nudges/status', methods: ['GET'], authLevel: 'anonymous', handler: nudgeStatusHandler(getServices) },
    { kind: 'http', name: 'nudge-preferences-get', route: 'me/nudge-preferences', methods: ['GET'], authLevel: 'anonymous', handler: getNudgePreferencesHandler(getServices) },
    { kind: 'http', name: 'nudge-preferences-put', route: 'me/nudge-preferences', methods: ['PUT'], authLevel: 'anonymous', handler: putNudgePreferencesHandler(getServices) },
    { kind: 'timer', name: 'nudges-dispatch', schedule: scheduleFrom('NUDGE_DISPATCH_SCHEDULE', '0 */5 * * * *'), handler: nudgeTimerHandler(getServices) },
    { kind: 'queue', name: 'nudges-deliver', queueName: QUEUES.nudges, connection: 'AzureWebJobsStorage', handler: nudgeDeliveryHandler(getServices) },
    { kind: 'http', name: 'sessions-list', route: 'sessions', methods: ['GET'], authLevel: 'anonymous', handler: listSessionsHandler(getServices) },
    { kind: 'http', name: 'sessions-create', route: 'sessions', methods: ['POST'], authLevel: 'anonymous', handler: createSessionHandler(getServices) },
    { kind: 'http', name: 'sessions-get', route: 'sessions/{id}', methods: ['GET'], authLevel: 'anonymous', handler: getSessionHandler(getServices) },
    { kind: 'http', name: 'sessions-update', route: 'sessions/{id}', methods: ['PUT'], authLevel: 'anonymous', handler: updateSessionHandler(getServices) },
    { kind: 'http', name: 'sessions-register', route: 'sessions/{id}/registration', methods: ['POST'], authLevel: 'anonymous', handler: registerHandler(getServices) },
    { kind: 'http', name: 'sessions-unregister', route: 'sessions/{id}/registration/cancel', methods: ['POST'], authLevel: 'anonymous', handler: unregisterHandler(getServices) },
    { kind: 'http', name: 'sessions-ics', route: 'sessions/{id}/registration.ics', methods: ['GET'], authLevel: 'anonymous', handler: registrationIcsHandler(getServices) },
    { kind: 'http', name: 'sessions-check-in', route: 'sessions/{id}/check-in', methods: ['POST'], authLevel: 'anonymous', handler: checkInHandler(getServices) },
    { kind: 'http', name: 'sessions-check-in-code', route: 'sessions/{id}/check-in-code', methods: ['GET'], authLevel: 'anonymous', handler: checkInCodeHandler(getServices) },
    { kind: 'http', name: 'check-in', route: 'check-in', methods: ['POST'], authLevel: 'anonymous', handler: checkInWithCodeHandler(getServices) },
    { kind: 'http', name: 'sessions-attendance', route: 'sessions/{id}/attendance', methods: ['GET'], authLevel: 'anonymous', handler: attendanceListHandler(getServices) },
    { kind: 'http', name: 'sessions-attendance-import', route: 'sessions/{id}/attendance/import', methods: ['POST'], authLevel: 'anonymous', handler: importAttendanceHandler(getServices) },
    { kind: 'http', name: 'sessions-attendance-mark', route: 'sessions/{id}/attendance/{userId}', methods: ['PUT'], authLevel: 'anonymous', handler: markAttendanceHandler(getServices) },
    { kind: 'http', name: 'sessions-feedback', route: 'sessions/{id}/feedback', methods: ['POST'], authLevel: 'anonymous', handler: giveFeedbackHandler(getServices) },
    { kind: 'http', name: 'sessions-feedback-summary', route: 'sessions/{id}/feedback', methods: ['GET'], authLevel: 'anonymous', handler: feedbackSummaryHandler(getServices) },
    { kind: 'http', name: 'reports-reach', route: 'reports/reach', methods: ['GET'], authLevel: 'anonymous', handler: reachHandler(getServices) },
    { kind: 'http', name: 'reports-reach-export', route: 'reports/reach/export', methods: ['GET'], authLevel: 'anonymous', handler: reachExportHandler(getServices) },
    { kind: 'http', name: 'privacy-settings-get', route: 'privacy/settings', methods: ['GET'], authLevel: 'anonymous', handler: getPrivacySettingsHandler(getServices) },
    { kind: 'http', name: 'privacy-settings-put', route: 'privacy/settings', methods: ['PUT'], authLevel: 'anonymous', handler: putPrivacySettingsHandler(getServices) },
    { kind: 'http', name: 'privacy-person-export', route: 'privacy/people/{userId}/export', methods: ['GET'], authLevel: 'anonymous', handler: exportPersonHandler(getServices) },
    { kind: 'http', name: 'privacy-person-erase', route: 'privacy/people/{userId}/erase', methods: ['POST'], authLevel: 'anonymous', handler: erasePersonHandler(getServices) },
    { kind: 'http', name: 'privacy-audit', route: 'privacy/audit', methods: ['GET'], authLevel: 'anonymous', handler: privacyAuditHandler(getServices) },
    { kind: 'timer', name: 'sessions-retention', schedule: scheduleFrom('SESSION_RETENTION_SCHEDULE', '0 30 2 * * *'), handler: retentionTimerHandler(getServices) },
    { kind: 'timer', name: 'sessions-feedback-requests', schedule: scheduleFrom('SESSION_FEEDBACK_SCHEDULE', '0 */15 * * * *'), handler: feedbackTimerHandler(getServices) },
    { kind: 'http', name: 'advice', route: 'advice', methods: ['POST'], authLevel: 'anonymous', handler: adviceHandler(getServices) },
    { kind: 'http', name: 'catalogue', route: 'catalogue', methods: ['GET'], authLevel: 'anonymous', handler: catalogueHandler(getServices) },
    { kind: 'http', name: 'advice-docx', route: 'advice/{id}/criteria.docx', methods: ['GET'], authLevel: 'anonymous', handler: adviceDocxHandler(getServices) },
    { kind: 'http', name: 'criteria-export', route: 'exports/criteria', methods: ['POST'], authLevel: 'anonymous', handler: criteriaExportHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-list', route: 'toolbox-items', methods: ['GET'], authLevel: 'anonymous', handler: listToolboxItemsHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-create', route: 'toolbox-items', methods: ['POST'], authLevel: 'anonymous', handler: createToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-get', route: 'toolbox-items/{id}', methods: ['GET'], authLevel: 'anonymous', handler: getToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-update', route: 'toolbox-items/{id}', methods: ['PUT'], authLevel: 'anonymous', handler: updateToolboxItemHandler(getServices) },
    { kind: 'http', name: 'toolbox-items-versions', route: 'toolbox-items/{id}/versions', methods: ['GET'], authLevel: 'anonymous', handler: toolboxItemVersionsHandler(getServices) },
    { kind: 'http', name: 'messages', route: 'messages', methods: ['POST'], authLevel: 'anonymous', handler: messagesHandler(getServices) },
  ];
}

/** A timer's schedule from the environment (registration happens before services exist). */
function scheduleFrom(key: string, fallback: string): string {
  const fromEnv = process.env[key];
  return fromEnv && fromEnv.trim() ? fromEnv.trim() : fallback;
}
