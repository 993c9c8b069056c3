import type { HttpHandler, TimerHandler } from '@azure/functions';
import { z } from 'zod';
import { parseWith, privacySettings } from '../../../core/src/sessions/index.js';
import { api } from '../http/api.js';
import { json, readJson } from '../http/respond.js';
import { createConversationMemory } from '../storage/conversation-memory.js';
import type { ServicesProvider } from '../services.js';

/** GET /api/privacy/settings (MVI team): the retention period of the municipality's session data. */
export const getPrivacySettingsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ principal, services }) =>
    json(200, await services.sessions.privacySettings(principal.municipalityId)),
  );

/** PUT /api/privacy/settings {retentionMonths} (MVI team). */
export const putPrivacySettingsHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) => {
    const value = parseWith(privacySettings, await readJson(request), {
      nl: 'De bewaartermijn',
      en: 'The retention period',
    });
    await services.sessions.savePrivacySettings(principal.municipalityId, value);
    return json(200, await services.sessions.privacySettings(principal.municipalityId));
  });

const userIdParam = z.uuid();
const PERSON = { nl: 'De persoon', en: 'The person' };

/** GET /api/privacy/people/{userId}/export (MVI team): everything the sessions hold about one person, as JSON; audited. */
export const exportPersonHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) => {
    const userId = parseWith(userIdParam, request.params['userId'], PERSON);
    const data = await services.sessions.exportPerson(principal, userId);
    return json(200, data, { 'content-disposition': `attachment; filename="sessiegegevens-${userId}.json"` });
  });

/** POST /api/privacy/people/{userId}/erase (MVI team): registrations removed, attendance and feedback anonymised; audited. */
export const erasePersonHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ request, principal, services }) => {
    const userId = parseWith(userIdParam, request.params['userId'], PERSON);
    return json(200, { erased: await services.sessions.erasePerson(principal, userId) });
  });

/** GET /api/privacy/audit (MVI team): exports, erasures and retention runs, newest first. */
export const privacyAuditHandler = (getServices: ServicesProvider): HttpHandler =>
  api(getServices, { roles: ['mvi-admin'] }, async ({ principal, services }) =>
    json(200, { entries: await services.sessions.auditTrail(principal.municipalityId) }),
  );

/** Timer: anonymises session data past each municipality's retention period. */
export const retentionTimerHandler =
  (getServices: ServicesProvider): TimerHandler =>
  async (_timer, context) => {
    const services = getServices();
    await services.ready();
    const report = await services.sessions.runRetention();
    if (report.sessions || report.checkInAttempts)
      context.log(`sessions retention: ${JSON.stringify(report)}`);
    // What the bot remembers of conversations has a time to live of its own (72 hours).
    const forgotten = await createConversationMemory(services.storage, services.clock).purgeExpired();
    if (forgotten) context.log(`conversation memory: ${forgotten} expired conversations forgotten`);
  };
